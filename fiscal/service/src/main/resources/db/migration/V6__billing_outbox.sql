-- How a payment was made: receipts tell cash (the cash desk) from electronic payments.
ALTER TABLE payment ADD COLUMN method text NOT NULL DEFAULT 'ELECTRONIC' CHECK (method IN ('CASH', 'ELECTRONIC'));
-- Who took a cash payment (the cashier's name) and the note given.
ALTER TABLE payment ADD COLUMN cashier text;

-- Payments and refunds on their way to billing's ledger, written in the booking's transaction.
CREATE TABLE billing_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('PAYMENT', 'REFUND')),
    payment_id bigint NOT NULL REFERENCES payment (id),
    refund_id bigint UNIQUE REFERENCES payment_refund (id),
    state text NOT NULL CHECK (state IN ('PENDING', 'CREDITED', 'REFUSED')),
    attempts int NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    ledger_entry_id bigint,
    last_error text,
    billing_answer text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX billing_outbox_payment ON billing_outbox (payment_id) WHERE kind = 'PAYMENT';
CREATE INDEX billing_outbox_due ON billing_outbox (next_attempt_at) WHERE state = 'PENDING';
