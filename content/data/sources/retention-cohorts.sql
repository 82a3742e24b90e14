-- Monthly retention by signup cohort (UTC calendar months).
--
-- Cohorts: {{users}} who signed up in the last {{cohorts}} calendar months, the current
-- month included, {{internal_words}} excluded. Result: one row per cohort and
-- month offset 0..{{offsets}}, leaving out offsets whose month has not started yet.
-- cohort_size is taken from {{users}}, not from {{events}}, so people who never came
-- back still count in the denominator.

WITH params AS (
    -- First instant of the oldest cohort month ({{back}} months before this one).
    SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') - interval '{{back}} months')
               AT TIME ZONE 'UTC' AS window_start
),
cohort_users AS (
    SELECT u.id AS user_id,
           date_trunc('month', u.created_at AT TIME ZONE 'UTC')::date AS cohort_month
    FROM {{users}} u
    CROSS JOIN params p
    WHERE u.created_at >= p.window_start
      AND NOT u.{{internal}}
),
cohort_sizes AS (
    SELECT cohort_month, COUNT(*) AS cohort_size
    FROM cohort_users
    GROUP BY cohort_month
),
activity AS (
    -- One row per {{user}} per calendar month with at least one {{activity_words}}.
    SELECT DISTINCT
           e.user_id,
           date_trunc('month', e.occurred_at AT TIME ZONE 'UTC')::date AS activity_month
    FROM {{events}} e
    CROSS JOIN params p
    WHERE e.name = '{{activity}}'
      AND e.occurred_at >= p.window_start
),
grid AS (
    -- Every cohort x offset 0..{{offsets}}, skipping months that have not started yet.
    SELECT s.cohort_month,
           s.cohort_size,
           o.month_offset,
           (s.cohort_month + make_interval(months => o.month_offset))::date AS activity_month
    FROM cohort_sizes s
    CROSS JOIN generate_series(0, {{offsets}}) AS o(month_offset)
    WHERE s.cohort_month + make_interval(months => o.month_offset)
          <= date_trunc('month', now() AT TIME ZONE 'UTC')
),
retained AS (
    -- activity has one row per {{user}} and month, so a plain COUNT is exact.
    SELECT g.cohort_month,
           g.month_offset,
           g.cohort_size,
           COUNT(a.user_id) AS active_users
    FROM grid g
    JOIN cohort_users c
      ON c.cohort_month = g.cohort_month
    LEFT JOIN activity a
           ON a.user_id = c.user_id
          AND a.activity_month = g.activity_month
    GROUP BY g.cohort_month, g.month_offset, g.cohort_size
)
SELECT cohort_month,
       month_offset,
       cohort_size,
       active_users,
       ROUND(100.0 * active_users / cohort_size, 1) AS retention_pct
FROM retained
ORDER BY cohort_month, month_offset;

-- Notes:
--   * Offset 0 is not necessarily 100%: it only counts {{users}} who have a
--     {{activity}} event in their signup month.
--   * The newest cohort only has offset 0; older cohorts gain one offset a month.
