-- Privileged actions (corrections, refunds, blocks, an operator's retry or skip of a task) are
-- written here in the transaction that did them, then reported to auth's audit in order.
CREATE TABLE audit_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    subject text,
    detail text,
    sent_at timestamptz,
    -- auth refused the report (its answer): kept here, not sent again, the rest go on
    problem text
);
CREATE INDEX audit_outbox_unsent ON audit_outbox (id) WHERE sent_at IS NULL AND problem IS NULL;
