-- Migration {{mig}}: add {{table}}.{{norm}} without downtime.
--
-- Run with: psql -v ON_ERROR_STOP=1 -f {{mig}}_{{table}}_{{norm}}.sql
-- Deliberately NOT wrapped in BEGIN/COMMIT: CREATE INDEX CONCURRENTLY and the
-- per-batch COMMITs below cannot run inside a transaction block.
-- Every step can be re-run; if one fails (e.g. a lock timeout), run the whole
-- file again.

-- Fail fast instead of queueing behind a long-running query: a waiting
-- ACCESS EXCLUSIVE request would block every other query on {{table}} meanwhile.
SET lock_timeout = '{{timeout}}s';

-- Step 1: add the column. Nullable and without a default, this is a
-- catalog-only change: no table rewrite, the lock is held only for a moment.
ALTER TABLE {{table}} ADD COLUMN IF NOT EXISTS {{norm}} text;

-- Step 2: backfill in id ranges of {{batch_n}}, committing after each range so row
-- locks are short-lived and autovacuum can keep up. Rows that are already
-- filled (by the application or an earlier run) are skipped.
DO $$
DECLARE
    last_id bigint := 0;
    max_id  bigint;
BEGIN
    SELECT max(id) INTO max_id FROM {{table}};
    WHILE last_id < max_id LOOP
        UPDATE {{table}}
           SET {{norm}} = lower(trim({{col}}))
         WHERE id > last_id
           AND id <= last_id + {{batch}}
           AND {{norm}} IS NULL;
        last_id := last_id + {{batch}};
        COMMIT;
    END LOOP;
END
$$;

-- Step 3: make the column NOT NULL without a long ACCESS EXCLUSIVE scan.
-- Adding the CHECK as NOT VALID is instant; VALIDATE then scans the table
-- under a SHARE UPDATE EXCLUSIVE lock, which does not block reads or writes.
-- Since PostgreSQL 12, SET NOT NULL skips its own scan when a validated CHECK
-- already proves the column has no NULLs.
ALTER TABLE {{table}} DROP CONSTRAINT IF EXISTS {{table}}_{{norm}}_not_null;
ALTER TABLE {{table}}
    ADD CONSTRAINT {{table}}_{{norm}}_not_null
    CHECK ({{norm}} IS NOT NULL) NOT VALID;
ALTER TABLE {{table}} VALIDATE CONSTRAINT {{table}}_{{norm}}_not_null;
ALTER TABLE {{table}} ALTER COLUMN {{norm}} SET NOT NULL;
ALTER TABLE {{table}} DROP CONSTRAINT {{table}}_{{norm}}_not_null;

-- Step 4: unique index, built without blocking writes.
-- A failed concurrent build leaves an INVALID index that IF NOT EXISTS would keep; drop it.
SELECT 'DROP INDEX CONCURRENTLY ' || indexrelid::regclass FROM pg_index
 WHERE indexrelid = to_regclass('{{table}}_{{norm}}_key') AND NOT indisvalid \gexec
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS {{table}}_{{norm}}_key
    ON {{table}} ({{norm}});

RESET lock_timeout;
