// A tiny cookie-keeping HTTP client for tests that talk to the running app like a browser would.
export class Client {
  /** Every cookie the app has set, by name (the session and, e.g., the remembered practice choice). */
  readonly jar = new Map<string, string>();
  constructor(readonly base: string) {}

  /** The Cookie header a browser would send. */
  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  async request(path: string, init: RequestInit = {}): Promise<{ status: number; body: string; location: string | null }> {
    const send = () =>
      fetch(this.base + path, {
        ...init,
        redirect: "manual",
        headers: { ...(init.headers as Record<string, string>), ...(this.cookie ? { Cookie: this.cookie } : {}) },
      });
    // A kept-alive connection the server closed as idle just as the request went out ("other side
    // closed") is retried once on a new connection, as a browser does; the server never saw it.
    const res = await send().catch((e: unknown) => {
      if ((e as { cause?: { code?: string } }).cause?.code === "UND_ERR_SOCKET") return send();
      throw e;
    });
    for (const set of res.headers.getSetCookie()) {
      const pair = set.split(";")[0];
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      // An expired or emptied cookie is removed, as a browser would.
      if (value === "" || /;\s*max-age=0\b/i.test(set) || /;\s*expires=Thu, 01 Jan 1970/i.test(set)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return { status: res.status, body: await res.text(), location: res.headers.get("location") };
  }

  get(path: string) {
    return this.request(path);
  }

  post(path: string, form: Record<string, string>) {
    return this.request(path, { method: "POST", body: new URLSearchParams(form) });
  }

  async signIn(email: string, password = "redline-demo") {
    const r = await this.post("/login", { email, password });
    if (r.status !== 302 && r.status !== 204) throw new Error(`sign-in failed for ${email}: ${r.status}`);
    return this;
  }
}
