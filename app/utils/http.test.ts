import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./http.server";

describe("safeRedirectPath", () => {
  it("keeps same-site paths", () => {
    expect(safeRedirectPath("/practice?x=1")).toBe("/practice?x=1");
  });
  it.each(["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/ok\r\nSet-Cookie: x", "", null])(
    "refuses %j and falls back home",
    (to) => {
      expect(safeRedirectPath(to as string | null, "/home")).toBe("/home");
    },
  );
});
