-- Nightly account-erasure job.
--
-- {{table|cap}} whose erasure request is more than {{days}} days old are anonymised in
-- place. {{kept_words}} must be retained for legal reasons, so the
-- {{one}} row is kept ({{kept_table}} keep pointing at it) and only personal data
-- is removed.
--
-- Run with: psql -v ON_ERROR_STOP=1 -f erasure_job.sql
-- Safe to re-run: it only picks up requests that are still unprocessed, and a
-- request is marked processed in the same transaction as its erasure.

BEGIN;

-- Freeze the set of due requests once, so every step below works on exactly
-- the same {{table}} even if new requests arrive while the job runs.
-- FOR UPDATE ... SKIP LOCKED keeps an accidental second run off these rows.
CREATE TEMP TABLE due_erasures ON COMMIT DROP AS
SELECT r.id AS request_id,
       r.{{fk}}
FROM erasure_requests r
WHERE r.processed_at IS NULL
  AND r.requested_at < now() - interval '{{days}} days'
FOR UPDATE OF r SKIP LOCKED;

-- Safety net from the brief: abort (nothing is changed) if the batch is
-- suspiciously large; that usually means a bug upstream.
DO $$
DECLARE
    max_due constant integer := {{cap}};
    due     integer := (SELECT count(*) FROM due_erasures);
BEGIN
    IF due > max_due THEN
        RAISE EXCEPTION 'erasure job: % requests due, limit is %; aborting', due, max_due;
    END IF;
END
$$;

-- Anonymise the {{one}} record in place.
UPDATE {{table}} c
   SET email     = 'erased+' || c.id || '@invalid',
       full_name = 'Erased',
       phone     = NULL,
       erased_at = now()
  FROM due_erasures d
 WHERE c.id = d.{{fk}};

-- Personal data held in side tables is removed outright.
DELETE FROM {{side}} a
 USING due_erasures d
 WHERE a.{{fk}} = d.{{fk}};

DELETE FROM {{consents}} m
 USING due_erasures d
 WHERE m.{{fk}} = d.{{fk}};

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
