-- Migration 0051: coupons on orders (orders.discount_cents + orders.coupon_id).
--
-- orders is large and written to constantly, so every step avoids a table
-- rewrite and keeps ACCESS EXCLUSIVE locks down to a catalog update.
-- Run with: psql -v ON_ERROR_STOP=1 -f 0051_orders_coupons.sql
-- No surrounding transaction: CREATE INDEX CONCURRENTLY must run outside one.

-- Give up quickly rather than queue behind a long transaction: a waiting
-- ACCESS EXCLUSIVE request blocks every later query on orders. If a step
-- times out, run that step again.
SET lock_timeout = '3s';

-- 1. discount_cents. Since PostgreSQL 11 a constant default is stored in the
--    catalog, so adding a NOT NULL column with DEFAULT 0 does not rewrite the
--    table: existing rows simply read the default.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS discount_cents bigint NOT NULL DEFAULT 0;

-- A discount can be neither negative nor larger than the order total.
-- NOT VALID skips the scan of existing rows (all 0, so they pass anyway) and
-- makes this instant; new and updated rows are checked from now on.
ALTER TABLE orders
    ADD CONSTRAINT orders_discount_cents_chk
    CHECK (discount_cents >= 0 AND discount_cents <= total_cents) NOT VALID;

-- Validation scans the table under SHARE UPDATE EXCLUSIVE, which lets reads
-- and writes continue.
ALTER TABLE orders VALIDATE CONSTRAINT orders_discount_cents_chk;

-- 2. coupon_id. A nullable column without a default is catalog-only too.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS coupon_id bigint;

-- Foreign key, also added NOT VALID and validated separately, so the lock
-- that blocks writes is only held for the catalog change.
-- ON DELETE RESTRICT: a coupon that is used by orders cannot be deleted.
ALTER TABLE orders
    ADD CONSTRAINT orders_coupon_id_fkey
    FOREIGN KEY (coupon_id) REFERENCES coupons (id) ON DELETE RESTRICT
    NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_coupon_id_fkey;

-- 3. Index coupon_id: deleting a coupon has to look up orders by coupon_id,
--    and so do the "orders per coupon" reports. Built without blocking writes;
--    if it fails, drop the INVALID index it leaves behind before retrying.
CREATE INDEX CONCURRENTLY orders_coupon_id_idx
    ON orders (coupon_id);

RESET lock_timeout;

-- Summary: two columns, a CHECK, a foreign key and an index on orders.
--   * locks that block writes are only held for catalog changes; the
--     validations and the index build run alongside normal traffic.
