-- What a subscriber was asked to pay through a provider's payment page.
CREATE TABLE invoice (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL,
    contract text NOT NULL,
    provider text NOT NULL,
    amount numeric(19, 4) NOT NULL CHECK (amount > 0),
    currency char(3) NOT NULL,
    status text NOT NULL CHECK (status IN ('OPEN', 'PAID', 'EXPIRED', 'CANCELLED')),
    description text,
    customer_email text,
    customer_phone text,
    payment_id bigint REFERENCES payment (id),
    provider_payment_id text,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX invoice_account ON invoice (account_id, created_at DESC);
CREATE INDEX invoice_open ON invoice (expires_at) WHERE status = 'OPEN';
ALTER TABLE payment ADD CONSTRAINT payment_invoice FOREIGN KEY (invoice_id) REFERENCES invoice (id);
