// Parameters of the rate-limiter tests: the factory and its module, the keys, the limit of the
// boundary test, the window and the start instant. Every instant in the tests is computed from
// the window: START sits three fifths into an aligned window, so an aligned limiter would reset
// two fifths of a window after START, before the test's half-window advance.
import { defineParams } from "~/domain/content/param-kit";

/** 60000 → "60_000", as the tests write numeric literals. */
function lit(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "_");
}

export default defineParams({
  draw(k) {
    const [factory, module] = k.pick([
      ["createRateLimiter", "./rate-limiter"],
      ["createFixedWindowLimiter", "./fixed-window"],
      ["createThrottle", "./throttle"],
      ["createHitLimiter", "./limiter"],
    ]);
    const [ka, kb] = k.pick([
      ["a", "b"],
      ["user_17", "user_18"],
      ["alice", "bob"],
      ["key_live_1", "key_live_2"],
      ["tenant_a", "tenant_b"],
    ]);
    const w = k.pick([10_000, 30_000, 60_000, 120_000, 300_000]);
    const off = (w * 3) / 5;
    const start = k.int(15, 60) * w + off;
    const limit = k.pick([3, 4, 5, 10]);
    return {
      factory,
      module,
      ka,
      kb,
      limit,
      limits: limit === 3 ? "1 and 3" : `1, 3 and ${limit}`,
      module_file: `${module.slice(2)}.ts`,
      limit_plus: limit + 1,
      limit_plus2: limit + 2,
      w: lit(w),
      w_less: lit(w - 1),
      w_less_words: (w - 1).toLocaleString("en-US").replace(/,/g, " "),
      w_words: w.toLocaleString("en-US").replace(/,/g, " "),
      w_late: lit(w + 1000),
      w2: lit(2 * w),
      w2_late: lit(2 * w + 1000),
      w_fifth: lit(w / 5),
      w_half: lit(w / 2),
      w_half_s: w / 2000,
      start: lit(start),
      off_s: off / 1000,
      aligned_reset_s: (w - off) / 1000,
      window_name: w === 60_000 ? "minute" : "window",
    };
  },
  relations: {
    "aligned-reset-before-half-window": (p) => p.aligned_reset_s < p.w_half_s,
  },
});
