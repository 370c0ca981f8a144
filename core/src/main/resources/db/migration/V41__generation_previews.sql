-- Live previews of running generations (issue 19): the newest intermediate image a provider showed,
-- shrunk to a small JPEG, one row per generation, replaced as new ones come, deleted when it ends.
CREATE TABLE generation_previews (
    generation_id  VARCHAR(36)  NOT NULL PRIMARY KEY REFERENCES generations (id) ON DELETE CASCADE,
    version        INTEGER      NOT NULL,
    mime_type      VARCHAR(32)  NOT NULL,
    bytes          BYTEA        NOT NULL,
    width          INTEGER      NOT NULL,
    height         INTEGER      NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
