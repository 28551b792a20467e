-- Each account's login lives in auth (its contract number, e-mail and phone; the password only
-- there). A periodic job creates the credential of every account that has none yet.
ALTER TABLE account ADD COLUMN credential_created_at timestamptz;
-- Why auth refused the account's credential (its contract, e-mail or phone): not sent again
-- until an operator changes one of them.
ALTER TABLE account ADD COLUMN credential_problem text;
CREATE INDEX account_without_credential ON account (id)
    WHERE credential_created_at IS NULL AND credential_problem IS NULL;
