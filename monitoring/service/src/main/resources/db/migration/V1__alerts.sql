-- Alerts the NOC sees; the monitoring issue adds Zabbix provisioning and checks.
CREATE TABLE alert (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    module text NOT NULL,
    message text NOT NULL,
    raised_at timestamptz NOT NULL,
    resolved_at timestamptz
);
CREATE INDEX alert_open ON alert (module) WHERE resolved_at IS NULL;
