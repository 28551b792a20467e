-- A module's report may carry its own key (billing's outbox row): a report sent again after an
-- answer was lost is recorded once.
ALTER TABLE audit_event ADD COLUMN report_key text;
CREATE UNIQUE INDEX audit_event_report_key ON audit_event (module, report_key) WHERE report_key IS NOT NULL;
