-- One-off data fix: merge duplicate {{table}} (same lower(trim(email))) into
-- the oldest account of each group, then make new duplicates impossible.
--
-- Runs in the maintenance window (application writes paused) as a single
-- transaction: if any step fails, nothing is changed.

BEGIN;

-- Map every duplicate to the survivor of its group (the smallest id).
-- {{guests|cap}} (email IS NULL) are filtered out first: they are not duplicates of
-- each other, and PARTITION BY would otherwise put all NULL emails in one group.
CREATE TEMP TABLE {{one}}_merge ON COMMIT DROP AS
SELECT id AS duplicate_id,
       survivor_id
FROM (
    SELECT id,
           MIN(id) OVER (PARTITION BY lower(trim(email))) AS survivor_id
    FROM {{table}}
    WHERE email IS NOT NULL
) grouped
WHERE id <> survivor_id;

-- The primary key indexes the joins below and proves each duplicate maps once.
ALTER TABLE {{one}}_merge ADD PRIMARY KEY (duplicate_id);

-- Re-point {{kids}} to the survivor. This must happen before the DELETE below,
-- because {{kids}}.{{fk}} is ON DELETE RESTRICT.
WITH moved AS (
    UPDATE {{kids}} o
       SET {{fk}} = m.survivor_id
      FROM {{one}}_merge m
     WHERE o.{{fk}} = m.duplicate_id
    RETURNING o.id
)
SELECT count(*) AS {{kids}}_moved FROM moved;

-- Same for {{side}}: with ON DELETE CASCADE they would otherwise be deleted
-- together with the duplicate {{one}}.
WITH moved AS (
    UPDATE {{side}} a
       SET {{fk}} = m.survivor_id
      FROM {{one}}_merge m
     WHERE a.{{fk}} = m.duplicate_id
    RETURNING a.id
)
SELECT count(*) AS {{side}}_moved FROM moved;

-- Remove the duplicates themselves; nothing references them any more.
WITH removed AS (
    DELETE FROM {{table}} c
     USING {{one}}_merge m
     WHERE c.id = m.duplicate_id
    RETURNING c.id
)
SELECT count(*) AS {{table}}_deleted FROM removed;

-- Forbid new duplicates. A plain (non-concurrent) build is fine here because
-- writes are paused, and a concurrent build cannot run inside a transaction.
-- NULL emails stay allowed: a unique index treats NULLs as distinct.
CREATE UNIQUE INDEX {{table}}_email_normalized_key
    ON {{table}} (lower(trim(email)));

COMMIT;

-- Summary: survivors keep their own email, name and created_at; duplicates
-- contribute only their {{kids}} and {{side}}. {{guests|cap}} are untouched.
