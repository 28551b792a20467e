-- Provisioning: servers in groups, templates, event bindings and the spool that runs them.

CREATE TABLE server_group (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    strategy text NOT NULL CHECK (strategy IN ('RANDOM', 'LEAST_LOADED', 'FILL', 'WEIGHTED')),
    created_at timestamptz NOT NULL
);

-- credentials_ref names a secret kept outside this table (a key file or a secret store entry);
-- host_key is the SSH server's public key as the operator confirmed it at registration.
CREATE TABLE server (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    group_id bigint REFERENCES server_group (id),
    transport text NOT NULL CHECK (transport IN ('SSH', 'HTTP', 'MAIL')),
    host text NOT NULL CHECK (length(host) BETWEEN 1 AND 255),
    port integer NOT NULL CHECK (port BETWEEN 1 AND 65535),
    credentials_ref text,
    host_key text,
    enabled boolean NOT NULL DEFAULT true,
    weight integer NOT NULL DEFAULT 1 CHECK (weight BETWEEN 1 AND 1000),
    max_services integer CHECK (max_services >= 0),
    settings jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE template (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    body text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

-- An event (CREATE, BLOCK, ...) for services whose category matches the LIKE pattern ('vpn-%')
-- runs a command: a template through a transport on a server or on one chosen from a group.
CREATE TABLE event_binding (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event text NOT NULL CHECK (length(event) BETWEEN 1 AND 64),
    category_pattern text NOT NULL CHECK (length(category_pattern) BETWEEN 1 AND 100),
    template_id bigint NOT NULL REFERENCES template (id),
    server_id bigint REFERENCES server (id),
    group_id bigint REFERENCES server_group (id),
    timeout_seconds integer NOT NULL DEFAULT 60 CHECK (timeout_seconds BETWEEN 1 AND 86400),
    max_attempts integer NOT NULL DEFAULT 5 CHECK (max_attempts BETWEEN 1 AND 100),
    backoff_seconds integer NOT NULL DEFAULT 10 CHECK (backoff_seconds BETWEEN 1 AND 86400),
    position integer NOT NULL DEFAULT 0,
    enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL,
    CHECK (server_id IS NULL OR group_id IS NULL)
);

CREATE INDEX event_binding_event ON event_binding (event) WHERE enabled;

-- The server chosen at CREATE: every later command of the service goes there.
ALTER TABLE user_service ADD COLUMN server_id bigint REFERENCES server (id);

-- A task: one command of one event for one service (or a periodic job). NEW and FAILED tasks wait
-- for run_after; RUNNING ones hold locked_until, after which a crashed worker's task is taken again.
CREATE TABLE spool_task (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('COMMAND', 'PERIODIC')),
    user_service_id bigint REFERENCES user_service (id),
    event_id bigint REFERENCES user_service_event (id),
    event text NOT NULL,
    binding_id bigint REFERENCES event_binding (id),
    server_id bigint REFERENCES server (id),
    status text NOT NULL CHECK (status IN ('WAITING', 'NEW', 'RUNNING', 'SUCCESS', 'FAILED', 'DEAD', 'PAUSED',
                                           'SKIPPED', 'CANCELLED')),
    priority integer NOT NULL DEFAULT 0,
    attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts integer NOT NULL CHECK (max_attempts >= 1),
    backoff_seconds integer NOT NULL CHECK (backoff_seconds >= 1),
    timeout_seconds integer NOT NULL CHECK (timeout_seconds >= 1),
    run_after timestamptz NOT NULL,
    locked_until timestamptz,
    last_message text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    finished_at timestamptz
);

CREATE INDEX spool_task_ready ON spool_task (priority DESC, run_after, id) WHERE status IN ('NEW', 'FAILED');
CREATE INDEX spool_task_running ON spool_task (locked_until) WHERE status = 'RUNNING';
CREATE INDEX spool_task_service ON spool_task (user_service_id, id);

CREATE TABLE spool_attempt (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id bigint NOT NULL REFERENCES spool_task (id),
    number integer NOT NULL CHECK (number >= 1),
    started_at timestamptz NOT NULL,
    ended_at timestamptz,
    outcome text CHECK (outcome IN ('SUCCESS', 'RETRY', 'FAIL')),
    exit_status integer,
    message text,
    UNIQUE (task_id, number)
);

-- Every line of an attempt's output, as it came: the task's pipeline log.
CREATE TABLE spool_output (
    attempt_id bigint NOT NULL REFERENCES spool_attempt (id),
    line_no integer NOT NULL,
    stream text NOT NULL CHECK (stream IN ('STDOUT', 'STDERR', 'TRANSPORT')),
    text text NOT NULL,
    at timestamptz NOT NULL,
    PRIMARY KEY (attempt_id, line_no)
);
