-- /describe answers (issue 19): the prompts the vision model wrote for an image, so that each prompt's
-- "Imagine" button (atelier:imagine_prompt.<n>:<id>) works later, after restarts and on any instance.
CREATE TABLE chat_describes (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    platform      VARCHAR(16)  NOT NULL,
    tenant_id     VARCHAR(64)  NOT NULL,
    user_id       VARCHAR(64)  NOT NULL,
    prompts_json  TEXT         NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_chat_describes_created ON chat_describes (created_at);
