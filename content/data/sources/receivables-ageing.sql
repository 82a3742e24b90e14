-- Receivables ageing as of {{as_of}}: the open balance of every {{cust}}, split
-- by how many days its invoices are past due. Amounts in {{cur_words}}.
--
-- An invoice is open while the {{payments}} applied to it up to the as-of date
-- add up to less than its total; partial {{payments}} reduce the open amount.
-- Days past due = as-of date - due date. Both are dates, so no time zone is
-- involved and an invoice due on the as-of date itself is not yet overdue.
-- Void invoices are left out; disputed ones stay in, because the money is
-- still owed until the dispute is settled.

WITH params AS (
    SELECT DATE '{{as_of}}' AS as_of
),
applied AS (
    -- {{payments|cap}} per invoice up to the as-of date, summed first so an invoice
    -- paid in several instalments appears once in the join below.
    SELECT p.invoice_id,
           SUM(p.amount_cents) AS applied_cents
    FROM {{payments}} p
    CROSS JOIN params
    WHERE p.{{paid_on}} <= params.as_of
    GROUP BY p.invoice_id
),
open_items AS (
    SELECT i.id,
           i.{{cust}}_id,
           i.total_cents - COALESCE(a.applied_cents, 0) AS open_cents,
           params.as_of - i.due_date                    AS days_past_due
    FROM invoices i
    CROSS JOIN params
    LEFT JOIN applied a ON a.invoice_id = i.id
    WHERE i.status <> 'void'
      AND i.issued_on <= params.as_of
)
SELECT c.id   AS {{cust}}_id,
       c.name AS {{cust}}_name,
       ROUND(COALESCE(SUM(o.open_cents) FILTER (
                 WHERE o.days_past_due <= 0), 0) / 100.0, 2)                    AS not_due,
       ROUND(COALESCE(SUM(o.open_cents) FILTER (
                 WHERE o.days_past_due BETWEEN 1 AND {{b1}}), 0) / 100.0, 2)     AS days_1_{{b1}},
       ROUND(COALESCE(SUM(o.open_cents) FILTER (
                 WHERE o.days_past_due BETWEEN {{b1p}} AND {{b2}}), 0) / 100.0, 2) AS days_{{b1p}}_{{b2}},
       ROUND(COALESCE(SUM(o.open_cents) FILTER (
                 WHERE o.days_past_due BETWEEN {{b2p}} AND {{b3}}), 0) / 100.0, 2) AS days_{{b2p}}_{{b3}},
       ROUND(COALESCE(SUM(o.open_cents) FILTER (
                 WHERE o.days_past_due > {{b3}}), 0) / 100.0, 2)                AS over_{{b3}},
       ROUND(SUM(o.open_cents) / 100.0, 2)                                    AS total_open
FROM open_items o
JOIN {{custs}} c ON c.id = o.{{cust}}_id
-- Fully paid (0) and overpaid (negative) invoices are not receivables;
-- credit balances are reported separately.
WHERE o.open_cents > 0
GROUP BY c.id, c.name
ORDER BY total_open DESC, c.id;

-- Notes:
--   * The buckets do not overlap and cover every day, so for each {{cust}} the
--     five bucket columns add up to total_open.
--   * Re-running for a past as-of date gives the same figures as on that day,
--     because later {{payments}} and invoices issued later are excluded.
--   * Each bucket shows 0.00, not NULL, when nothing falls into it.
