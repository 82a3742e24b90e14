// A tiny cookie-keeping HTTP client for tests that talk to the running app like a browser would.
export class Client {
  cookie = "";
  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<{ status: number; body: string; location: string | null }> {
    const res = await fetch(this.base + path, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), ...(this.cookie ? { Cookie: this.cookie } : {}) },
    });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0];
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
