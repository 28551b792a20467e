-- Idempotency and order keys are opaque strings: equal means byte for byte equal, and their unique
-- indexes need no language rules. Under the database's default collation every comparison in
-- those indexes went through libc's strcoll, which made a charge run's inserts measurably slower.
ALTER TABLE ledger_entry ALTER COLUMN idempotency_key TYPE text COLLATE "C";
ALTER TABLE user_service ALTER COLUMN order_key TYPE text COLLATE "C";
