-- The service catalog: tariffs, bundles and their versioned prices.

CREATE TABLE service (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    -- binds provisioning events to services; patterns such as 'vpn-%' match it
    category text NOT NULL CHECK (category ~ '^[a-z0-9][a-z0-9._-]{0,63}$'),
    currency char(3) NOT NULL,
    -- ISO-8601 period: P1M, P10D, PT12H; NULL only for one-off services
    period text,
    charge_mode text NOT NULL CHECK (charge_mode IN ('PERIOD', 'DAILY', 'ONCE')),
    month_style text NOT NULL DEFAULT 'CALENDAR' CHECK (month_style IN ('CALENDAR', 'THIRTY_DAY')),
    orderable boolean NOT NULL DEFAULT false,
    auto_renew boolean NOT NULL DEFAULT true,
    -- what the subscription turns into when this service is not renewed (trial -> paid)
    follow_up_service_id bigint REFERENCES service (id),
    -- a tariff change takes effect now (refund + charge) or when the current period ends
    change_mode text NOT NULL DEFAULT 'NOW' CHECK (change_mode IN ('NOW', 'PERIOD_END')),
    -- dunning: warn this many days before the money runs out, keep working this many days into debt
    notify_days_before integer NOT NULL DEFAULT 3 CHECK (notify_days_before BETWEEN 0 AND 60),
    grace_days integer NOT NULL DEFAULT 0 CHECK (grace_days BETWEEN 0 AND 60),
    -- voluntary freeze; NULL max means freezing is not offered
    freeze_min_days integer CHECK (freeze_min_days >= 1),
    freeze_max_days integer CHECK (freeze_max_days >= 1),
    freeze_monthly_fee numeric(19, 4) CHECK (freeze_monthly_fee >= 0),
    settings jsonb NOT NULL DEFAULT '{}',
    archived boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    CHECK ((charge_mode = 'ONCE') = (period IS NULL)),
    CHECK (freeze_min_days IS NULL OR freeze_max_days IS NULL OR freeze_min_days <= freeze_max_days)
);

CREATE INDEX service_category ON service (category);

-- Prices are never edited: a change is a new version with the date it takes effect. A running
-- subscription keeps the version it was charged with until its period ends.
CREATE TABLE service_price (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id bigint NOT NULL REFERENCES service (id),
    version integer NOT NULL CHECK (version >= 1),
    price numeric(19, 4) NOT NULL CHECK (price >= 0),
    effective_from timestamptz NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    UNIQUE (service_id, version),
    UNIQUE (service_id, effective_from)
);

-- Bundles: a parent service made of children with quantities (internet + TV + 2 static IPs).
CREATE TABLE service_child (
    parent_id bigint NOT NULL REFERENCES service (id),
    child_id bigint NOT NULL REFERENCES service (id),
    quantity integer NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 1000),
    position integer NOT NULL,
    PRIMARY KEY (parent_id, child_id),
    CHECK (parent_id <> child_id)
);
