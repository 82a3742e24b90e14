-- Core {{biz}} schema for PostgreSQL 15: {{people}}, {{products}}, {{orders}}, {{lines}}.
--
-- Conventions used throughout:
--   * surrogate keys are bigint identity columns;
--   * money is stored as integer cents (bigint), never float or numeric;
--   * every timestamp is timestamptz, so instants are unambiguous across zones.

BEGIN;

{{ban_people}}

CREATE TABLE {{people}} (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text        NOT NULL,
    full_name   text        NOT NULL,
    country     char(2)     NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Case-insensitive: a plain UNIQUE (email) would accept both
-- '{{email_mixed}}' and '{{email_lower}}'.
CREATE UNIQUE INDEX {{people}}_email_lower_key ON {{people}} (lower(email));

{{ban_products}}

CREATE TABLE {{products}} (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         text        NOT NULL UNIQUE,
    name        text        NOT NULL,
    price_cents bigint      NOT NULL CHECK (price_cents >= 0),
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

{{ban_orders}}

CREATE TABLE {{orders}} (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- RESTRICT: {{a_one}} who has {{orders}} cannot be deleted, so {{order}} history survives.
    {{fk_p}} bigint      NOT NULL REFERENCES {{people}} (id) ON DELETE RESTRICT,
    status      text        NOT NULL DEFAULT '{{s0}}'
                CHECK (status IN ('{{s0}}', '{{s1}}', '{{s2}}', '{{s3}}')),
    total_cents bigint      NOT NULL CHECK (total_cents >= 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    paid_at     timestamptz
);

-- PostgreSQL does not index the referencing side of a foreign key
-- automatically, so the FK column gets its own index.
CREATE INDEX {{orders}}_{{fk}}_idx ON {{orders}} ({{fk}});

-- Date-range reports filter on created_at.
CREATE INDEX {{orders}}_created_at_idx ON {{orders}} (created_at);

{{ban_lines}}

CREATE TABLE {{lines}} (
    id               bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Lines belong to their {{order}}: removing {{a_order}} removes its lines.
    {{ofk_p}} bigint  NOT NULL REFERENCES {{orders}} (id) ON DELETE CASCADE,
    -- A {{product}} that appears in {{a_order}} can only be deactivated, never deleted.
    {{pfk_p}} bigint  NOT NULL REFERENCES {{products}} (id) ON DELETE RESTRICT,
    quantity         integer NOT NULL CHECK (quantity >= 1),
    unit_price_cents bigint  NOT NULL CHECK (unit_price_cents >= 0),
    -- One line per {{product}} per {{order}}; buying more raises the quantity.
    CONSTRAINT {{lines}}_{{order}}_{{product}}_key UNIQUE ({{ofk}}, {{pfk}})
);

-- The UNIQUE ({{ofk}}, {{pfk}}) index already serves lookups and FK checks
-- on {{ofk}} (its leading column), so only {{pfk}} needs its own index.
CREATE INDEX {{lines}}_{{pfk}}_idx ON {{lines}} ({{pfk}});

COMMIT;

-- Summary: four tables created in one transaction, so a failure part-way
-- leaves no half-built schema behind. Each table's design decisions are noted
-- in the comments above it.
