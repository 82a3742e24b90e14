// Checks for the download/delete routes: the handlers run against stand-ins for an Express Router
// and response, `node:path` (POSIX), an in-memory `node:fs` / `node:fs/promises`, and a
// `node:stream/promises` pipeline with Node's semantics (it destroys both streams when either side
// fails). They observe what a client and the server see: status, headers, body, files deleted,
// file handles left open.
import type { CheckSuite } from "~/domain/proof/format";

type Handler = (req: unknown, res: unknown, next: (err?: unknown) => void) => Promise<void> | void;
type Entry = { content: string; dir?: boolean };
type FakeRes = {
  statusCode: number;
  headers: Record<string, string | number>;
  body: unknown;
  ended: boolean;
  aborted: boolean;
  destroyed: boolean;
  nextErr: unknown;
  [k: string]: unknown;
};

const suite: CheckSuite = ({ test, load, assert, params, clock }) => {
  const root = `/srv/${params.dir}`;
  const user = String(params.user);
  const route = `/${params.route}/:name`;
  const file = String(params.file);

  /** POSIX path functions, enough for join/resolve/basename/extname with cwd "/app". */
  function normalize(p: string): string {
    const out: string[] = [];
    for (const part of p.split("/")) {
      if (part === "" || part === ".") continue;
      if (part === "..") out.pop();
      else out.push(part);
    }
    return `/${out.join("/")}`;
  }
  const path = {
    sep: "/",
    join: (...parts: string[]) => normalize(parts.join("/")),
    resolve: (...parts: string[]) => {
      let acc = "/app";
      for (const part of parts) acc = part.startsWith("/") ? part : `${acc}/${part}`;
      return normalize(acc);
    },
    basename: (p: string) => p.slice(p.lastIndexOf("/") + 1),
    extname: (p: string) => {
      const base = p.slice(p.lastIndexOf("/") + 1);
      const dot = base.lastIndexOf(".");
      return dot > 0 ? base.slice(dot) : "";
    },
  };

  const errno = (code: string, p: string) => Object.assign(new Error(`${code}: operation failed, '${p}'`), { code });

  /** Loads the document over `files` (absolute path → entry); returns its routes and what fs saw. */
  function setup(files: Record<string, Entry>, faults: { stat?: string; unlink?: string } = {}) {
    const state = { touched: [] as string[], deleted: [] as string[], streams: [] as { path: string; closed: boolean }[] };
    const routes: Record<string, Handler> = {};
    const Router = () => ({
      get: (p: string, h: Handler) => { routes[`GET ${p}`] = h; },
      delete: (p: string, h: Handler) => { routes[`DELETE ${p}`] = h; },
    });
    const fsPromises = {
      stat: async (p: string) => {
        state.touched.push(p);
        if (faults.stat) throw errno(faults.stat, p);
        const e = files[p];
        if (!e) throw errno("ENOENT", p);
        return { isFile: () => !e.dir, size: e.content.length };
      },
      unlink: async (p: string) => {
        state.touched.push(p);
        await clock.sleep(1);
        if (faults.unlink) throw errno(faults.unlink, p);
        if (!files[p]) throw errno("ENOENT", p);
        delete files[p];
        state.deleted.push(p);
      },
    };
    const createReadStream = (p: string) => {
      state.touched.push(p);
      const s = {
        path: p,
        closed: false,
        destroy() { s.closed = true; },
        // Readable#pipe: data flows and the file closes at its end, but nothing destroys the file
        // when the destination goes away early, and a read error has no listener.
        pipe(dest: FakeRes) {
          if (!dest.aborted) {
            dest.body = files[p]?.content;
            dest.ended = true;
            s.closed = true;
          }
          return dest;
        },
      };
      state.streams.push(s);
      return s;
    };
    // stream/promises pipeline: settles when the copy ends; if the destination is closed early it
    // destroys both streams and rejects.
    const pipeline = async (src: { path: string; destroy(): void }, dest: FakeRes) => {
      await clock.sleep(5);
      if (dest.aborted) {
        src.destroy();
        dest.destroyed = true;
        throw Object.assign(new Error("Premature close"), { code: "ERR_STREAM_PREMATURE_CLOSE" });
      }
      dest.body = files[src.path]?.content;
      dest.ended = true;
      src.destroy();
    };
    (globalThis as unknown as { process: unknown }).process = { env: { [String(params.env)]: root } };
    load({
      express: { Router },
      "node:fs": { createReadStream },
      "node:fs/promises": fsPromises,
      "node:path": { default: path, ...path },
      "node:stream/promises": { pipeline },
    });
    return { routes, state };
  }

  function response(aborted = false): FakeRes {
    const res: FakeRes = { statusCode: 200, headers: {}, body: undefined, ended: false, aborted, destroyed: false, nextErr: undefined };
    Object.assign(res, {
      status(code: number) { res.statusCode = code; return res; },
      json(body: unknown) { res.body = body; res.ended = true; return res; },
      end() { res.ended = true; return res; },
      setHeader(name: string, value: string | number) { res.headers[name.toLowerCase()] = value; return res; },
      attachment(name: string) {
        res.headers["content-disposition"] = `attachment; filename="${name}"`;
        res.headers["content-type"] = "application/x-guessed";
        return res;
      },
    });
    return res;
  }

  /** Calls one route for `name` as the test user; resolves when the handler and the clock are done. */
  async function call(routes: Record<string, Handler>, method: "GET" | "DELETE", name: string, res = response()) {
    const h = routes[`${method} ${route}`];
    assert.ok(h, `no ${method} ${route} route`);
    let endedWhenHandlerReturned: boolean | undefined;
    const done = Promise.resolve(h({ params: { name }, user: { id: Number(user) } }, res, (err?: unknown) => { res.nextErr = err ?? "next() without error"; }))
      .then(() => { endedWhenHandlerReturned = res.ended || res.destroyed; });
    await clock.runAll();
    await done;
    return { res, endedWhenHandlerReturned };
  }

  const mine = `${root}/${user}/${file}`;
  const others = `${root}/${params.other}/${file}`;
  const siblings = `${root}/${params.sibling}/${params.secret}`;
  const library = () => ({
    [mine]: { content: "my document" },
    [others]: { content: "someone else's document" },
    [siblings]: { content: "a sibling's secret" },
    [`${root}/${user}/folder`]: { content: "", dir: true },
  });

  test("a user's own file downloads as an attachment with its type from the map", async () => {
    const { routes } = setup(library());
    const { res } = await call(routes, "GET", file);
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, "my document");
    assert.ok(/^attachment/.test(String(res.headers["content-disposition"] ?? "")), "no Content-Disposition: attachment");
    const types: Record<string, string> = { ".pdf": "application/pdf", ".png": "image/png", ".csv": "text/csv; charset=utf-8" };
    assert.equal(res.headers["content-type"], types[path.extname(file)]);
  });

  test("names that leave the user's folder are refused with 400 and touch no file", async () => {
    for (const name of [`../${params.other}/${file}`, `../${params.sibling}/${params.secret}`, `/etc/passwd`]) {
      for (const method of ["GET", "DELETE"] as const) {
        const lib = library();
        const { routes, state } = setup(lib);
        const { res } = await call(routes, method, name);
        assert.equal(res.statusCode, 400, `${method} ${name} got ${res.statusCode}`);
        assert.deepEqual(state.touched, [], `${method} ${name} reached the file system`);
      }
    }
  });

  test("a missing file is 404; any other stat failure goes to next(err)", async () => {
    const missing = await call(setup(library()).routes, "GET", "nothing.pdf");
    assert.equal(missing.res.statusCode, 404);
    const denied = await call(setup(library(), { stat: "EACCES" }).routes, "GET", file);
    assert.ok(denied.res.nextErr instanceof Error, "EACCES did not reach next(err)");
    assert.ok(denied.res.statusCode !== 404, "EACCES was reported as a missing file");
  });

  test("the handler finishes only after the file has been sent", async () => {
    const { routes } = setup(library());
    const { endedWhenHandlerReturned } = await call(routes, "GET", file);
    assert.equal(endedWhenHandlerReturned, true, "the handler returned while the file was still streaming");
  });

  test("a client that disconnects mid-download leaves no file open", async () => {
    const { routes, state } = setup(library());
    await call(routes, "GET", file, response(true));
    assert.equal(state.streams.length, 1);
    assert.equal(state.streams[0].closed, true, "the read stream was left open after the client went away");
  });

  test("DELETE removes the user's file and answers 204", async () => {
    const { routes, state } = setup(library());
    const { res } = await call(routes, "DELETE", file);
    assert.equal(res.nextErr, undefined, `delete failed: ${String(res.nextErr)}`);
    assert.equal(res.statusCode, 204);
    assert.deepEqual(state.deleted, [mine]);
  });

  test("DELETE of a missing file is 404; any other failure goes to next(err)", async () => {
    const missing = await call(setup(library()).routes, "DELETE", "nothing.pdf");
    assert.equal(missing.res.statusCode, 404);
    const busy = await call(setup(library(), { unlink: "EACCES" }).routes, "DELETE", file);
    assert.ok(busy.res.nextErr instanceof Error, "EACCES on delete did not reach next(err)");
  });
};
export default suite;
