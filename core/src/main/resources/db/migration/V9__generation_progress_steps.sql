-- Structured progress of a running generation, as providers report it (sampling step, total steps,
-- time left). NULL when the backend never said; kept after the end as the last known values.
ALTER TABLE generations ADD COLUMN progress_step INTEGER;
ALTER TABLE generations ADD COLUMN progress_total_steps INTEGER;
ALTER TABLE generations ADD COLUMN progress_eta_seconds BIGINT;
