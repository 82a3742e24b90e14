-- {{kind|cap}} funnel for visitors whose first {{e1}} falls in the week of
-- Monday {{mon}} (00:00 UTC up to, not including, Monday {{next_mon}}).
--
-- Each visitor (anonymous_id) is followed from their first {{e1}} in
-- that week. A later step only counts if it happens after the previous step
-- and no more than {{win}} days after that first {{e1}}.

WITH landing AS (
    -- name = ... plus a range on occurred_at: both served by {{table}}(name, occurred_at).
    SELECT anonymous_id,
           MIN(occurred_at) AS landed_at
    FROM {{table}}
    WHERE name = '{{e1}}'
      AND occurred_at >= TIMESTAMPTZ '{{mon}} 00:00:00+00'
      AND occurred_at <  TIMESTAMPTZ '{{next_mon}} 00:00:00+00'
    GROUP BY anonymous_id
),
started AS (
    -- First {{e2}} after landing, within the {{win}}-day window.
    SELECT l.anonymous_id,
           l.landed_at,
           MIN(e.occurred_at) AS started_at
    FROM landing l
    JOIN {{table}} e
      ON e.anonymous_id = l.anonymous_id
     AND e.name = '{{e2}}'
     AND e.occurred_at >  l.landed_at
     AND e.occurred_at <= l.landed_at + interval '{{win}} days'
    GROUP BY l.anonymous_id, l.landed_at
),
completed AS (
    -- First {{e3}} after that start, still within {{win}} days of landing.
    SELECT s.anonymous_id,
           MIN(e.occurred_at) AS completed_at
    FROM started s
    JOIN {{table}} e
      ON e.anonymous_id = s.anonymous_id
     AND e.name = '{{e3}}'
     AND e.occurred_at >  s.started_at
     AND e.occurred_at <= s.landed_at + interval '{{win}} days'
    GROUP BY s.anonymous_id
),
steps AS (
    SELECT 1 AS step, '{{e1}}' AS step_name, (SELECT COUNT(*) FROM landing) AS visitors
    UNION ALL
    SELECT 2, '{{e2}}', (SELECT COUNT(*) FROM started)
    UNION ALL
    SELECT 3, '{{e3}}', (SELECT COUNT(*) FROM completed)
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
--   * Repeated {{table}} count once per visitor (MIN per anonymous_id).
