-- Prompt pipeline: teams' enhancement templates and presets, team blocklists, blocked-prompt
-- events and cooldowns. Portable SQL (H2 and PostgreSQL). Built-in templates and presets live in
-- code, not here. Enhancement results are cached in memory only.

CREATE TABLE prompt_templates (
    id               VARCHAR(36)  NOT NULL PRIMARY KEY,
    team_id          VARCHAR(36)  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    name             VARCHAR(64)  NOT NULL,
    description      TEXT         NOT NULL,
    style_guidance   TEXT         NOT NULL,
    cues_json        TEXT         NOT NULL,
    negative_prompt  TEXT,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_prompt_templates_team_name UNIQUE (team_id, name)
);

CREATE TABLE prompt_presets (
    id                 VARCHAR(36)  NOT NULL PRIMARY KEY,
    team_id            VARCHAR(36)  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    name               VARCHAR(200) NOT NULL,
    description        TEXT,
    prompt             TEXT         NOT NULL,
    requirements_json  TEXT         NOT NULL,
    model              VARCHAR(200),
    aspect_ratio       VARCHAR(16),
    resolution         VARCHAR(8),
    template           VARCHAR(64),
    negative_prompt    TEXT,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_prompt_presets_team ON prompt_presets (team_id, created_at);

-- A team's own blocklist; entries use the syntax of atelier.moderation.blocklist.
CREATE TABLE moderation_blocklist (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    team_id     VARCHAR(36)  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    entry       VARCHAR(500) NOT NULL,
    category    VARCHAR(60),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_moderation_blocklist_entry UNIQUE (team_id, entry)
);

-- One row per blocked prompt: who (API key id or chat principal), which rule; counted for cooldowns.
CREATE TABLE moderation_blocks (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    team_id         VARCHAR(36)  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    principal       VARCHAR(200) NOT NULL,
    rule            VARCHAR(200) NOT NULL,
    category        VARCHAR(60),
    prompt_excerpt  TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_moderation_blocks_principal ON moderation_blocks (team_id, principal, created_at);

CREATE TABLE moderation_cooldowns (
    team_id    VARCHAR(36)  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    principal  VARCHAR(200) NOT NULL,
    until_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (team_id, principal)
);
