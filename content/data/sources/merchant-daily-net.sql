-- Daily net revenue per {{m_word}} for {{month_long}} (UTC days), with a
-- month-to-date running total per {{m_word}}.
--
-- Source: {{table}}, one row per webhook delivery:
--   (delivery_id, event_id, {{m}}_id, payment_id, kind, amount_cents,
--    occurred_at, received_at)
-- kind is '{{plus}}' or '{{minus}}'; amount_cents is an integer, always positive.
-- The processor may deliver an event more than once, and a redelivery can
-- carry a corrected amount, so the latest delivery of each event wins.

WITH deliveries AS (
    SELECT d.*,
           ROW_NUMBER() OVER (
               PARTITION BY d.event_id
               ORDER BY d.received_at DESC, d.delivery_id DESC
           ) AS delivery_rank
    FROM {{table}} d
    WHERE d.occurred_at >= TIMESTAMPTZ '{{start}} 00:00:00+00'
      AND d.occurred_at <  TIMESTAMPTZ '{{next}} 00:00:00+00'
),
events AS (
    -- One row per event: its latest delivery.
    SELECT {{m}}_id, payment_id, kind, amount_cents,
           (occurred_at AT TIME ZONE 'UTC')::date AS day
    FROM deliveries
    WHERE delivery_rank = 1
),
{{m}}_days AS (
    -- Every {{m_word}} with events this month, crossed with every day of the
    -- month, so days without events still appear with a net of 0.
    SELECT m.{{m}}_id, DATE '{{start}}' + g.n AS day
    FROM (SELECT DISTINCT {{m}}_id FROM events) m
    CROSS JOIN generate_series(0, {{last}}) AS g(n)
),
daily AS (
    SELECT md.{{m}}_id,
           md.day,
           COALESCE(SUM(CASE WHEN ev.kind = '{{plus}}' THEN ev.amount_cents
                             WHEN ev.kind = '{{minus}}'  THEN -ev.amount_cents
                        END), 0) AS net_cents,
           COUNT(DISTINCT ev.payment_id) AS payments
    FROM {{m}}_days md
    LEFT JOIN events ev
           ON ev.{{m}}_id = md.{{m}}_id
          AND ev.day = md.day
    GROUP BY md.{{m}}_id, md.day
)
SELECT {{m}}_id,
       day,
       payments,
       ROUND(net_cents / 100.0, 2) AS net,
       ROUND(SUM(net_cents) OVER (
                 PARTITION BY {{m}}_id
                 ORDER BY day
                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
             ) / 100.0, 2) AS net_month_to_date
FROM daily
ORDER BY {{m}}_id, day;
