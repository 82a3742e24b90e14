// The executable-proof format: what a source ships so each flaw variant can be shown to change
// what the document does. Documented in docs/content-format.md ("Proof of flaws").
import { z } from "zod";
import type { NonBehaviouralReason } from "../types";

export const NON_BEHAVIOURAL_REASONS = ["comment", "claim", "performance", "locking", "concurrency", "logging", "style", "other"] as const satisfies readonly NonBehaviouralReason[];

export const VariantProofSchema = z.union(
  [
    z.object({ error: z.string().min(1, "error pattern is empty") }).strict(),
    z.object({ recompute: z.record(z.string(), z.union([z.string(), z.number()])) }).strict(),
    z
      .object({
        none: z.enum(NON_BEHAVIOURAL_REASONS, { message: `must be one of ${NON_BEHAVIOURAL_REASONS.join(", ")}` }),
        reason: z.string().min(15, "say in a sentence why no check can observe this flaw"),
      })
      .strict(),
  ],
  { message: "proof must be { error: pattern }, { recompute: {param: value} } or { none: reason-category, reason: text }" },
);

/** A value in an expected row: compared numerically when both sides are numbers, else as text. */
const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** `content/data/sources/<id>.check.yaml`: fixture and expectations for a SQL source. */
export const SqlCheckSchema = z
  .object({
    /** Schema and fixture data, run before the document (may use the source's parameters). */
    setup: z.string().min(1, "setup is empty"),
    /** psql variables the document uses (`:name`, `:'name'`, `:"name"`), as `psql -v name=value` sets them. */
    variables: z.record(z.string().regex(/^([A-Za-z0-9_]|\{\{[a-z0-9_]+\}\})+$/, "a psql variable name is letters, digits, _ and {{parameters}}"), z.union([z.string(), z.number()])).optional(),
    /**
     * Keep the document's result (of its last statement that returned columns, as psql prints
     * it) as a temporary table of this name, so checks can query it: `SELECT max(month) FROM result`.
     */
    result_table: z.string().regex(/^[a-z_][a-z0-9_]*$/, "a lower-case table name").optional(),
    checks: z
      .array(
        z
          .object({
            name: z.string().min(3),
            /** Query run after the document; omitted: the document's result (its last statement that returned columns). */
            sql: z.string().min(1).optional(),
            /** Expected rows, each a list of cells in column order. */
            expect: z.array(z.array(Cell)).optional(),
            /** Expected number of rows instead (a whole number, or a template such as "{{months}}"). */
            rows: z.union([z.number().int().nonnegative(), z.string().min(1)]).optional(),
            /** Compare rows as a multiset instead of in order. */
            unordered: z.boolean().optional(),
          })
          .strict()
          .refine((c) => (c.expect === undefined) !== (c.rows === undefined), { message: "a check states either expect (rows) or rows (a row count), not both" }),
      )
      .min(1, "needs at least one check"),
  })
  .strict();

export type SqlCheckFile = z.infer<typeof SqlCheckSchema>;

/**
 * What a TypeScript check module (`content/software/sources/<id>.check.ts`) gets. The module
 * default-exports a `CheckSuite`; it may import types only (it runs isolated, with no require,
 * process, fetch or file system).
 */
export interface CheckKit {
  /** Declares a check; it passes when `body` returns (or resolves) without throwing. */
  test(name: string, body: () => void | Promise<void>): void;
  /**
   * Fresh exports of the document under test (the clean text, or a flawed variant of it).
   * `modules` answers the document's imports by specifier ("./db", "node:crypto"): anything it
   * imports that is not listed makes the load throw. A pull request (`language: diff`) loads its
   * first changed module shown whole; `file` ("src/routes/x.test.ts") loads another changed file
   * (decision 097).
   */
  load<T = any>(modules?: Record<string, unknown>, file?: string): T;
  assert: {
    equal(actual: unknown, expected: unknown, message?: string): void;
    deepEqual(actual: unknown, expected: unknown, message?: string): void;
    ok(value: unknown, message?: string): void;
    throws(fn: () => unknown, pattern?: RegExp, message?: string): void;
    rejects(promise: Promise<unknown> | (() => Promise<unknown>), pattern?: RegExp, message?: string): Promise<void>;
  };
  /** The parameters of this instantiation (parametric sources), else {}. */
  params: Record<string, string | number>;
  /**
   * Virtual time: `setTimeout`, `setInterval`, `Date.now()` and `new Date()` inside the sandbox
   * follow this clock, so back-off and expiry are tested without waiting; `sleep(ms)` resolves
   * when virtual time reaches now + ms (to answer a `node:timers/promises` import).
   */
  clock: { now(): number; sleep(ms: number): Promise<void>; advance(ms: number): Promise<void>; runAll(): Promise<void> };
  /**
   * Hashes for checks that answer a document's `node:crypto` (the sandbox has none): computed by
   * the host's node:crypto. Data and keys are bytes or strings (UTF-8); digests are byte arrays.
   */
  hash: {
    sha256(data: string | ArrayLike<number>): number[];
    hmacSha256(key: string | ArrayLike<number>, data: string | ArrayLike<number>): number[];
    /** The UTF-8 bytes of a string (or a copy of bytes). */
    bytes(data: string | ArrayLike<number>): number[];
    /** Lower-case hex of bytes. */
    hex(data: string | ArrayLike<number>): string;
  };
}

export type CheckSuite = (t: CheckKit) => void;

/** How one variant was proven (or not), as `content:check --prove` reports it. */
export type ProofOutcome =
  | { kind: "check-failed"; check: string; message: string }
  | { kind: "error"; message: string }
  | { kind: "recomputed"; relations: string[] }
  | { kind: "declared"; reason: NonBehaviouralReason; text: string }
  | { kind: "unproven"; message: string }
  /** The flawed text is not a program: a trainee would see a syntax error, not the flaw. */
  | { kind: "does-not-compile"; message: string };
