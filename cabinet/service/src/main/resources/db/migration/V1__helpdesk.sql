-- The helpdesk's tickets; the cabinet issue builds the portal and helpdesk on them.
CREATE TABLE ticket (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL,
    subject text NOT NULL,
    status text NOT NULL CHECK (status IN ('open', 'answered', 'closed')),
    created_at timestamptz NOT NULL
);
CREATE INDEX ticket_account ON ticket (account_id, created_at DESC);
