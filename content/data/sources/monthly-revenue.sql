-- Net revenue per calendar month for the last 12 complete months,
-- months taken in Europe/Amsterdam local time.
--
-- Approach:
--   1. Build the 12 month boundaries in local time and convert them to
--      timestamptz, so orders.created_at is compared as a plain range and
--      the orders(created_at) index stays usable.
--   2. Aggregate refunds per order first, so joining them to orders cannot
--      repeat an order once per refund.
--   3. LEFT JOIN from the month list, so months without orders still appear.

WITH months AS (
    -- First day of each of the previous 12 months, as local dates.
    SELECT generate_series(
               date_trunc('month', now() AT TIME ZONE 'Europe/Amsterdam') - interval '12 months',
               date_trunc('month', now() AT TIME ZONE 'Europe/Amsterdam') - interval '1 month',
               interval '1 month'
           )::date AS month_start
),
bounds AS (
    SELECT month_start,
           -- Local midnight on the 1st, converted to an absolute instant.
           (month_start::timestamp AT TIME ZONE 'Europe/Amsterdam') AS from_ts,
           ((month_start + interval '1 month') AT TIME ZONE 'Europe/Amsterdam') AS to_ts
    FROM months
),
refunds_per_order AS (
    SELECT order_id,
           SUM(amount_cents) AS refunded_cents
    FROM refunds
    GROUP BY order_id
),
monthly AS (
    SELECT b.month_start,
           COUNT(o.id)                        AS order_count,
           COALESCE(SUM(o.total_cents), 0)    AS gross_cents,
           COALESCE(SUM(r.refunded_cents), 0) AS refunded_cents
    FROM bounds b
    LEFT JOIN orders o
           ON o.created_at >= b.from_ts
          AND o.created_at <  b.to_ts
          AND o.status IN ('paid', 'shipped')
    LEFT JOIN refunds_per_order r
           ON r.order_id = o.id
    GROUP BY b.month_start
)
SELECT month_start                                      AS month,
       order_count,
       ROUND(gross_cents / 100.0, 2)                    AS gross_eur,
       ROUND(refunded_cents / 100.0, 2)                 AS refunds_eur,
       ROUND((gross_cents - refunded_cents) / 100.0, 2) AS net_eur
FROM monthly
ORDER BY month;

-- Notes:
--   * Refunds count in the month of the original order, as requested, so a late
--     refund changes a month already reported: always re-run all 12 months.
--   * Amounts are summed in integer cents and only converted to euros at the
--     end, so net_eur is exactly gross_eur minus refunds_eur.
--   * Months without qualifying orders show order_count 0 and 0.00 amounts.
