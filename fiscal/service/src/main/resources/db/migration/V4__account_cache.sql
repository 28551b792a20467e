-- Accounts billing answered for, so that a payer seen before is resolved while billing is down.
CREATE TABLE account_cache (
    id bigint PRIMARY KEY,
    contract text NOT NULL UNIQUE,
    currency char(3) NOT NULL,
    email text,
    phone text,
    status text NOT NULL,
    seen_at timestamptz NOT NULL
);
