-- Signup funnel for visitors whose first landing view falls in the week of
-- Monday 2024-06-03 (00:00 UTC up to, not including, Monday 2024-06-10).
--
-- Each visitor (anonymous_id) is followed from their first landing_view in
-- that week. A later step only counts if it happens after the previous step
-- and no more than 7 days after that first landing_view.

WITH landing AS (
    -- name = ... plus a range on occurred_at: both served by events(name, occurred_at).
    SELECT anonymous_id,
           MIN(occurred_at) AS landed_at
    FROM events
    WHERE name = 'landing_view'
      AND occurred_at >= TIMESTAMPTZ '2024-06-03 00:00:00+00'
      AND occurred_at <  TIMESTAMPTZ '2024-06-10 00:00:00+00'
    GROUP BY anonymous_id
),
started AS (
    -- First signup_started after landing, within the 7-day window.
    SELECT l.anonymous_id,
           l.landed_at,
           MIN(e.occurred_at) AS started_at
    FROM landing l
    JOIN events e
      ON e.anonymous_id = l.anonymous_id
     AND e.name = 'signup_started'
     AND e.occurred_at >  l.landed_at
     AND e.occurred_at <= l.landed_at + interval '7 days'
    GROUP BY l.anonymous_id, l.landed_at
),
completed AS (
    -- First signup_completed after that start, still within 7 days of landing.
    SELECT s.anonymous_id,
           MIN(e.occurred_at) AS completed_at
    FROM started s
    JOIN events e
      ON e.anonymous_id = s.anonymous_id
     AND e.name = 'signup_completed'
     AND e.occurred_at >  s.started_at
     AND e.occurred_at <= s.landed_at + interval '7 days'
    GROUP BY s.anonymous_id
),
steps AS (
    SELECT 1 AS step, 'landing_view' AS step_name, (SELECT COUNT(*) FROM landing) AS visitors
    UNION ALL
    SELECT 2, 'signup_started', (SELECT COUNT(*) FROM started)
    UNION ALL
    SELECT 3, 'signup_completed', (SELECT COUNT(*) FROM completed)
)
SELECT step,
       step_name,
       visitors,
       ROUND(100.0 * visitors / NULLIF(LAG(visitors) OVER (ORDER BY step), 0), 1)
           AS pct_of_previous,
       ROUND(100.0 * visitors / NULLIF(FIRST_VALUE(visitors) OVER (ORDER BY step), 0), 1)
           AS pct_of_first
FROM steps
ORDER BY step;

-- Notes:
--   * pct_of_previous is NULL for step 1, which has no previous step.
--   * Visitors are counted per anonymous_id, i.e. per browser: the same person
--     on two devices counts twice, because the brief defines the funnel on it.
--   * Repeated events count once per visitor (MIN per anonymous_id).
