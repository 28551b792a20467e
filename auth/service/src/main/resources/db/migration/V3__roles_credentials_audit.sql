-- Roles as data: each a list of permissions from platform's Permissions (or '*'), and for roles
-- that may post ledger corrections the largest one they may post (null: no limit).
CREATE TABLE role (
    name text PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9_-]{0,39}$'),
    description text NOT NULL DEFAULT '',
    permissions text[] NOT NULL,
    correction_limit numeric(14, 2) CHECK (correction_limit >= 0),
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO role (name, description, permissions, correction_limit) VALUES
    ('admin', 'Every right in every module', ARRAY['*'], NULL),
    ('cashier', 'Takes payments and posts small corrections',
        ARRAY['accounts.read', 'ledger.read', 'payments.write', 'ledger.correct', 'fiscal.read'], 5000.00),
    ('support', 'Helpdesk: reads accounts, blocks and unblocks, answers tickets',
        ARRAY['accounts.read', 'accounts.block', 'subscriptions.read', 'ledger.read', 'tickets.read',
              'tickets.write', 'provisioning.read'], NULL),
    ('noc', 'Network operations: monitoring, collectors, servers',
        ARRAY['monitoring.read', 'monitoring.write', 'collector.read', 'collector.write', 'servers.read'], NULL),
    ('readonly', 'Reads everything except the audit',
        ARRAY['accounts.read', 'ledger.read', 'catalog.read', 'subscriptions.read', 'provisioning.read',
              'servers.read', 'tickets.read', 'monitoring.read', 'collector.read', 'fiscal.read'], NULL);

-- Operators: a name and an e-mail, roles by reference (a role in use cannot be deleted), an
-- optional TOTP second factor (secret sealed with auth's key).
ALTER TABLE operator
    ADD COLUMN name text NOT NULL DEFAULT '',
    ADD COLUMN email text,
    ADD COLUMN totp_secret bytea,
    ADD COLUMN totp_confirmed boolean NOT NULL DEFAULT false,
    ADD COLUMN totp_last_step bigint,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE TABLE operator_role (
    operator_id bigint NOT NULL REFERENCES operator (id) ON DELETE CASCADE,
    role_name text NOT NULL REFERENCES role (name) ON UPDATE CASCADE,
    PRIMARY KEY (operator_id, role_name)
);

INSERT INTO operator_role (operator_id, role_name)
SELECT o.id, r.name FROM operator o CROSS JOIN LATERAL unnest(o.roles) AS u(role) JOIN role r ON r.name = u.role;

ALTER TABLE operator DROP COLUMN roles;

-- Subscribers' logins: the contract number always, e-mail and phone when the operator enables
-- them. The password hash is null until one is set.
CREATE TABLE subscriber_credential (
    account_id bigint PRIMARY KEY,
    contract text NOT NULL UNIQUE,
    email text,
    phone text,
    password_hash text,
    enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX subscriber_credential_email ON subscriber_credential (lower(email));
CREATE UNIQUE INDEX subscriber_credential_phone ON subscriber_credential (phone);

-- One-time password-reset tokens, kept as their SHA-256 only.
CREATE TABLE password_reset (
    token_hash bytea PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES subscriber_credential (account_id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);

-- Failed logins (per login and per source address) and the locks they cause.
CREATE TABLE login_failure (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login text NOT NULL,
    address text NOT NULL,
    failed_at timestamptz NOT NULL
);
CREATE INDEX login_failure_login ON login_failure (login, failed_at);
CREATE INDEX login_failure_address ON login_failure (address, failed_at);

CREATE TABLE login_lock (
    scope text NOT NULL CHECK (scope IN ('login', 'address')),
    key text NOT NULL,
    locked_until timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);

-- The audit: append-only, a trigger refuses every UPDATE, DELETE and TRUNCATE.
CREATE TABLE audit_event (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL,
    module text NOT NULL,
    actor text,
    subject text,
    action text NOT NULL,
    address text,
    detail text NOT NULL DEFAULT ''
);
CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_actor ON audit_event (actor, at);
CREATE INDEX audit_event_subject ON audit_event (subject, at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
