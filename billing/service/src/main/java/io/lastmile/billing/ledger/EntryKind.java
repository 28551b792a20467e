package io.lastmile.billing.ledger;

/** What a ledger entry records, and which way it moves which balance. */
public enum EntryKind {
    PAYMENT(Wallet.MONEY, 1),
    CHARGE(Wallet.MONEY, -1),
    REFUND(Wallet.MONEY, 1),
    BONUS_GRANT(Wallet.BONUS, 1),
    BONUS_SPEND(Wallet.BONUS, -1),
    PROMISED_PAYMENT(Wallet.MONEY, 1),
    PROMISED_PAYMENT_RETURN(Wallet.MONEY, -1),
    /** An operator's correction: either sign, always with a reason. */
    CORRECTION(Wallet.MONEY, 0),
    /**
     * Money returned to the payer of a PAYMENT (by the payment system): it leaves the balance.
     * Always points at the payment; the refunds of a payment never sum to more than it.
     */
    PAYMENT_REFUND(Wallet.MONEY, -1);

    /** The balance an entry moves: the account's money or its bonus points. */
    public enum Wallet {
        MONEY,
        BONUS
    }

    private final Wallet wallet;
    private final int sign;

    EntryKind(Wallet wallet, int sign) {
        this.wallet = wallet;
        this.sign = sign;
    }

    public Wallet wallet() {
        return wallet;
    }

    /** +1 adds to the wallet, -1 takes from it, 0 takes the sign the caller gives (corrections). */
    int sign() {
        return sign;
    }
}
