-- Atelier foundation schema. Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.
-- Timestamps are TIMESTAMP WITH TIME ZONE; JSON documents are TEXT written by the application.

CREATE TABLE teams (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    admin       BOOLEAN      NOT NULL,
    credits     BIGINT       NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_keys (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    team_id      VARCHAR(36)  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    name         VARCHAR(200) NOT NULL,
    key_prefix   VARCHAR(16)  NOT NULL,
    key_hash     VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uk_api_keys_hash UNIQUE (key_hash)
);

CREATE TABLE generations (
    id                  VARCHAR(36)   NOT NULL PRIMARY KEY,
    team_id             VARCHAR(36)   NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    status              VARCHAR(16)   NOT NULL,
    source              VARCHAR(32)   NOT NULL,
    model               VARCHAR(200)  NOT NULL,
    original_prompt     TEXT          NOT NULL,
    prompt              TEXT          NOT NULL,
    negative_prompt     TEXT,
    aspect_ratio        VARCHAR(16),
    width               INTEGER       NOT NULL,
    height              INTEGER       NOT NULL,
    image_count         INTEGER       NOT NULL,
    seed                BIGINT        NOT NULL,
    auto_enhance        BOOLEAN       NOT NULL,
    template            VARCHAR(64),
    background          VARCHAR(16),
    edit_image_hash     VARCHAR(64),
    edit_image_mime     VARCHAR(64),
    mask_hash           VARCHAR(64),
    mask_mime           VARCHAR(64),
    options_json        TEXT          NOT NULL,
    request_json        TEXT          NOT NULL,
    meta_json           TEXT          NOT NULL,
    warnings_json       TEXT          NOT NULL,
    public_requested    BOOLEAN       NOT NULL,
    idempotency_key     VARCHAR(200),
    queue_slot          BIGINT,
    progress_percent    INTEGER       NOT NULL,
    progress_message    VARCHAR(300),
    attempts            INTEGER       NOT NULL,
    error_code          VARCHAR(64),
    error_message       TEXT,
    credits_charged     BIGINT        NOT NULL,
    provider_request_id VARCHAR(300),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at          TIMESTAMP WITH TIME ZONE,
    completed_at        TIMESTAMP WITH TIME ZONE,
    processing_time_ms  BIGINT,
    CONSTRAINT uk_generations_idempotency UNIQUE (team_id, idempotency_key)
);

CREATE INDEX ix_generations_team_created ON generations (team_id, created_at);
CREATE INDEX ix_generations_status ON generations (status);
CREATE INDEX ix_generations_status_slot ON generations (status, queue_slot);
CREATE INDEX ix_generations_team_status_slot ON generations (team_id, status, queue_slot);

CREATE TABLE images (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    generation_id  VARCHAR(36)  NOT NULL REFERENCES generations (id) ON DELETE CASCADE,
    team_id        VARCHAR(36)  NOT NULL,
    image_index    INTEGER      NOT NULL,
    content_hash   VARCHAR(64)  NOT NULL,
    url_token      VARCHAR(64)  NOT NULL,
    mime_type      VARCHAR(64)  NOT NULL,
    width          INTEGER      NOT NULL,
    height         INTEGER      NOT NULL,
    file_size      BIGINT       NOT NULL,
    revised_prompt TEXT,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_images_token UNIQUE (url_token),
    CONSTRAINT uk_images_generation_index UNIQUE (generation_id, image_index)
);

CREATE INDEX ix_images_hash ON images (content_hash);

-- One row per credit movement; the unique key makes a charge or a refund happen at most once.
CREATE TABLE credit_ledger (
    id             VARCHAR(36)  NOT NULL PRIMARY KEY,
    team_id        VARCHAR(36)  NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    generation_id  VARCHAR(36)  NOT NULL,
    reason         VARCHAR(16)  NOT NULL,
    delta          BIGINT       NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_credit_ledger_once UNIQUE (generation_id, reason)
);

-- db-scheduler's table (its documented PostgreSQL layout, in portable types).
CREATE TABLE scheduled_tasks (
    task_name            VARCHAR(100) NOT NULL,
    task_instance        VARCHAR(200) NOT NULL,
    task_data            BYTEA,
    execution_time       TIMESTAMP WITH TIME ZONE NOT NULL,
    picked               BOOLEAN      NOT NULL,
    picked_by            VARCHAR(200),
    last_success         TIMESTAMP WITH TIME ZONE,
    last_failure         TIMESTAMP WITH TIME ZONE,
    consecutive_failures INTEGER,
    last_heartbeat       TIMESTAMP WITH TIME ZONE,
    version              BIGINT       NOT NULL,
    priority             SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);

CREATE INDEX ix_scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX ix_scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX ix_scheduled_tasks_priority_time ON scheduled_tasks (priority DESC, execution_time ASC);
