-- Payments as providers confirmed them, and their refunds. The receipts (54-FZ) are made from
-- these rows; billing's ledger gets them through the outbox (later migrations of the core).
CREATE TABLE payment (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider text NOT NULL,
    provider_payment_id text NOT NULL,
    -- billing's idempotency key and ATOL's external_id: 'provider:provider_payment_id'
    payment_key text NOT NULL UNIQUE,
    contract text NOT NULL,
    account_id bigint,              -- null until the contract is resolved in billing
    invoice_id bigint,
    amount numeric(19, 4) NOT NULL CHECK (amount > 0),
    currency char(3) NOT NULL,
    test_mode boolean NOT NULL DEFAULT false,
    customer_email text,
    customer_phone text,
    details jsonb NOT NULL DEFAULT '{}',
    paid_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL,
    UNIQUE (provider, provider_payment_id)
);
CREATE INDEX payment_account ON payment (account_id, received_at DESC);
CREATE INDEX payment_received ON payment (received_at);

CREATE TABLE payment_refund (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payment_id bigint NOT NULL REFERENCES payment (id),
    provider_refund_id text NOT NULL,
    refund_key text NOT NULL UNIQUE,  -- 'provider:refund:provider_refund_id'
    amount numeric(19, 4) NOT NULL CHECK (amount > 0),
    currency char(3) NOT NULL,
    refunded_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL
);
CREATE INDEX payment_refund_payment ON payment_refund (payment_id);
