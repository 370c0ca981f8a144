-- Chat bots (Discord, Slack): who is who, their settings, their jobs and the durable delivery of
-- results into chat messages. Portable SQL: runs unchanged on H2 and PostgreSQL.

-- One Atelier team per chat tenant (Discord guild, Slack workspace), created on first use.
CREATE TABLE chat_tenants (
    platform    VARCHAR(16)  NOT NULL,
    tenant_id   VARCHAR(64)  NOT NULL,
    team_id     VARCHAR(36)  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    name        VARCHAR(200),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_chat_tenants PRIMARY KEY (platform, tenant_id)
);

-- A chat user's defaults for /imagine (null = not set).
CREATE TABLE chat_user_settings (
    platform      VARCHAR(16)  NOT NULL,
    tenant_id     VARCHAR(64)  NOT NULL,
    user_id       VARCHAR(64)  NOT NULL,
    model         VARCHAR(200),
    aspect_ratio  VARCHAR(16),
    template      VARCHAR(64),
    enhance       BOOLEAN,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_chat_user_settings PRIMARY KEY (platform, tenant_id, user_id)
);

-- Every generation started from chat, kept when the generation is deleted (daily quotas count it).
CREATE TABLE chat_jobs (
    generation_id  VARCHAR(36)  NOT NULL PRIMARY KEY,
    team_id        VARCHAR(36)  NOT NULL,
    platform       VARCHAR(16)  NOT NULL,
    tenant_id      VARCHAR(64)  NOT NULL,
    user_id        VARCHAR(64)  NOT NULL,
    channel_id     VARCHAR(64),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_chat_jobs_user ON chat_jobs (platform, tenant_id, user_id, created_at);
CREATE INDEX ix_chat_jobs_tenant ON chat_jobs (platform, tenant_id, created_at);

-- One row per chat message that shows a generation; a db-scheduler job (task chat-delivery, id =
-- this id) keeps the message in step with the generation until its result is delivered.
CREATE TABLE chat_deliveries (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    generation_id  VARCHAR(36)  NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
    team_id        VARCHAR(36)  NOT NULL,
    platform       VARCHAR(16)  NOT NULL,
    tenant_id      VARCHAR(64)  NOT NULL,
    user_id        VARCHAR(64)  NOT NULL,
    channel_id     VARCHAR(64),
    target_json    TEXT         NOT NULL,
    state          VARCHAR(16)  NOT NULL,
    last_view      VARCHAR(64),
    last_edit_at   TIMESTAMP WITH TIME ZONE,
    attempts       INTEGER      NOT NULL,
    last_error     VARCHAR(500),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_chat_deliveries_generation ON chat_deliveries (generation_id);
