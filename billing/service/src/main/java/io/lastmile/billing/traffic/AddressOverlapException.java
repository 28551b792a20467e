package io.lastmile.billing.traffic;

/** A prefix would overlap one already given (to another account, or to the same one). */
class AddressOverlapException extends RuntimeException {

    private final long accountId;
    private final String prefix;

    AddressOverlapException(String asked, AddressRepository.Overlap other, long forAccount) {
        super(asked + " overlaps " + other.prefix() + ", which "
                + (other.accountId() == forAccount
                        ? "this account already has: delete that one first to replace it"
                        : "belongs to account " + other.accountId() + " (contract " + other.contract()
                                + "): a flow's address must name one account"));
        this.accountId = other.accountId();
        this.prefix = other.prefix();
    }

    long accountId() {
        return accountId;
    }

    String prefix() {
        return prefix;
    }
}
