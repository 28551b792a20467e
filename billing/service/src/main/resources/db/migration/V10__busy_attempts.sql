-- An attempt that found its server at its limit of commands at once did not run (BUSY): it is
-- kept in the task's log, and the task is queued again without spending an attempt.
ALTER TABLE spool_attempt DROP CONSTRAINT spool_attempt_outcome_check;
ALTER TABLE spool_attempt ADD CONSTRAINT spool_attempt_outcome_check
    CHECK (outcome IN ('SUCCESS', 'RETRY', 'FAIL', 'BUSY'));
