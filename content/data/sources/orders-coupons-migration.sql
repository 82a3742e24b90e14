-- Migration {{mig}}: {{refs}} on {{table}} ({{table}}.discount_cents + {{table}}.{{ref}}_id).
--
-- {{table}} is large and written to constantly, so every step avoids a table
-- rewrite and keeps ACCESS EXCLUSIVE locks down to a catalog update.
-- Run with: psql -v ON_ERROR_STOP=1 -f {{mig}}_{{table}}_{{refs}}.sql
-- No surrounding transaction: CREATE INDEX CONCURRENTLY must run outside one.

-- Give up quickly rather than queue behind a long transaction: a waiting
-- ACCESS EXCLUSIVE request blocks every later query on {{table}}. If a step
-- times out, run that step again.
SET lock_timeout = '{{timeout}}s';

-- 1. discount_cents. Since PostgreSQL 11 a constant default is stored in the
--    catalog, so adding a NOT NULL column with DEFAULT 0 does not rewrite the
--    table: existing rows simply read the default.
ALTER TABLE {{table}} ADD COLUMN IF NOT EXISTS discount_cents bigint NOT NULL DEFAULT 0;

-- A discount can be neither negative nor larger than the {{row_word}} total.
-- NOT VALID skips the scan of existing rows (all 0, so they pass anyway) and
-- makes this instant; new and updated rows are checked from now on.
ALTER TABLE {{table}}
    ADD CONSTRAINT {{table}}_discount_cents_chk
    CHECK (discount_cents >= 0 AND discount_cents <= total_cents) NOT VALID;

-- Validation scans the table under SHARE UPDATE EXCLUSIVE, which lets reads
-- and writes continue.
ALTER TABLE {{table}} VALIDATE CONSTRAINT {{table}}_discount_cents_chk;

-- 2. {{ref}}_id. A nullable column without a default is catalog-only too.
ALTER TABLE {{table}} ADD COLUMN IF NOT EXISTS {{ref}}_id bigint;

-- Foreign key, also added NOT VALID and validated separately, so the lock
-- that blocks writes is only held for the catalog change.
-- ON DELETE RESTRICT: a {{ref_word}} that is used by {{table}} cannot be deleted.
ALTER TABLE {{table}}
    ADD CONSTRAINT {{table}}_{{ref}}_id_fkey
    FOREIGN KEY ({{ref}}_id) REFERENCES {{refs}} (id) ON DELETE RESTRICT
    NOT VALID;
ALTER TABLE {{table}} VALIDATE CONSTRAINT {{table}}_{{ref}}_id_fkey;

-- 3. Index {{ref}}_id: deleting a {{ref_word}} has to look up {{table}} by {{ref}}_id,
--    and so do the "{{table}} per {{ref_word}}" reports. Built without blocking writes;
--    if it fails, drop the INVALID index it leaves behind before retrying.
CREATE INDEX CONCURRENTLY {{table}}_{{ref}}_id_idx
    ON {{table}} ({{ref}}_id);

RESET lock_timeout;

-- Summary: two columns, a CHECK, a foreign key and an index on {{table}}.
--   * locks that block writes are only held for catalog changes; the
--     validations and the index build run alongside normal traffic.
