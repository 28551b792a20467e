-- A change of an account's logins (contract number, e-mail, phone) or of whether it is closed
-- reaches its credential in auth: the trigger counts the change, the auth-credentials job sends
-- each account whose count is ahead of what it last sent. A change also clears the problem auth
-- had with the account's credential, so it is tried again with the new logins.
ALTER TABLE account
    ADD COLUMN credential_version integer NOT NULL DEFAULT 0,
    ADD COLUMN credential_synced_version integer NOT NULL DEFAULT 0;

CREATE FUNCTION account_credential_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.contract IS DISTINCT FROM OLD.contract
            OR NEW.email IS DISTINCT FROM OLD.email
            OR NEW.phone IS DISTINCT FROM OLD.phone
            OR (NEW.status = 'CLOSED') IS DISTINCT FROM (OLD.status = 'CLOSED') THEN
        NEW.credential_version := OLD.credential_version + 1;
        NEW.credential_problem := NULL;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER account_credential_changed
    BEFORE UPDATE OF contract, email, phone, status ON account
    FOR EACH ROW EXECUTE FUNCTION account_credential_changed();

CREATE INDEX account_credential_stale ON account (id)
    WHERE credential_created_at IS NOT NULL AND credential_problem IS NULL
        AND credential_synced_version < credential_version;
