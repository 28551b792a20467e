-- The daily comparison of each provider's statement with fiscal's own payment rows.
CREATE TABLE reconciliation (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    day date NOT NULL,
    provider text NOT NULL,
    status text NOT NULL CHECK (status IN ('MATCHED', 'DIFFERENCES', 'ERROR')),
    provider_count integer NOT NULL DEFAULT 0,
    our_count integer NOT NULL DEFAULT 0,
    error text,
    run_at timestamptz NOT NULL,
    UNIQUE (day, provider)
);

CREATE TABLE reconciliation_item (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reconciliation_id bigint NOT NULL REFERENCES reconciliation (id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('MISSING_OURS', 'MISSING_PROVIDER', 'AMOUNT_DIFFERS')),
    provider_payment_id text NOT NULL,
    payment_id bigint REFERENCES payment (id),
    invoice_id bigint,
    contract text,
    provider_amount numeric(19, 4),
    our_amount numeric(19, 4),
    currency char(3),
    paid_at timestamptz,
    imported_payment_id bigint,
    imported_at timestamptz,
    UNIQUE (reconciliation_id, provider_payment_id)
);
