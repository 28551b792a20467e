-- The money ledger: every change of an account's balance is one entry, never updated or deleted.
-- A refund or correction is a new entry that points at the entry it answers.

ALTER TABLE account
    ADD COLUMN status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'BLOCKED', 'CLOSED')),
    ADD COLUMN bonus numeric(19, 4) NOT NULL DEFAULT 0 CHECK (bonus >= 0),
    ADD COLUMN credit_limit numeric(19, 4) NOT NULL DEFAULT 0 CHECK (credit_limit >= 0);

CREATE TABLE ledger_entry (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES account (id),
    kind text NOT NULL CHECK (kind IN ('PAYMENT', 'CHARGE', 'REFUND', 'BONUS_GRANT', 'BONUS_SPEND',
                                       'PROMISED_PAYMENT', 'PROMISED_PAYMENT_RETURN', 'CORRECTION')),
    -- signed: what the entry adds to the balance it moves (money, or bonus for BONUS_* kinds)
    amount numeric(19, 4) NOT NULL CHECK (amount <> 0),
    currency char(3) NOT NULL,
    -- the balance (or bonus) of the account right after this entry
    balance_after numeric(19, 4) NOT NULL,
    idempotency_key text NOT NULL UNIQUE CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    -- a digest of the request that made the entry: the same key with another request is refused
    request_digest text NOT NULL,
    corrects_entry_id bigint REFERENCES ledger_entry (id),
    payment_method text,
    external_id text,
    user_service_id bigint,
    period_start timestamptz,
    period_end timestamptz,
    reason text,
    actor text NOT NULL,
    created_at timestamptz NOT NULL,
    CHECK (kind <> 'CORRECTION' OR length(reason) > 0),
    CHECK (kind <> 'REFUND' OR corrects_entry_id IS NOT NULL)
);

CREATE INDEX ledger_entry_account ON ledger_entry (account_id, id);
CREATE INDEX ledger_entry_corrects ON ledger_entry (corrects_entry_id) WHERE corrects_entry_id IS NOT NULL;
-- a period of a user service is charged once, however often the billing clock runs
CREATE UNIQUE INDEX ledger_entry_one_charge_per_period
    ON ledger_entry (user_service_id, period_start) WHERE kind = 'CHARGE';

-- Append-only, enforced here and not only in code: no role, not even the owner, changes an entry.
CREATE FUNCTION ledger_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are never changed or deleted (%): book a correction instead', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;

CREATE TRIGGER ledger_entry_append_only
    BEFORE UPDATE OR DELETE ON ledger_entry
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_is_append_only();

CREATE TRIGGER ledger_entry_no_truncate
    BEFORE TRUNCATE ON ledger_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entry_is_append_only();
