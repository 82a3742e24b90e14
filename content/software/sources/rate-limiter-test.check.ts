// Checks for the rate-limiter unit tests. The document is a test file, so the checks run it: a
// stand-in `vitest` (describe / it / it.each / expect with vitest's matcher names) collects its
// tests, and the module under test is answered with a correct fixed-window limiter or with a
// limiter that has one known bug. The file must pass against the correct limiter, and each test
// must fail against the bug its name says it pins (per-test mutation testing).
import type { CheckSuite } from "~/domain/proof/format";

type Hit = { allowed: boolean; remaining: number; resetAt: number };
type Options = { limit: number; windowMs: number; now?: () => number };
/** The bugs a limiter may have; the correct one has none. */
type Bug = "one-extra-hit" | "remaining-below-zero" | "reset-at-plus-1" | "resets-1ms-early" | "resets-1ms-late" | "aligned-windows" | "shared-keys" | "no-validation";

const suite: CheckSuite = ({ test, load, assert, params }) => {
  const factoryName = String(params.factory);

  function limiterWith(bug?: Bug) {
    return (options: Options) => {
      const { limit, windowMs, now = () => Date.now() } = options;
      if (bug !== "no-validation" && (!(limit >= 1) || !(windowMs > 0))) throw new RangeError("limit must be >= 1 and windowMs > 0");
      const windows = new Map<string, { start: number; count: number }>();
      const allowedHits = bug === "one-extra-hit" ? limit + 1 : limit;
      return {
        hit(key: string): Hit {
          const t = now();
          const k = bug === "shared-keys" ? "*" : key;
          let w = windows.get(k);
          const end = w ? w.start + windowMs : 0;
          const expired = !w || (bug === "resets-1ms-early" ? t >= end - 1 : bug === "resets-1ms-late" ? t > end : t >= end);
          if (expired) {
            w = { start: bug === "aligned-windows" ? t - (t % windowMs) : t, count: 0 };
            windows.set(k, w);
          }
          const win = w as { start: number; count: number };
          win.count++;
          const allowed = win.count <= allowedHits;
          const remaining = bug === "remaining-below-zero" ? limit - win.count : Math.max(0, limit - win.count);
          return { allowed, remaining, resetAt: win.start + windowMs + (bug === "reset-at-plus-1" ? 1 : 0) };
        },
      };
    };
  }

  /** vitest's expect, with the matchers this file may use; an unknown matcher is not a function. */
  function expect(actual: unknown) {
    const show = (v: unknown) => JSON.stringify(v);
    const fail = (m: string) => { throw new Error(m); };
    return {
      toBe(expected: unknown) { if (!Object.is(actual, expected)) fail(`expected ${show(actual)} to be ${show(expected)}`); },
      toEqual(expected: unknown) { if (show(actual) !== show(expected)) fail(`expected ${show(actual)} to equal ${show(expected)}`); },
      toMatchObject(expected: Record<string, unknown>) {
        const a = actual as Record<string, unknown>;
        for (const [k, v] of Object.entries(expected)) if (!a || !Object.is(a[k], v)) fail(`expected ${show(actual)} to match ${show(expected)}`);
      },
      toBeDefined() { if (actual === undefined) fail("expected a defined value"); },
      toBeGreaterThan(n: number) { if (!((actual as number) > n)) fail(`expected ${show(actual)} > ${n}`); },
      toThrow(kind?: new (...a: any[]) => Error) {
        try {
          (actual as () => unknown)();
        } catch (e) {
          if (kind && !(e instanceof kind)) fail(`expected a ${kind.name}, got ${String(e)}`);
          return;
        }
        fail("expected the function to throw");
      },
    };
  }

  /** Loads the test file against a limiter; returns its tests by name. */
  function collect(bug?: Bug): Map<string, () => unknown> {
    const tests = new Map<string, () => unknown>();
    let prefix = "";
    const it = (name: string, body: () => unknown) => { tests.set(prefix + name, body); };
    it.each = (rows: unknown[]) => (name: string, body: (row: unknown) => unknown) => {
      rows.forEach((row) => it(name.replace("%o", JSON.stringify(row)), () => body(row)));
    };
    const describe = (name: string, body: () => void) => {
      prefix = `${name} > `;
      body();
      prefix = "";
    };
    load({ vitest: { describe, it, expect }, [String(params.module)]: { [factoryName]: limiterWith(bug) } });
    return tests;
  }

  /** The failures of the named tests (all when `names` is omitted): test name → message. */
  function run(bug: Bug | undefined, match?: string): Record<string, string> {
    const failures: Record<string, string> = {};
    const tests = collect(bug);
    const picked = [...tests.keys()].filter((n) => !match || n.includes(match));
    assert.ok(picked.length > 0, `no test named "${match}"`);
    for (const name of picked) {
      try {
        tests.get(name)?.();
      } catch (e) {
        failures[name] = String(e);
      }
    }
    return failures;
  }

  function catches(testName: string, bug: Bug, what: string) {
    test(`"${testName}" fails against ${what}`, () => {
      const failures = run(bug, testName);
      assert.ok(Object.keys(failures).length > 0, `the test passes against ${what}`);
    });
  }

  test("every test passes against a correct limiter", () => {
    const tests = collect();
    assert.ok(tests.size >= 10, `only ${tests.size} tests were declared`);
    assert.deepEqual(run(undefined), {});
  });

  catches("refuses the hit right after the limit, with remaining 0", "one-extra-hit", `a limiter that lets hit ${Number(params.limit) + 1} through`);
  catches("refuses the hit right after the limit, with remaining 0", "remaining-below-zero", "a limiter whose refused hits report negative remaining");
  catches("reports resetAt as the window start plus windowMs", "reset-at-plus-1", "a limiter whose resetAt is one millisecond late");
  catches("still refuses one millisecond before resetAt", "resets-1ms-early", "a limiter that opens a new window one millisecond early");
  catches("starts a fresh window exactly at resetAt", "resets-1ms-late", "a limiter that opens the new window one millisecond late");
  catches("anchors the window at the first hit", "aligned-windows", "a limiter with clock-aligned windows");
  catches("keeps keys independent", "shared-keys", "a limiter that shares one window between keys");
  catches("throws a RangeError for invalid options", "no-validation", "a limiter that accepts invalid options");
};
export default suite;
