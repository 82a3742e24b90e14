-- One-off data fix: merge duplicate customers (same lower(trim(email))) into
-- the oldest account of each group, then make new duplicates impossible.
--
-- Runs in the maintenance window (application writes paused) as a single
-- transaction: if any step fails, nothing is changed.

BEGIN;

-- Map every duplicate to the survivor of its group (the smallest id).
-- Guests (email IS NULL) are filtered out first: they are not duplicates of
-- each other, and PARTITION BY would otherwise put all NULL emails in one group.
CREATE TEMP TABLE customer_merge ON COMMIT DROP AS
SELECT id AS duplicate_id,
       survivor_id
FROM (
    SELECT id,
           MIN(id) OVER (PARTITION BY lower(trim(email))) AS survivor_id
    FROM customers
    WHERE email IS NOT NULL
) grouped
WHERE id <> survivor_id;

-- The primary key indexes the joins below and proves each duplicate maps once.
ALTER TABLE customer_merge ADD PRIMARY KEY (duplicate_id);

-- Re-point orders to the survivor. This must happen before the DELETE below,
-- because orders.customer_id is ON DELETE RESTRICT.
WITH moved AS (
    UPDATE orders o
       SET customer_id = m.survivor_id
      FROM customer_merge m
     WHERE o.customer_id = m.duplicate_id
    RETURNING o.id
)
SELECT count(*) AS orders_moved FROM moved;

-- Same for addresses: with ON DELETE CASCADE they would otherwise be deleted
-- together with the duplicate customer.
WITH moved AS (
    UPDATE addresses a
       SET customer_id = m.survivor_id
      FROM customer_merge m
     WHERE a.customer_id = m.duplicate_id
    RETURNING a.id
)
SELECT count(*) AS addresses_moved FROM moved;

-- Remove the duplicates themselves; nothing references them any more.
WITH removed AS (
    DELETE FROM customers c
     USING customer_merge m
     WHERE c.id = m.duplicate_id
    RETURNING c.id
)
SELECT count(*) AS customers_deleted FROM removed;

-- Forbid new duplicates. A plain (non-concurrent) build is fine here because
-- writes are paused, and a concurrent build cannot run inside a transaction.
-- NULL emails stay allowed: a unique index treats NULLs as distinct.
CREATE UNIQUE INDEX customers_email_normalized_key
    ON customers (lower(trim(email)));

COMMIT;

-- Summary: survivors keep their own email, name and created_at; duplicates
-- contribute only their orders and addresses. Guest customers are untouched.
