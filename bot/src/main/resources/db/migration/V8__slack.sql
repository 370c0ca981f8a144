-- Slack bot. Portable SQL: runs unchanged on H2 and PostgreSQL.

-- Deliveries Slack has already made to us (slash command trigger ids, button trigger ids, modal
-- view ids, Events API event ids): a redelivery finds its key and starts nothing. Purged after a day.
CREATE TABLE slack_inbox (
    dedupe_key   VARCHAR(255)             NOT NULL PRIMARY KEY,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_slack_inbox_received ON slack_inbox (received_at);

-- Images already uploaded into a Slack message's thread (files.getUploadURLExternal +
-- files.completeUploadExternal), so a retried delivery reuses them instead of uploading twice.
CREATE TABLE slack_uploads (
    delivery_id  VARCHAR(36)              NOT NULL,
    image_id     VARCHAR(36)              NOT NULL,
    file_id      VARCHAR(64)              NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_slack_uploads PRIMARY KEY (delivery_id, image_id)
);
