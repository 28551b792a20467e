package io.lastmile.fiscal.payment;

/** What a search for a payer by contract number found. */
public sealed interface AccountLookup {

    record Found(PayerAccount account) implements AccountLookup {}

    /** No account has this contract number (or it is closed): the provider is told so. */
    record Unknown(String contract) implements AccountLookup {}

    /**
     * Billing did not answer and the account is not known locally: the adapter answers with the
     * provider's "try again later" where the protocol has one.
     */
    record Unavailable(String reason) implements AccountLookup {}
}
