-- Top 20 customers by net spend in calendar year 2024 (UTC).
--
-- Order totals, refunds and order lines live at different grains (order,
-- refund, line), so each one is aggregated on its own before the final join.
-- Joining order_items and refunds straight onto orders would repeat an
-- order's total once per line and once per refund.

WITH orders_2024 AS (
    -- Half-open range on created_at so the orders(created_at) index can be used.
    SELECT o.id, o.customer_id, o.total_cents, o.created_at
    FROM orders o
    WHERE o.status IN ('paid', 'shipped')
      AND o.created_at >= TIMESTAMPTZ '2024-01-01 00:00:00+00'
      AND o.created_at <  TIMESTAMPTZ '2025-01-01 00:00:00+00'
),
refunds_per_order AS (
    SELECT r.order_id,
           SUM(r.amount_cents) AS refunded_cents
    FROM refunds r
    JOIN orders_2024 o ON o.id = r.order_id
    GROUP BY r.order_id
),
spend AS (
    SELECT o.customer_id,
           COUNT(*)                                            AS order_count,
           SUM(o.total_cents - COALESCE(r.refunded_cents, 0)) AS net_cents,
           MAX(o.created_at)                                   AS last_order_at
    FROM orders_2024 o
    LEFT JOIN refunds_per_order r ON r.order_id = o.id
    GROUP BY o.customer_id
),
products_bought AS (
    SELECT o.customer_id,
           COUNT(DISTINCT oi.product_id) AS distinct_products
    FROM orders_2024 o
    JOIN order_items oi ON oi.order_id = o.id
    GROUP BY o.customer_id
)
SELECT c.id                                       AS customer_id,
       c.full_name,
       c.email,
       s.order_count,
       COALESCE(p.distinct_products, 0)           AS distinct_products,
       ROUND(s.net_cents / 100.0, 2)              AS net_spend_eur,
       (s.last_order_at AT TIME ZONE 'UTC')::date AS last_order_date
FROM spend s
JOIN customers c ON c.id = s.customer_id
LEFT JOIN products_bought p ON p.customer_id = s.customer_id
-- NOT EXISTS rather than NOT IN: blocked_customers.customer_id is nullable, and
-- a single NULL there would make NOT IN return no rows at all.
WHERE NOT EXISTS (SELECT 1 FROM blocked_customers b WHERE b.customer_id = c.id)
ORDER BY s.net_cents DESC, c.id
LIMIT 20;

-- Notes:
--   * Refunds are only counted for the 2024 orders selected above, whenever
--     the refund itself was made.
--   * Nothing in the schema stops refunds from exceeding an order's total, so
--     a customer's net spend can be negative; such customers simply rank last.
--   * last_order_date is the UTC calendar date of the latest 2024 order.
