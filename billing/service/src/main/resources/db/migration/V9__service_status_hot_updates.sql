-- A service's status changes on every provisioning result. The index of live services per server
-- named status in its predicate, so each such change rewrote every index of user_service; keyed on
-- server_id alone (the group strategies still filter REMOVED rows) the change is a heap-only (HOT)
-- update, given room on the page, which the fill factor leaves.
DROP INDEX user_service_server;
CREATE INDEX user_service_server ON user_service (server_id) WHERE server_id IS NOT NULL;
ALTER TABLE user_service SET (fillfactor = 85);
