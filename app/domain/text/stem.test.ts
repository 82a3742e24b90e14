import { describe, expect, it } from "vitest";
import { stem } from "./stem";

describe("stem", () => {
  it("conflates inflections", () => {
    expect(["count", "counts", "counted", "counting"].map(stem)).toEqual(Array(4).fill("count"));
    expect(["retry", "retries", "retried", "retrying"].map(stem)).toEqual(Array(4).fill("retri"));
    expect(["validate", "validated", "validation", "validator"].map(stem)).toEqual(
      Array(4).fill("validat"),
    );
    expect(["boundary", "boundaries"].map(stem)).toEqual(["boundari", "boundari"]);
    expect(["status", "statuses"].map(stem)).toEqual(["status", "status"]);
    expect(["exactly", "exact"].map(stem)).toEqual(["exact", "exact"]);
  });

  it("is light: no Porter step 4, short words and non-words untouched", () => {
    expect(stem("generic")).toBe("generic");
    expect(stem("general")).toBe("general");
    expect(stem("bound")).not.toBe(stem("boundary"));
    expect(stem("is")).toBe("is");
    expect(stem("5xx")).toBe("5xx");
    expect(stem("<=")).toBe("<=");
  });
});
