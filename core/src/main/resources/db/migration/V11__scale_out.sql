-- Scale-out: shared rate-limit buckets and HTTP idempotency keys. Portable SQL (H2 and PostgreSQL).

-- bucket4j's JDBC proxy manager (atelier.rate-limit.store=postgres): one row per API key's bucket,
-- state serialised by bucket4j, expires_at in epoch milliseconds (the row may be deleted after it).
CREATE TABLE rate_limit_buckets (
    id          VARCHAR(200) NOT NULL PRIMARY KEY,
    state       BYTEA,
    expires_at  BIGINT
);

CREATE INDEX ix_rate_limit_buckets_expires ON rate_limit_buckets (expires_at);

-- Idempotency-Key on POST requests, scoped by team: the first request's fingerprint and, once it
-- has answered, its response for replay. Kept 24 h (expires_at), then deleted by a cleanup job.
CREATE TABLE idempotency_keys (
    team_id            VARCHAR(36)  NOT NULL,
    idempotency_key    VARCHAR(255) NOT NULL,
    request_hash       VARCHAR(64)  NOT NULL,
    request_path       VARCHAR(500) NOT NULL,
    state              VARCHAR(16)  NOT NULL,
    response_status    INTEGER,
    response_headers   TEXT,
    response_body      BYTEA,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until       TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_idempotency_keys PRIMARY KEY (team_id, idempotency_key)
);

CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at);
