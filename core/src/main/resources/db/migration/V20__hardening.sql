-- Issue 17 (hardening).

-- A viewer's report also records the viewer's signed first-party cookie (its id, hashed), next to
-- the address hash already in reporter: a viewer may report an entry once, ever, by address or by
-- cookie, so the same people cannot hide it again after a moderator approved it.
ALTER TABLE gallery_reports ADD COLUMN viewer VARCHAR(100);
CREATE INDEX ix_gallery_reports_entry_reporter ON gallery_reports (generation_id, reporter);
CREATE INDEX ix_gallery_reports_entry_viewer ON gallery_reports (generation_id, viewer);

-- Server-side secrets shared by every instance on the database (the gallery's viewer-cookie
-- signing key), created once by whichever instance needs one first.
CREATE TABLE server_secrets (
    name        VARCHAR(100) NOT NULL PRIMARY KEY,
    secret      VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
