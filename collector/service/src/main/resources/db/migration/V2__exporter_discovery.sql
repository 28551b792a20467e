-- Exporters the collector heard from before anyone added them: recorded once, named by address.
-- NULL for an exporter an operator added.
ALTER TABLE exporter ADD COLUMN discovered_at timestamptz;
