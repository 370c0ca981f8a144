-- The assistant's conversation memory (LangChain4j ChatMemoryStore): one row per conversation,
-- id "<teamId>|<principal>|<conversationId>", messages as LangChain4j's JSON. Runs on H2 and PostgreSQL.
CREATE TABLE assistant_memory (
    memory_id     VARCHAR(400)             NOT NULL PRIMARY KEY,
    team_id       VARCHAR(64)              NOT NULL,
    messages_json TEXT                     NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX assistant_memory_team ON assistant_memory (team_id);
