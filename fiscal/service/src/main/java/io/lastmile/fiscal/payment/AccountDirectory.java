package io.lastmile.fiscal.payment;

/** Finds payers in billing by contract number (implemented by the core, with a local cache). */
public interface AccountDirectory {

    AccountLookup byContract(String contract);

    AccountLookup byId(long accountId);
}
