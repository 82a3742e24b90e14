-- Core shop schema for PostgreSQL 15: customers, products, orders, order_items.
--
-- Conventions used throughout:
--   * surrogate keys are bigint identity columns;
--   * money is stored as integer cents (bigint), never float or numeric;
--   * every timestamp is timestamptz, so instants are unambiguous across zones.

BEGIN;

-- Customers ---------------------------------------------------------------

CREATE TABLE customers (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       text        NOT NULL,
    full_name   text        NOT NULL,
    country     char(2)     NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Case-insensitive: a plain UNIQUE (email) would accept 'Ann@x.com' and 'ann@x.com'.
CREATE UNIQUE INDEX customers_email_lower_key ON customers (lower(email));

-- Products ----------------------------------------------------------------

CREATE TABLE products (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku         text        NOT NULL UNIQUE,
    name        text        NOT NULL,
    price_cents bigint      NOT NULL CHECK (price_cents >= 0),
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Orders ------------------------------------------------------------------

CREATE TABLE orders (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- RESTRICT: a customer who has orders cannot be deleted, so order history survives.
    customer_id bigint      NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    status      text        NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
    total_cents bigint      NOT NULL CHECK (total_cents >= 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    paid_at     timestamptz
);

-- PostgreSQL does not index the referencing side of a foreign key
-- automatically, so the FK column gets its own index.
CREATE INDEX orders_customer_id_idx ON orders (customer_id);

-- Date-range reports filter on created_at.
CREATE INDEX orders_created_at_idx ON orders (created_at);

-- Order items -------------------------------------------------------------

CREATE TABLE order_items (
    id               bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Lines belong to their order: removing an order removes its lines.
    order_id         bigint  NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    -- A product that appears in an order can only be deactivated, never deleted.
    product_id       bigint  NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
    quantity         integer NOT NULL CHECK (quantity >= 1),
    unit_price_cents bigint  NOT NULL CHECK (unit_price_cents >= 0),
    -- One line per product per order; buying more raises the quantity.
    CONSTRAINT order_items_order_product_key UNIQUE (order_id, product_id)
);

-- The UNIQUE (order_id, product_id) index already serves lookups and FK checks
-- on order_id (its leading column), so only product_id needs its own index.
CREATE INDEX order_items_product_id_idx ON order_items (product_id);

COMMIT;

-- Summary: four tables created in one transaction, so a failure part-way
-- leaves no half-built schema behind. Each table's design decisions are noted
-- in the comments above it.
