-- How many chat jobs each user, and each tenant as a whole (user_id = ''), started on a UTC day.
-- The daily quotas read these rows by key instead of counting the day's chat_jobs, a count that
-- grew with the day's traffic and ran twice on every /imagine (the early check and the binding one).
-- Incremented in the transaction that records the chat job, under the tenant's chat_tenants lock.
-- Portable SQL: runs unchanged on H2 and PostgreSQL.
CREATE TABLE chat_daily_usage (
    platform   VARCHAR(16) NOT NULL,
    tenant_id  VARCHAR(64) NOT NULL,
    user_id    VARCHAR(64) NOT NULL,
    usage_day  DATE        NOT NULL,
    jobs       INTEGER     NOT NULL,
    CONSTRAINT pk_chat_daily_usage PRIMARY KEY (platform, tenant_id, user_id, usage_day)
);

-- The counts so far, from the jobs already recorded (an upgrade keeps today's usage).
INSERT INTO chat_daily_usage (platform, tenant_id, user_id, usage_day, jobs)
SELECT platform, tenant_id, user_id, CAST(created_at AT TIME ZONE 'UTC' AS DATE), COUNT(*)
FROM chat_jobs
GROUP BY platform, tenant_id, user_id, CAST(created_at AT TIME ZONE 'UTC' AS DATE);

INSERT INTO chat_daily_usage (platform, tenant_id, user_id, usage_day, jobs)
SELECT platform, tenant_id, '', usage_day, SUM(jobs)
FROM chat_daily_usage
GROUP BY platform, tenant_id, usage_day;
