-- Subscriptions (user services): a service ordered by an account, its status and its current
-- paid period. Money for a period is a CHARGE entry keyed by (user service, period start).

CREATE TABLE user_service (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES account (id),
    service_id bigint NOT NULL REFERENCES service (id),
    -- a bundle's children point at the parent's subscription; they are not charged themselves
    parent_id bigint REFERENCES user_service (id),
    quantity integer NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 1000),
    status text NOT NULL CHECK (status IN ('INIT', 'NOT_PAID', 'PROGRESS', 'ACTIVE', 'BLOCKED', 'REMOVED', 'ERROR')),
    -- why a BLOCKED service is blocked: NO_MONEY unblocks on payment, FROZEN at the freeze end
    block_reason text CHECK (block_reason IN ('NO_MONEY', 'OPERATOR', 'FROZEN')),
    -- the price version the current period was charged with
    price_id bigint REFERENCES service_price (id),
    -- periods run on from the anchor (order, or the last restart): period n ends at anchor + n periods;
    -- 0 is a tariff switched at a period end whose first period is not paid yet
    anchor timestamptz,
    period_no integer CHECK (period_no >= 0),
    -- the current paid period; for DAILY services the period whose days are being charged
    period_start timestamptz,
    period_end timestamptz,
    -- DAILY services: the end of the last charged day
    paid_until timestamptz,
    -- dunning state of the current expiry
    notified_at timestamptz,
    grace_until timestamptz,
    -- a tariff change booked for the end of the period
    next_service_id bigint REFERENCES service (id),
    frozen_at timestamptz,
    frozen_until timestamptz,
    -- when the billing clock must look at this subscription next; NULL: nothing to do
    due_at timestamptz,
    settings jsonb NOT NULL DEFAULT '{}',
    -- the Idempotency-Key of the order that created it: the same key again returns this service
    order_key text UNIQUE,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    removed_at timestamptz,
    CHECK (status <> 'BLOCKED' OR block_reason IS NOT NULL)
);

CREATE INDEX user_service_account ON user_service (account_id);
CREATE INDEX user_service_due ON user_service (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX user_service_parent ON user_service (parent_id) WHERE parent_id IS NOT NULL;

-- The history of every status change and the events the change raises, written in the same
-- transaction (the outbox that provisioning consumes).
CREATE TABLE user_service_event (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_service_id bigint NOT NULL REFERENCES user_service (id),
    account_id bigint NOT NULL REFERENCES account (id),
    event text NOT NULL,
    status_from text,
    status_to text,
    detail text,
    actor text NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE INDEX user_service_event_service ON user_service_event (user_service_id, id);

-- Promised payments: credit for some days, taken back by the billing clock at its end.
CREATE TABLE promised_payment (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES account (id),
    amount numeric(19, 4) NOT NULL CHECK (amount > 0),
    entry_id bigint NOT NULL REFERENCES ledger_entry (id),
    taken_at timestamptz NOT NULL,
    due_at timestamptz NOT NULL,
    returned_entry_id bigint REFERENCES ledger_entry (id)
);

CREATE INDEX promised_payment_due ON promised_payment (due_at) WHERE returned_entry_id IS NULL;
CREATE INDEX promised_payment_account ON promised_payment (account_id, taken_at);

-- Which price version each charge used, for the operator.
ALTER TABLE ledger_entry ADD COLUMN price_id bigint REFERENCES service_price (id);

-- A period is charged once. The price version is part of the key so that a tariff changed at
-- the very instant its period began (fully refunded) can charge the new tariff's period; other
-- charges of a service (a freeze fee) carry a reason and are kept apart from period charges.
DROP INDEX ledger_entry_one_charge_per_period;
CREATE UNIQUE INDEX ledger_entry_one_charge_per_period
    ON ledger_entry (user_service_id, period_start, price_id) WHERE kind = 'CHARGE' AND reason IS NULL;
