package io.lastmile.fiscal.receipt;

/** A receipt for money received (sell, "приход") or returned (sell_refund, "возврат прихода"). */
public enum ReceiptKind {
    SELL,
    SELL_REFUND
}
