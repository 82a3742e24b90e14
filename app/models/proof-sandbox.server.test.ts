import { afterAll, describe, expect, it } from "vitest";
import { CheckSandbox, transpile, type SandboxRun } from "./proof-sandbox.server";

const DOC = `
import { setTimeout as sleep } from "node:timers/promises";
export function add(a: number, b: number): number { return a + b; }
export async function later(ms: number): Promise<number> { await sleep(ms); return Date.now(); }
export function tick(ms: number, fn: () => void): void { setTimeout(fn, ms); }
`;

function job(check: string, doc = DOC) {
  const d = transpile(doc, "doc.ts");
  const c = transpile(check, "doc.check.ts");
  return { docJs: d.js, ...(d.error ? { docError: d.error } : {}), checkJs: c.js, paramsJson: JSON.stringify({ n: 3 }) };
}

const suite = (body: string) => `
import type { CheckSuite } from "~/domain/proof/format";
const suite: CheckSuite = ({ test, load: loadWith, assert, clock, params, hash }) => {
const T = { "node:timers/promises": { setTimeout: clock.sleep } };
const load = (modules: Record<string, unknown> = T, file?: string) => loadWith(modules, file);
${body}
};
export default suite;
`;

const failed = (run: SandboxRun) => run.results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.message}`);

const sandboxes: CheckSandbox[] = [];
function sandbox(limits?: { timeoutMs: number; memoryMb: number }) {
  const s = new CheckSandbox(limits);
  sandboxes.push(s);
  return s;
}
afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.close()));
});

describe("TypeScript check sandbox", () => {
  it("runs every check against the document and reports which fail", { timeout: 60_000 }, async () => {
    const check = suite(`
      test("adds", () => { assert.equal(load().add(2, 2), 4); });
      test("params reach the check", () => { assert.equal(params.n, 3); });
      test("a wrong expectation fails", () => { assert.deepEqual({ a: [1, 2] }, { a: [1, 3] }); });
    `);
    const run = await sandbox().run(job(check));
    expect(run.fatal).toBeUndefined();
    expect(run.results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(failed(run)[0]).toContain('expected {"a":[1,3]}, got {"a":[1,2]}');
    // A flawed document (subtraction) fails the first check.
    const flawed = await sandboxes[0].run(job(check, DOC.replace("a + b", "a - b")));
    expect(failed(flawed)[0]).toMatch(/^adds: expected 4, got 0/);
  });

  it("gives the document virtual time: timers and Date follow the clock, no waiting", { timeout: 60_000 }, async () => {
    const check = suite(`
      test("an hour passes at once", async () => {
        const doc = load({ "node:timers/promises": { setTimeout: clock.sleep } });
        const start = Date.now();
        const p = doc.later(3_600_000);
        await clock.runAll();
        assert.equal((await p) - start, 3_600_000);
        let fired = 0;
        doc.tick(500, () => fired++);
        await clock.advance(499);
        assert.equal(fired, 0);
        await clock.advance(1);
        assert.equal(fired, 1);
      });
      test("an import the check does not provide fails the load", () => {
        assert.throws(() => load({}), /imports "node:timers\\/promises"/);
      });
    `);
    const started = Date.now();
    const run = await sandbox().run(job(check));
    expect(failed(run)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("reaches nothing of the host: no require, process, fetch, file system or host Function", { timeout: 60_000 }, async () => {
    const check = suite(`
      test("no host globals", () => {
        assert.equal(typeof (globalThis as any).require, "undefined");
        assert.equal(typeof process, "undefined");
        assert.throws(() => require("node:fs"), /may import types only/);
        assert.equal(typeof (globalThis as any).Buffer, "undefined");
        assert.equal(typeof (globalThis as any).WebAssembly, "object");
      });
      test("fetch has no network", async () => {
        await assert.rejects(() => fetch("http://127.0.0.1:1/"), /no network/);
      });
      test("no code from strings, so no way to the host's Function", () => {
        assert.throws(() => (globalThis as any).constructor.constructor("return process")(), /Code generation from strings disallowed/);
        assert.throws(() => (function () {}).constructor("return 1"), /Code generation from strings disallowed/);
        assert.throws(() => eval("1"), /Code generation from strings disallowed/);
      });
      test("a document that imports fs cannot load", () => {
        assert.throws(() => load(), /imports "node:fs"/);
      });
    `);
    const run = await sandbox().run(job(check, `import fs from "node:fs";\nexport const secret = fs.readFileSync("/etc/passwd", "utf8");\n`));
    expect(failed(run)).toEqual([]);
    expect(run.results).toHaveLength(4);
  });

  it("a check module that throws at load is reported, not run", { timeout: 60_000 }, async () => {
    const run = await sandbox().run(job(`throw new Error("broken check module");\nexport default () => {};`));
    expect(run.loadError).toMatch(/broken check module/);
    const imports = await sandboxes[sandboxes.length - 1].run(job(`import { x } from "./helpers";\nexport default ({ test }: any) => test("x", () => x);`));
    expect(imports.loadError).toMatch(/may import types only; it imports "\.\/helpers"/);
  });

  it("a check that awaits something that never happens fails, and the next check still runs", { timeout: 60_000 }, async () => {
    const check = suite(`
      test("waits forever", async () => { await new Promise(() => {}); });
      test("forgot to run the clock", async () => { await clock.sleep(1000); });
      test("runs after", () => { assert.ok(true); });
    `);
    const run = await sandbox().run(job(check));
    expect(run.results.map((r) => [r.name, r.ok])).toEqual([
      ["waits forever", false],
      ["forgot to run the clock", false],
      ["runs after", true],
    ]);
    expect(run.results[1].message).toMatch(/1 virtual timer pending: call clock.runAll/);
  });

  it("a check that loops forever is stopped by the time limit; the next run works", { timeout: 90_000 }, async () => {
    const s = sandbox({ timeoutMs: 4000, memoryMb: 128 });
    const hang = await s.run(job(suite(`test("spins", async () => { await null; for (;;) {} });`)));
    expect(hang.fatal).toMatch(/still running after 4 s \(time limit\)/);
    const after = await s.run(job(suite(`test("adds", () => assert.equal(load().add(1, 1), 2));`)));
    expect(after.fatal).toBeUndefined();
    expect(failed(after)).toEqual([]);
  });

  it("a check that allocates without bound is stopped by the memory limit", { timeout: 90_000 }, async () => {
    const s = sandbox({ timeoutMs: 60_000, memoryMb: 64 });
    const run = await s.run(job(suite(`test("hoards", async () => { await null; const a: number[][] = []; for (;;) a.push(new Array(100000).fill(1)); });`)));
    expect(run.fatal).toMatch(/more than the 64 MB memory limit/);
  });

  it("a document with a syntax error fails every check with the compiler's message", { timeout: 60_000 }, async () => {
    const run = await sandbox().run(job(suite(`test("adds", () => assert.equal(load().add(1, 1), 2));`), "export function add(a: number, b: number) { return a + ; }"));
    expect(failed(run)[0]).toMatch(/the document does not compile: doc.ts:1: Expression expected/);
    // …and the run says so, so the proof reports "does not compile" rather than a failing check.
    expect(run.compileError).toBe("doc.ts:1: Expression expected.");
  });

  it("gives checks SHA-256 and HMAC-SHA256 from node:crypto, without handing them a host object", { timeout: 60_000 }, async () => {
    const check = suite(`
      test("sha256 of abc", () => assert.equal(hash.hex(hash.sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
      test("hmac-sha256 (RFC 4231 case 2)", () => assert.equal(hash.hex(hash.hmacSha256("Jefe", "what do ya want for nothing?")), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
      test("bytes and strings are the same data", () => assert.deepEqual(hash.sha256(hash.bytes("é")), hash.sha256("é")));
      test("bad data is a clear error", () => assert.throws(() => hash.sha256({} as any), /data must be a string .UTF-8. or bytes, got ../));
      test("the helpers belong to the check's realm", () => {
        assert.throws(() => (hash.sha256 as any).constructor("return process")(), /Code generation from strings disallowed/);
      });
    `);
    const run = await sandbox().run(job(check));
    expect(failed(run)).toEqual([]);
    expect(run.results).toHaveLength(5);
  });

  it("a pull request's other changed files load by their path; one that cannot be rebuilt says why", { timeout: 60_000 }, async () => {
    const check = suite(`
      test("the test file", () => assert.equal(load({}, "src/x.test.ts").n, 7));
      test("a file the diff cannot rebuild", () => assert.throws(() => load({}, "src/y.test.ts"), /shown in 2 hunks/));
      test("a file the diff does not change", () => assert.throws(() => load({}, "src/z.ts"), /the document has no file "src.z.ts" .it has: "src.x.test.ts", "src.y.test.ts"./));
    `);
    const files = [
      { name: "src/x.test.ts", js: transpile("export const n: number = 7;", "src/x.test.ts").js },
      { name: "src/y.test.ts", js: "", unavailable: "src/y.test.ts is shown in 2 hunks" },
    ];
    const run = await sandbox().run({ ...job(check), files });
    expect(failed(run)).toEqual([]);
    expect(run.compileError).toBeUndefined();
  });
});
