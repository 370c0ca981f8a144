-- Leader leases (one row per lease, e.g. "discord-gateway"): the instance named in holder_id holds
-- the lease until expires_at; it renews every few seconds, and any instance may take a lease whose
-- expiry has passed. Portable SQL: runs unchanged on H2 and PostgreSQL.
CREATE TABLE leader_leases (
    lease_name   VARCHAR(100)             NOT NULL PRIMARY KEY,
    holder_id    VARCHAR(200)             NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    acquired_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
