-- Top {{n}} {{custs}} by net spend in calendar year {{year}} (UTC).
--
-- {{row|cap}} totals, refunds and {{row}} lines live at different grains ({{row}},
-- refund, line), so each one is aggregated on its own before the final join.
-- Joining {{items}} and refunds straight onto {{table}} would repeat
-- {{a_row}}'s total once per line and once per refund.

WITH {{table}}_{{year}} AS (
    -- Half-open range on created_at so the {{table}}(created_at) index can be used.
    SELECT o.id, o.{{cust}}_id, o.total_cents, o.created_at
    FROM {{table}} o
    WHERE o.status IN ('{{paid}}', '{{done}}')
      AND o.created_at >= TIMESTAMPTZ '{{year}}-01-01 00:00:00+00'
      AND o.created_at <  TIMESTAMPTZ '{{year1}}-01-01 00:00:00+00'
),
refunds_per_{{row}} AS (
    SELECT r.{{fk}},
           SUM(r.amount_cents) AS refunded_cents
    FROM refunds r
    JOIN {{table}}_{{year}} o ON o.id = r.{{fk}}
    GROUP BY r.{{fk}}
),
spend AS (
    SELECT o.{{cust}}_id,
           COUNT(*)                                            AS {{row}}_count,
           SUM(o.total_cents - COALESCE(r.refunded_cents, 0)) AS net_cents,
           MAX(o.created_at)                                   AS last_{{row}}_at
    FROM {{table}}_{{year}} o
    LEFT JOIN refunds_per_{{row}} r ON r.{{fk}} = o.id
    GROUP BY o.{{cust}}_id
),
products_bought AS (
    SELECT o.{{cust}}_id,
           COUNT(DISTINCT oi.{{prod}}_id) AS distinct_products
    FROM {{table}}_{{year}} o
    JOIN {{items}} oi ON oi.{{fk}} = o.id
    GROUP BY o.{{cust}}_id
)
SELECT c.id                                       AS {{cust}}_id,
       c.full_name,
       c.email,
       s.{{row}}_count,
       COALESCE(p.distinct_products, 0)           AS distinct_products,
       ROUND(s.net_cents / 100.0, 2)              AS net_spend_{{cur}},
       (s.last_{{row}}_at AT TIME ZONE 'UTC')::date AS last_{{row}}_date
FROM spend s
JOIN {{custs}} c ON c.id = s.{{cust}}_id
LEFT JOIN products_bought p ON p.{{cust}}_id = s.{{cust}}_id
-- NOT EXISTS rather than NOT IN: blocked_{{custs}}.{{cust}}_id is nullable, and
-- a single NULL there would make NOT IN return no rows at all.
WHERE NOT EXISTS (SELECT 1 FROM blocked_{{custs}} b WHERE b.{{cust}}_id = c.id)
ORDER BY s.net_cents DESC, c.id
LIMIT {{n}};

-- Notes:
--   * Refunds are only counted for the {{year}} {{table}} selected above, whenever
--     the refund itself was made.
--   * Nothing in the schema stops refunds from exceeding {{a_row}}'s total, so
--     {{a_cust}}'s net spend can be negative; such {{custs}} simply rank last.
--   * last_{{row}}_date is the UTC calendar date of the latest {{year}} {{row}}.
