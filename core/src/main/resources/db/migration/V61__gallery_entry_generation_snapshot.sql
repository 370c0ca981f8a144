-- What an entry shows of its generation (prompt, model, size, when it was made), copied into the entry
-- when it is entered: the gallery reads and searches its own rows instead of joining the generation
-- feature's table. A generation's prompt, model and size never change once it succeeded. Portable SQL:
-- runs unchanged on H2 and PostgreSQL.
ALTER TABLE gallery_entries ADD COLUMN original_prompt TEXT;
ALTER TABLE gallery_entries ADD COLUMN model VARCHAR(200);
ALTER TABLE gallery_entries ADD COLUMN width INTEGER;
ALTER TABLE gallery_entries ADD COLUMN height INTEGER;
ALTER TABLE gallery_entries ADD COLUMN generation_created_at TIMESTAMP WITH TIME ZONE;

UPDATE gallery_entries SET
    original_prompt = (SELECT g.original_prompt FROM generations g WHERE g.id = gallery_entries.generation_id),
    model = (SELECT g.model FROM generations g WHERE g.id = gallery_entries.generation_id),
    width = (SELECT g.width FROM generations g WHERE g.id = gallery_entries.generation_id),
    height = (SELECT g.height FROM generations g WHERE g.id = gallery_entries.generation_id),
    generation_created_at = (SELECT g.created_at FROM generations g WHERE g.id = gallery_entries.generation_id);

ALTER TABLE gallery_entries ALTER COLUMN original_prompt SET NOT NULL;
ALTER TABLE gallery_entries ALTER COLUMN model SET NOT NULL;
ALTER TABLE gallery_entries ALTER COLUMN width SET NOT NULL;
ALTER TABLE gallery_entries ALTER COLUMN height SET NOT NULL;
ALTER TABLE gallery_entries ALTER COLUMN generation_created_at SET NOT NULL;

-- The public gallery's model filter and its list of models.
CREATE INDEX ix_gallery_entries_status_model ON gallery_entries (status, model);
