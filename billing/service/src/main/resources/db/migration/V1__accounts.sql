-- Subscriber accounts. The billing-core issue grows this table (type, contacts, credit ...);
-- the balance is only ever changed together with a ledger entry.
CREATE TABLE account (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    contract text NOT NULL UNIQUE CHECK (length(contract) BETWEEN 1 AND 64),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
    currency char(3) NOT NULL,
    balance numeric(19, 4) NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
