-- Migration 0042: add users.email_normalized without downtime.
--
-- Run with: psql -v ON_ERROR_STOP=1 -f 0042_users_email_normalized.sql
-- Deliberately NOT wrapped in BEGIN/COMMIT: CREATE INDEX CONCURRENTLY and the
-- per-batch COMMITs below cannot run inside a transaction block.
-- Every step can be re-run; if one fails (e.g. a lock timeout), run the whole
-- file again.

-- Fail fast instead of queueing behind a long-running query: a waiting
-- ACCESS EXCLUSIVE request would block every other query on users meanwhile.
SET lock_timeout = '5s';

-- Step 1: add the column. Nullable and without a default, this is a
-- catalog-only change: no table rewrite, the lock is held only for a moment.
ALTER TABLE users ADD COLUMN IF NOT EXISTS email_normalized text;

-- Step 2: backfill in id ranges of 10,000, committing after each range so row
-- locks are short-lived and autovacuum can keep up. Rows that are already
-- filled (by the application or an earlier run) are skipped.
DO $$
DECLARE
    last_id bigint := 0;
    max_id  bigint;
BEGIN
    SELECT max(id) INTO max_id FROM users;
    WHILE last_id < max_id LOOP
        UPDATE users
           SET email_normalized = lower(trim(email))
         WHERE id > last_id
           AND id <= last_id + 10000
           AND email_normalized IS NULL;
        last_id := last_id + 10000;
        COMMIT;
    END LOOP;
END
$$;

-- Step 3: make the column NOT NULL without a long ACCESS EXCLUSIVE scan.
-- Adding the CHECK as NOT VALID is instant; VALIDATE then scans the table
-- under a SHARE UPDATE EXCLUSIVE lock, which does not block reads or writes.
-- Since PostgreSQL 12, SET NOT NULL skips its own scan when a validated CHECK
-- already proves the column has no NULLs.
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_normalized_not_null;
ALTER TABLE users
    ADD CONSTRAINT users_email_normalized_not_null
    CHECK (email_normalized IS NOT NULL) NOT VALID;
ALTER TABLE users VALIDATE CONSTRAINT users_email_normalized_not_null;
ALTER TABLE users ALTER COLUMN email_normalized SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_normalized_not_null;

-- Step 4: unique index, built without blocking writes.
-- A failed concurrent build leaves an INVALID index that IF NOT EXISTS would keep; drop it.
SELECT 'DROP INDEX CONCURRENTLY ' || indexrelid::regclass FROM pg_index
 WHERE indexrelid = to_regclass('users_email_normalized_key') AND NOT indisvalid \gexec
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_normalized_key
    ON users (email_normalized);

RESET lock_timeout;
