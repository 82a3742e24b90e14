-- Subject access export (GDPR Art. 15) for one {{one}}, produced as a single
-- JSON document that the privacy team reviews and sends to the {{one}}.
--
-- Run with:
--   psql -v {{fk}}={{sample_id}} -v ON_ERROR_STOP=1 -At -f subject_access_export.sql
-- It only reads: the transaction is READ ONLY, and one statement builds the
-- whole document, so every section comes from the same snapshot.

BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY;

SELECT jsonb_pretty(jsonb_build_object(
    'generated_at', now(),
    -- Profile without credentials: those are never part of an export.
    '{{one}}', (
        SELECT to_jsonb(c) - 'password_hash' - '{{secret}}'
        FROM {{table}} c
        WHERE c.id = :{{fk}}
    ),
    'addresses', COALESCE((
        SELECT jsonb_agg(to_jsonb(a) ORDER BY a.id)
        FROM addresses a
        WHERE a.{{fk}} = :{{fk}}
    ), '[]'::jsonb),
    '{{kids}}', COALESCE((
        SELECT jsonb_agg(jsonb_build_object(
                   'id', o.id,
                   '{{kid_date}}', o.{{kid_date}},
                   'status', o.status,
                   'total_cents', o.total_cents,
                   'shipping_address', o.shipping_address
               ) ORDER BY o.{{kid_date}})
        FROM {{kids}} o
        WHERE o.{{fk}} = :{{fk}}
    ), '[]'::jsonb),
    -- The {{one}}'s messages and staff replies; internal notes stay out.
    'support_messages', COALESCE((
        SELECT jsonb_agg(jsonb_build_object(
                   'ticket_id', m.ticket_id,
                   'sent_at', m.sent_at,
                   'author', m.author_kind,
                   'body', m.body
               ) ORDER BY m.sent_at)
        FROM support_messages m
        JOIN support_tickets t ON t.id = m.ticket_id
        WHERE t.{{fk}} = :{{fk}}
          AND m.author_kind <> 'internal'
    ), '[]'::jsonb),
    -- Full consent history, withdrawals included.
    'marketing_consents', COALESCE((
        SELECT jsonb_agg(jsonb_build_object(
                   'channel', ce.channel,
                   'granted', ce.granted,
                   'changed_at', ce.changed_at,
                   'source', ce.source
               ) ORDER BY ce.changed_at)
        FROM consent_events ce
        WHERE ce.{{fk}} = :{{fk}}
    ), '[]'::jsonb),
    -- Logins are kept for {{months}} months; host() gives the address as plain text.
    'login_history', COALESCE((
        SELECT jsonb_agg(jsonb_build_object(
                   'at', l.logged_in_at,
                   'ip', host(l.ip),
                   'user_agent', l.user_agent
               ) ORDER BY l.logged_in_at DESC)
        FROM logins l
        WHERE l.{{fk}} = :{{fk}}
          AND l.logged_in_at >= now() - interval '{{months}} months'
    ), '[]'::jsonb)
));

COMMIT;
