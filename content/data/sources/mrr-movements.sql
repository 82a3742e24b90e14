-- MRR movements per month, {{first_name}} to {{last_name}}, in {{cur_words}}.
--
-- For every {{account}} the MRR at each month end is compared with the month
-- before: new (from 0, never paid before), reactivation (from 0, paid before),
-- expansion, contraction and churn (to 0). Plans billed yearly count with a
-- twelfth of their price. {{base_name}} is read only as the baseline for the
-- first reported month and is not in the output.

WITH months AS (
    SELECT g::date AS month_start,
           (g + interval '1 month')::date - 1 AS month_end
    FROM generate_series(DATE '{{base}}', DATE '{{last}}', interval '1 month') AS g
),
{{account}}_mrr AS (
    -- MRR per {{account}} on the last day of each month; {{accounts}} without an
    -- active subscription that day get 0, so churn is a drop to 0.
    SELECT a.id AS {{fk}},
           m.month_start,
           COALESCE(SUM(s.amount_cents::numeric / s.interval_months), 0) AS mrr_cents
    FROM {{accounts}} a
    CROSS JOIN months m
    LEFT JOIN {{subs}} s
           ON s.{{fk}} = a.id
          AND s.started_on <= m.month_end
          -- ended_on is the first day without service
          AND (s.ended_on IS NULL OR s.ended_on > m.month_end)
    WHERE NOT a.{{test}}
    GROUP BY a.id, m.month_start
),
changes AS (
    SELECT {{fk}},
           month_start,
           mrr_cents,
           LAG(mrr_cents, 1, 0::numeric) OVER w AS prev_cents,
           -- highest MRR in any earlier month: > 0 means "paid before"
           COALESCE(MAX(mrr_cents) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING
                                           AND 1 PRECEDING), 0) AS best_before
    FROM {{account}}_mrr
    WINDOW w AS (PARTITION BY {{fk}} ORDER BY month_start)
)
SELECT month_start AS month,
       ROUND(SUM(mrr_cents) / 100.0, 2) AS mrr,
       ROUND(SUM(mrr_cents) FILTER (WHERE prev_cents = 0 AND mrr_cents > 0
                                      AND best_before = 0) / 100.0, 2) AS new_mrr,
       ROUND(SUM(mrr_cents) FILTER (WHERE prev_cents = 0 AND mrr_cents > 0
                                      AND best_before > 0) / 100.0, 2) AS reactivation_mrr,
       ROUND(SUM(mrr_cents - prev_cents) FILTER (WHERE prev_cents > 0
                                      AND mrr_cents > prev_cents) / 100.0, 2) AS expansion_mrr,
       ROUND(SUM(mrr_cents - prev_cents) FILTER (WHERE mrr_cents > 0
                                      AND mrr_cents < prev_cents) / 100.0, 2) AS contraction_mrr,
       ROUND(SUM(-prev_cents) FILTER (WHERE prev_cents > 0
                                      AND mrr_cents = 0) / 100.0, 2) AS churned_mrr,
       COUNT(*) FILTER (WHERE mrr_cents > 0) AS paying_{{accounts}}
FROM changes
WHERE month_start >= DATE '{{first}}'
GROUP BY month_start
ORDER BY month_start;

-- Notes:
--   * Movements are rounded per column, so new + reactivation + expansion +
--     contraction + churn can differ from the change in mrr by a cent.
--   * A movement column is NULL in a month without any movement of that kind.
--   * Test {{accounts}} ({{test}}) are excluded everywhere, baseline included.
