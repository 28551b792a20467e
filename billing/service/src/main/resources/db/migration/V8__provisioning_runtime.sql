-- Provisioning at run time: encrypted credentials and per-service values, the event outbox,
-- account events, task dependencies, periodic jobs and operator alerts.

-- Secrets (SSH private keys, SMTP passwords, API tokens), sealed with AES-GCM under the appliance's
-- key file; the database alone never reveals them. fingerprint is the public part an operator checks.
CREATE TABLE credential (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
    kind text NOT NULL CHECK (kind IN ('SSH_KEY', 'PASSWORD', 'TOKEN')),
    username text CHECK (length(username) BETWEEN 1 AND 200),
    secret bytea NOT NULL,
    fingerprint text,
    public_key text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

ALTER TABLE server ADD CONSTRAINT server_credential FOREIGN KEY (credentials_ref) REFERENCES credential (name)
    ON UPDATE CASCADE;

-- Values a service's templates keep: its generated password and named multi-line values (a VPN key
-- a script sends back), sealed like credentials.
CREATE TABLE service_storage (
    user_service_id bigint NOT NULL REFERENCES user_service (id),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    value bytea NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (user_service_id, name)
);

-- The outbox: an event whose commands are still to be queued is PENDING; the dispatcher turns it
-- into spool tasks and marks it DONE in one transaction. NULL: nothing was bound when it happened.
-- after_event_ids: a bundle parent's event waits for the tasks of its children's events.
ALTER TABLE user_service_event ADD COLUMN dispatch text CHECK (dispatch IN ('PENDING', 'DONE'));
ALTER TABLE user_service_event ADD COLUMN after_event_ids bigint[];
CREATE INDEX user_service_event_pending ON user_service_event (id) WHERE dispatch = 'PENDING';

-- The event a service in PROGRESS waits on: it leaves PROGRESS when all of that event's tasks succeed.
ALTER TABLE user_service ADD COLUMN provisioning_event_id bigint REFERENCES user_service_event (id);

-- Events of an account rather than a service: registered, payment, forecast, password reset, custom.
CREATE TABLE account_event (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES account (id),
    event text NOT NULL CHECK (length(event) BETWEEN 1 AND 64),
    detail text,
    payload jsonb NOT NULL DEFAULT '{}',
    actor text NOT NULL,
    dispatch text CHECK (dispatch IN ('PENDING', 'DONE')),
    created_at timestamptz NOT NULL
);

CREATE INDEX account_event_account ON account_event (account_id, id);
CREATE INDEX account_event_pending ON account_event (id) WHERE dispatch = 'PENDING';

ALTER TABLE spool_task ADD COLUMN account_id bigint REFERENCES account (id);
ALTER TABLE spool_task ADD COLUMN account_event_id bigint REFERENCES account_event (id);
-- a PERIODIC task's job name
ALTER TABLE spool_task ADD COLUMN job text;
-- the command's own attempt budget: an operator's retry grants this many more
ALTER TABLE spool_task ADD COLUMN policy_attempts integer NOT NULL DEFAULT 1 CHECK (policy_attempts >= 1);
CREATE INDEX spool_task_event ON spool_task (event_id);
CREATE INDEX spool_task_open ON spool_task (status, updated_at) WHERE status NOT IN ('SUCCESS', 'SKIPPED', 'CANCELLED');

-- A WAITING task becomes NEW when every task it waits for succeeded, was skipped or cancelled:
-- a bundle's parent after its children, a service's later event after its earlier one.
CREATE TABLE spool_wait (
    task_id bigint NOT NULL REFERENCES spool_task (id),
    waits_for bigint NOT NULL REFERENCES spool_task (id),
    PRIMARY KEY (task_id, waits_for)
);

CREATE INDEX spool_wait_for ON spool_wait (waits_for);

-- Housekeeping that runs through the spool on a cron schedule; next_run_at moves on atomically, so
-- each slot is queued once however many billing instances run.
CREATE TABLE periodic_job (
    name text PRIMARY KEY,
    cron text NOT NULL,
    enabled boolean NOT NULL DEFAULT true,
    next_run_at timestamptz NOT NULL,
    timeout_seconds integer NOT NULL DEFAULT 600 CHECK (timeout_seconds >= 1),
    last_task_id bigint REFERENCES spool_task (id)
);

-- What operators must look at: a command that exhausted its retries, a job that died.
CREATE TABLE alert (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL,
    severity text NOT NULL CHECK (severity IN ('WARNING', 'CRITICAL')),
    message text NOT NULL,
    account_id bigint REFERENCES account (id),
    user_service_id bigint REFERENCES user_service (id),
    task_id bigint REFERENCES spool_task (id),
    created_at timestamptz NOT NULL,
    resolved_at timestamptz,
    resolved_by text
);

CREATE INDEX alert_open ON alert (id) WHERE resolved_at IS NULL;
CREATE INDEX alert_task ON alert (task_id);

-- How many live services each server carries, for the group strategies and max_services.
CREATE INDEX user_service_server ON user_service (server_id) WHERE status <> 'REMOVED';

-- Wake the spool's workers when their work appears: NOTIFY is delivered at commit, and PostgreSQL
-- folds the repeats of one transaction into one.
CREATE FUNCTION spool_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lastmile_spool', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER user_service_event_wake AFTER INSERT ON user_service_event
    FOR EACH ROW WHEN (NEW.dispatch = 'PENDING') EXECUTE FUNCTION spool_wake();
CREATE TRIGGER account_event_wake AFTER INSERT ON account_event
    FOR EACH ROW WHEN (NEW.dispatch = 'PENDING') EXECUTE FUNCTION spool_wake();
CREATE TRIGGER spool_task_added AFTER INSERT ON spool_task
    FOR EACH ROW WHEN (NEW.status = 'NEW') EXECUTE FUNCTION spool_wake();
CREATE TRIGGER spool_task_ready AFTER UPDATE OF status ON spool_task
    FOR EACH ROW WHEN (NEW.status = 'NEW' AND OLD.status <> 'NEW') EXECUTE FUNCTION spool_wake();
