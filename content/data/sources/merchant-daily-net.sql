-- Daily net revenue per merchant for November 2026 (UTC days), with a
-- month-to-date running total per merchant.
--
-- Source: payment_events, one row per webhook delivery:
--   (delivery_id, event_id, merchant_id, payment_id, kind, amount_cents,
--    occurred_at, received_at)
-- kind is 'capture' or 'refund'; amount_cents is an integer, always positive.
-- The processor may deliver an event more than once, and a redelivery can
-- carry a corrected amount, so the latest delivery of each event wins.

WITH deliveries AS (
    SELECT d.*,
           ROW_NUMBER() OVER (
               PARTITION BY d.event_id
               ORDER BY d.received_at DESC, d.delivery_id DESC
           ) AS delivery_rank
    FROM payment_events d
    WHERE d.occurred_at >= TIMESTAMPTZ '2026-11-01 00:00:00+00'
      AND d.occurred_at <  TIMESTAMPTZ '2026-12-01 00:00:00+00'
),
events AS (
    -- One row per event: its latest delivery.
    SELECT merchant_id, payment_id, kind, amount_cents,
           (occurred_at AT TIME ZONE 'UTC')::date AS day
    FROM deliveries
    WHERE delivery_rank = 1
),
merchant_days AS (
    -- Every merchant with events this month, crossed with every day of the
    -- month, so days without events still appear with a net of 0.
    SELECT m.merchant_id, DATE '2026-11-01' + g.n AS day
    FROM (SELECT DISTINCT merchant_id FROM events) m
    CROSS JOIN generate_series(0, 29) AS g(n)
),
daily AS (
    SELECT md.merchant_id,
           md.day,
           COALESCE(SUM(CASE WHEN ev.kind = 'capture' THEN ev.amount_cents
                             WHEN ev.kind = 'refund'  THEN -ev.amount_cents
                        END), 0) AS net_cents,
           COUNT(DISTINCT ev.payment_id) AS payments
    FROM merchant_days md
    LEFT JOIN events ev
           ON ev.merchant_id = md.merchant_id
          AND ev.day = md.day
    GROUP BY md.merchant_id, md.day
)
SELECT merchant_id,
       day,
       payments,
       ROUND(net_cents / 100.0, 2) AS net,
       ROUND(SUM(net_cents) OVER (
                 PARTITION BY merchant_id
                 ORDER BY day
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
             ) / 100.0, 2) AS net_month_to_date
FROM daily
ORDER BY merchant_id, day;
