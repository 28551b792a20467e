-- What the collector needs to tell whose traffic a flow is (issue 7): the addresses and prefixes
-- of each account, the traffic classes (local, peering ... and the default, internet) and one
-- version number of the two together, which the collector's map cache compares (ETag).

-- The version is a row, not a sequence read: nextval is visible to others before its transaction
-- commits (and is not rolled back), so a reader could take a new version with the old content and
-- never ask again. Each change updates this row in its own transaction: readers see the new
-- number exactly when they see the change, and concurrent changes queue on the row's lock.
CREATE TABLE traffic_map_version (
    id int PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
INSERT INTO traffic_map_version (id, version) VALUES (1, 1);

-- One prefix (an address is a /32 or /128) of one account. No two rows overlap, of one account
-- or of two: a flow's address then names exactly one account.
CREATE TABLE account_address (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES account (id),
    prefix cidr NOT NULL,
    comment text CHECK (length(comment) <= 500),
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    CONSTRAINT account_address_no_overlap EXCLUDE USING gist (prefix inet_ops WITH &&)
);
CREATE INDEX account_address_account ON account_address (account_id);

-- Traffic classes: a remote address in one of a class's prefixes (the longest match wins) puts
-- the flow in that class; any other address is the default class's.
CREATE TABLE traffic_class (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code text NOT NULL UNIQUE CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,63}$'),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    is_default boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX traffic_class_one_default ON traffic_class (is_default) WHERE is_default;

-- A prefix names one class (two classes cannot both claim 10.0.0.0/8); nested prefixes of two
-- classes are fine, the longest match decides.
CREATE TABLE traffic_class_prefix (
    class_id bigint NOT NULL REFERENCES traffic_class (id) ON DELETE CASCADE,
    prefix cidr NOT NULL UNIQUE,
    PRIMARY KEY (class_id, prefix)
);

INSERT INTO traffic_class (code, name, is_default, created_at, updated_at)
VALUES ('internet', 'Internet', true, now(), now());
