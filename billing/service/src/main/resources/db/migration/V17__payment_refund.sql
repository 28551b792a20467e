-- Money a payment system gave back to the payer: a PAYMENT_REFUND takes it off the balance and
-- points at the PAYMENT it refunds. (billing's REFUND is another thing: a service period given
-- back, which raises the balance.) The append-only trigger of V2 stays as it is.
ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_kind_check;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_kind_check
    CHECK (kind IN ('PAYMENT', 'CHARGE', 'REFUND', 'BONUS_GRANT', 'BONUS_SPEND', 'PROMISED_PAYMENT',
                    'PROMISED_PAYMENT_RETURN', 'CORRECTION', 'PAYMENT_REFUND'));
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_payment_refund_corrects
    CHECK (kind <> 'PAYMENT_REFUND' OR (corrects_entry_id IS NOT NULL AND amount < 0));
