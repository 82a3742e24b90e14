-- Net revenue per calendar month for the last {{months}} complete months,
-- months taken in {{tz}} local time.
--
-- Approach:
--   1. Build the {{months}} month boundaries in local time and convert them to
--      timestamptz, so {{table}}.created_at is compared as a plain range and
--      the {{table}}(created_at) index stays usable.
--   2. Aggregate refunds per {{row}} first, so joining them to {{table}} cannot
--      repeat {{a_row}} once per refund.
--   3. LEFT JOIN from the month list, so months without {{table}} still appear.

WITH months AS (
    -- First day of each of the previous {{months}} months, as local dates.
    SELECT generate_series(
               date_trunc('month', now() AT TIME ZONE '{{tz}}') - interval '{{months}} months',
               date_trunc('month', now() AT TIME ZONE '{{tz}}') - interval '1 month',
               interval '1 month'
           )::date AS month_start
),
bounds AS (
    SELECT month_start,
           -- Local midnight on the 1st, converted to an absolute instant.
           (month_start::timestamp AT TIME ZONE '{{tz}}') AS from_ts,
           ((month_start + interval '1 month') AT TIME ZONE '{{tz}}') AS to_ts
    FROM months
),
refunds_per_{{row}} AS (
    SELECT {{fk}},
           SUM(amount_cents) AS refunded_cents
    FROM refunds
    GROUP BY {{fk}}
),
monthly AS (
    SELECT b.month_start,
           COUNT(o.id)                        AS {{row}}_count,
           COALESCE(SUM(o.total_cents), 0)    AS gross_cents,
           COALESCE(SUM(r.refunded_cents), 0) AS refunded_cents
    FROM bounds b
    LEFT JOIN {{table}} o
           ON o.created_at >= b.from_ts
          AND o.created_at <  b.to_ts
          AND o.status IN ('{{paid}}', '{{done}}')
    LEFT JOIN refunds_per_{{row}} r
           ON r.{{fk}} = o.id
    GROUP BY b.month_start
)
SELECT month_start                                      AS month,
       {{row}}_count,
       ROUND(gross_cents / 100.0, 2)                    AS gross_{{cur}},
       ROUND(refunded_cents / 100.0, 2)                 AS refunds_{{cur}},
       ROUND((gross_cents - refunded_cents) / 100.0, 2) AS net_{{cur}}
FROM monthly
ORDER BY month;

-- Notes:
--   * Refunds count in the month of the original {{row}}, as requested, so a late
--     refund changes a month already reported: always re-run all {{months}} months.
--   * Amounts are summed in integer cents and only converted to {{cur_words}} at the
--     end, so net_{{cur}} is exactly gross_{{cur}} minus refunds_{{cur}}.
--   * Months without qualifying {{table}} show {{row}}_count 0 and 0.00 amounts.
