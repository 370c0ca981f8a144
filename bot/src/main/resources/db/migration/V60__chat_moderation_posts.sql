-- Publish requests posted to a chat's moderators' channel (issue 20): one row per generation and
-- place posted, written before the post (a claim with no message yet) and completed with the
-- message's id. The chat-moderation job compares shown_status with the gallery entry's status to
-- update the post after a decision taken anywhere (chat, web console, API), and author_told_status
-- with it to tell the author once per decision. Portable SQL: runs unchanged on H2 and PostgreSQL.
CREATE TABLE chat_moderation_posts (
    generation_id       VARCHAR(36)  NOT NULL,
    platform            VARCHAR(16)  NOT NULL,
    tenant_id           VARCHAR(64)  NOT NULL,
    channel_id          VARCHAR(64)  NOT NULL,
    message_ref         VARCHAR(64),
    shown_status        VARCHAR(32)  NOT NULL,
    author_told_status  VARCHAR(32),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_chat_moderation_posts PRIMARY KEY (generation_id, platform, channel_id)
);

CREATE INDEX ix_chat_moderation_posts_shown ON chat_moderation_posts (shown_status);

-- Slack workspaces that installed the app through the OAuth flow (Bolt's InstallationService):
-- the bot token each workspace's calls use. Deleted on app_uninstalled / tokens_revoked.
CREATE TABLE slack_installations (
    team_id          VARCHAR(64)   NOT NULL,
    enterprise_id    VARCHAR(64)   NOT NULL,
    app_id           VARCHAR(64),
    bot_id           VARCHAR(64),
    bot_user_id      VARCHAR(64),
    bot_token        VARCHAR(512)  NOT NULL,
    bot_scope        VARCHAR(2000),
    installer_user   VARCHAR(64),
    installed_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_slack_installations PRIMARY KEY (team_id, enterprise_id)
);

-- A chat tenant's own settings (a Discord guild's, a Slack workspace's), set by its admins; null =
-- the global configuration applies. Quotas: 0 = unlimited, like the global ones.
CREATE TABLE chat_tenant_settings (
    platform            VARCHAR(16)  NOT NULL,
    tenant_id           VARCHAR(64)  NOT NULL,
    moderation_channel  VARCHAR(64),
    user_concurrent     INTEGER,
    user_daily          INTEGER,
    tenant_concurrent   INTEGER,
    tenant_daily        INTEGER,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_chat_tenant_settings PRIMARY KEY (platform, tenant_id)
);
