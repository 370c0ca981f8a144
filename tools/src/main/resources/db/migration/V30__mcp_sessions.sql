-- MCP Streamable HTTP sessions, kept in the database so that any instance serves any session
-- (non-sticky load balancers) and sessions outlive a restart. Runs on H2 and PostgreSQL.
-- A session belongs to the principal that opened it (an API key or an OAuth grant); another
-- principal presenting its id is told it does not exist.
CREATE TABLE mcp_sessions (
    id               VARCHAR(64)              NOT NULL PRIMARY KEY,
    team_id          VARCHAR(64)              NOT NULL,
    principal        VARCHAR(200)             NOT NULL,
    protocol_version VARCHAR(20)              NOT NULL,
    client_json      TEXT                     NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX mcp_sessions_last_seen ON mcp_sessions (last_seen_at);

-- resources/subscribe: notified (notifications/resources/updated) by the instance that holds the
-- session's listening stream, once the generation ends; notified_at marks it done.
CREATE TABLE mcp_subscriptions (
    session_id    VARCHAR(64)              NOT NULL,
    uri           VARCHAR(200)             NOT NULL,
    generation_id VARCHAR(64),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    notified_at   TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (session_id, uri)
);
CREATE INDEX mcp_subscriptions_pending ON mcp_subscriptions (notified_at, session_id);

-- Which generation a tools/call request started, so that the client's notifications/cancelled
-- (which may reach another instance) cancels it.
CREATE TABLE mcp_tool_calls (
    session_id    VARCHAR(64)              NOT NULL,
    request_id    VARCHAR(200)             NOT NULL,
    generation_id VARCHAR(64)              NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (session_id, request_id)
);
CREATE INDEX mcp_tool_calls_created ON mcp_tool_calls (created_at);
