-- The generation engine (issue 16) queues in memory, per provider lane, and no longer keeps a
-- fair-queue slot per generation: its column and the two indexes that served it go, so that
-- every insert and status change maintains two B-trees fewer.
DROP INDEX ix_generations_status_slot;
DROP INDEX ix_generations_team_status_slot;
ALTER TABLE generations DROP COLUMN queue_slot;
