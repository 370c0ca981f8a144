-- The preset a generation was rendered from (built-in slug or a team preset's id), so image
-- libraries can filter by it (v0 GET /v0/images/library?presetId=). Null for plain prompts.
-- No foreign key: built-in presets are not rows, and deleting a preset keeps its images.
-- Portable SQL (H2 and PostgreSQL).

ALTER TABLE generations ADD COLUMN preset_id VARCHAR(200);

CREATE INDEX ix_generations_team_preset ON generations (team_id, preset_id);
