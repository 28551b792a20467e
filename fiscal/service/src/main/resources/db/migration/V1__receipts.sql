-- Fiscal receipts (54-FZ); the fiscal issue adds payments, providers and the receipt lifecycle.
CREATE TABLE receipt (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL,
    amount numeric(19, 4) NOT NULL CHECK (amount > 0),
    currency char(3) NOT NULL,
    status text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE INDEX receipt_created ON receipt (created_at DESC);
