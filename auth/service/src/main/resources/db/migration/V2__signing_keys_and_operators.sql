-- The keys auth signs tokens with. Kept in the database so tokens stay valid across restarts;
-- a retired key stays published in the JWKS until the tokens it signed have expired.
CREATE TABLE signing_key (
    kid text PRIMARY KEY,
    algorithm text NOT NULL,
    public_key bytea NOT NULL,
    private_key bytea NOT NULL,
    created_at timestamptz NOT NULL,
    retired_at timestamptz
);

-- Operators who log in to the UIs. Roles and permissions grow in the auth issue.
CREATE TABLE operator (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login text NOT NULL UNIQUE,
    password_hash text NOT NULL,
    roles text[] NOT NULL,
    enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now()
);
