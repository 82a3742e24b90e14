// The one fixture of the browser and HTTP tests: the built app on a free loopback port with its own
// throwaway SQLite database under data/, Debian's Chromium, and that database opened through the
// app's own code (to arrange data and check what a journey stored). `e2eFixture()` at the top of a test
// file starts all three before the file's own set-up and closes them after its last test.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createDatabase, type Database } from "~/db/db.server";
import { START_LIMIT_MS, startApp, type RunningApp } from "./app";
import { launchBrowser, newContext, signIn, watchConsole } from "./browser";
import { Client } from "./http";

export interface E2EOptions {
  /** Extra server environment; a function when it depends on something started in an earlier hook. */
  env?: Record<string, string> | (() => Record<string, string>);
  /** Launch Chromium too (default); files that only talk HTTP say false. */
  browser?: boolean;
}

export interface OpenPage {
  page: Page;
  ctx: BrowserContext;
  /** Console errors and CSP violations seen on the page so far. */
  errors: string[];
}

export interface E2E {
  readonly app: RunningApp;
  /** The app's base URL, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  readonly browser: Browser;
  /** The app's database, through the app's own code. */
  readonly db: Database;
  /** A fresh browser profile with one page (console watched), signed in as `as` when given. */
  page(options?: BrowserContextOptions & { as?: string; password?: string }): Promise<OpenPage>;
  /** An HTTP client with its own cookies, signed in as `email` when given. */
  client(email?: string, password?: string): Promise<Client>;
}

/** Registers the start (beforeAll) and the close (afterAll) of the app, browser and database for this file. */
export function e2eFixture(options: E2EOptions = {}): E2E {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let db: Database | undefined;
  const started = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`The test fixture has no ${what}: use it inside a test or hook, and ${what === "browser" ? "do not pass browser: false" : "after e2eFixture()"}.`);
    return value;
  };

  beforeAll(async () => {
    const env = typeof options.env === "function" ? options.env() : options.env;
    [app, browser] = await Promise.all([startApp(env), options.browser === false ? undefined : launchBrowser()]);
    db = createDatabase(app.dbUrl);
    // A fresh server answers its first page slowly (code compiled and caches filled on first use); let
    // that happen here, so a busy machine does not spend the first test's 8-second page budget on it.
    await (await fetch(`${app.url}/login`)).text();
  }, START_LIMIT_MS + 60_000);

  afterAll(async () => {
    await db?.destroy();
    await browser?.close();
    await app?.stop();
  });

  return {
    get app() {
      return started("app", app);
    },
    get url() {
      return started("app", app).url;
    },
    get browser() {
      return started("browser", browser);
    },
    get db() {
      return started("db", db);
    },
    async page({ as, password, ...contextOptions } = {}) {
      const ctx = await newContext(started("browser", browser), contextOptions);
      const page = await ctx.newPage();
      const errors = watchConsole(page);
      if (as) await signIn(page, started("app", app).url, as, password);
      return { page, ctx, errors };
    },
    async client(email, password) {
      const c = new Client(started("app", app).url);
      return email ? c.signIn(email, password) : c;
    },
  };
}

/**
 * On /practice, starts a software draft of difficulty 2 and waits for it to open: after
 * `onlySumDraftAtDifficulty2` (tests/support/org.ts) that is the fixture draft "Sum of the first n numbers".
 */
export async function startSumDraft(page: Page) {
  await page.check('input[name="domain"][value="software"]');
  await page.selectOption('select[name="difficulty"]', "2");
  await Promise.all([page.waitForURL(/\/practice\/attempts\//), page.click("text=Start reviewing")]);
  await page.locator("h1", { hasText: "Sum of the first n numbers" }).waitFor();
}
