-- Nightly account-erasure job.
--
-- Customers whose erasure request is more than 30 days old are anonymised in
-- place. Orders and invoices must be retained for legal reasons, so the
-- customer row is kept (orders keep pointing at it) and only personal data
-- is removed.
--
-- Run with: psql -v ON_ERROR_STOP=1 -f erasure_job.sql
-- Safe to re-run: it only picks up requests that are still unprocessed, and a
-- request is marked processed in the same transaction as its erasure.

BEGIN;

-- Freeze the set of due requests once, so every step below works on exactly
-- the same customers even if new requests arrive while the job runs.
-- FOR UPDATE ... SKIP LOCKED keeps an accidental second run off these rows.
CREATE TEMP TABLE due_erasures ON COMMIT DROP AS
SELECT r.id AS request_id,
       r.customer_id
FROM erasure_requests r
WHERE r.processed_at IS NULL
  AND r.requested_at < now() - interval '30 days'
FOR UPDATE OF r SKIP LOCKED;

-- Safety net from the brief: abort (nothing is changed) if the batch is
-- suspiciously large; that usually means a bug upstream.
DO $$
DECLARE
    max_due constant integer := 500;
    due     integer := (SELECT count(*) FROM due_erasures);
BEGIN
    IF due > max_due THEN
        RAISE EXCEPTION 'erasure job: % requests due, limit is %; aborting', due, max_due;
    END IF;
END
$$;

-- Anonymise the customer record in place.
UPDATE customers c
   SET email     = 'erased+' || c.id || '@invalid',
       full_name = 'Erased',
       phone     = NULL,
       erased_at = now()
  FROM due_erasures d
 WHERE c.id = d.customer_id;

-- Personal data held in side tables is removed outright.
DELETE FROM addresses a
 USING due_erasures d
 WHERE a.customer_id = d.customer_id;

DELETE FROM marketing_consents m
 USING due_erasures d
 WHERE m.customer_id = d.customer_id;

-- Close the requests in the same transaction as the erasure.
UPDATE erasure_requests r
   SET processed_at = now()
  FROM due_erasures d
 WHERE r.id = d.request_id;

-- Row count for the job log.
SELECT count(*) AS requests_processed FROM due_erasures;

COMMIT;

-- Note: old row versions stay in the table files until VACUUM reclaims them, and
-- in backups and WAL archives until those expire (covered by the backup policy).
