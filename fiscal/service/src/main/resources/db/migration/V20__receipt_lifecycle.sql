-- Fiscal receipts (54-FZ): one per payment (sell) and one per refund (sell_refund), registered
-- with a fiscal provider (ATOL Online v5) and polled until the provider reports done or fail.
-- Replaces the placeholder receipt table of V1.
DROP TABLE receipt;

CREATE TABLE receipt (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('SELL', 'SELL_REFUND')),
    payment_id bigint NOT NULL REFERENCES payment (id),
    refund_id bigint REFERENCES payment_refund (id),
    -- ATOL's external_id: the payment's payment_key, or the refund's refund_key
    external_id text NOT NULL UNIQUE,
    account_id bigint,
    amount numeric(19, 4) NOT NULL CHECK (amount > 0),
    currency char(3) NOT NULL,
    cash boolean NOT NULL,
    client_email text,
    client_phone text,
    status text NOT NULL CHECK (status IN ('QUEUED', 'SENT', 'DONE', 'FAILED')),
    registrar text NOT NULL,
    registrar_uuid text,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    error_code text,
    error_text text,
    fn_number text,
    fiscal_receipt_number bigint,
    fiscal_document_number bigint,
    fiscal_document_attribute bigint,
    receipt_datetime timestamptz,
    ecr_registration_number text,
    shift_number integer,
    fiscal_total numeric(19, 4),
    ofd_site text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CHECK ((kind = 'SELL') = (refund_id IS NULL))
);
-- one sell receipt per payment, one sell_refund receipt per refund, never two
CREATE UNIQUE INDEX receipt_one_sell ON receipt (payment_id) WHERE kind = 'SELL';
CREATE UNIQUE INDEX receipt_one_refund ON receipt (refund_id) WHERE kind = 'SELL_REFUND';
CREATE INDEX receipt_due ON receipt (next_attempt_at) WHERE status IN ('QUEUED', 'SENT');
CREATE INDEX receipt_account ON receipt (account_id, created_at DESC);
CREATE INDEX receipt_created ON receipt (created_at DESC);
