-- Usage the collector reports (issue 7). Each batch is booked once: its id and a hash of what it
-- booked are kept, so a replay is answered as a duplicate and a different batch under the same id
-- is refused.
CREATE TABLE traffic_batch (
    batch_id uuid PRIMARY KEY,
    source text NOT NULL,
    content_hash text NOT NULL,
    rows int NOT NULL,
    unknown_accounts bigint[] NOT NULL,
    received_at timestamptz NOT NULL
);
CREATE INDEX traffic_batch_received ON traffic_batch (received_at);

-- Bytes and packets per account, class, direction (IN = to the subscriber) and UTC minute.
-- Partitioned by month of the minute; partitions are created ahead by a job and, for a late or
-- early minute, before the batch's transaction (see TrafficPartitions).
CREATE TABLE traffic_minute (
    account_id bigint NOT NULL,
    traffic_class text NOT NULL,
    direction text NOT NULL CHECK (direction IN ('IN', 'OUT')),
    minute timestamptz NOT NULL CHECK (date_trunc('minute', minute, 'UTC') = minute),
    bytes bigint NOT NULL CHECK (bytes >= 0),
    packets bigint NOT NULL CHECK (packets >= 0),
    PRIMARY KEY (account_id, minute, traffic_class, direction)
) PARTITION BY RANGE (minute);

-- The same, summed per UTC hour.
CREATE TABLE traffic_hour (
    account_id bigint NOT NULL,
    traffic_class text NOT NULL,
    direction text NOT NULL CHECK (direction IN ('IN', 'OUT')),
    hour timestamptz NOT NULL CHECK (date_trunc('hour', hour, 'UTC') = hour),
    bytes bigint NOT NULL CHECK (bytes >= 0),
    packets bigint NOT NULL CHECK (packets >= 0),
    PRIMARY KEY (account_id, hour, traffic_class, direction)
);

-- The same, summed per day of the account's own time zone (its billing periods' days).
CREATE TABLE traffic_day (
    account_id bigint NOT NULL,
    traffic_class text NOT NULL,
    direction text NOT NULL CHECK (direction IN ('IN', 'OUT')),
    day date NOT NULL,
    bytes bigint NOT NULL CHECK (bytes >= 0),
    packets bigint NOT NULL CHECK (packets >= 0),
    PRIMARY KEY (account_id, day, traffic_class, direction)
);
