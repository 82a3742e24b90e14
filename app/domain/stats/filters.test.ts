import { describe, expect, it } from "vitest";
import { filtersToQuery, parseFilters, QueueFiltersSchema, periodBounds } from "./filters";

const parse = (q: string) => parseFilters(new URLSearchParams(q));

describe("dashboard filters", () => {
  it("keeps the known filters, drops blanks and unknown parameters", () => {
    expect(parse("cohort=abc-1&domain=legal&from=2026-01-01&to=2026-01-31&index&_data=x&trainee=")).toEqual({
      ok: true,
      filters: { cohort: "abc-1", domain: "legal", from: "2026-01-01", to: "2026-01-31" },
    });
    expect(parse("")).toEqual({ ok: true, filters: {} });
  });

  it("explains what is wrong", () => {
    expect(parse("from=01/02/2026")).toEqual({ ok: false, field: "from", message: "Invalid filter: From must be a date written YYYY-MM-DD, e.g. 2026-03-01." });
    expect(parse("to=2026-02-30")).toEqual({ ok: false, field: "to", message: "Invalid filter: To is not a real calendar date." });
    expect(parse("from=2026-03-02&to=2026-03-01")).toEqual({ ok: false, field: "from", message: "Invalid filter: From must be on or before To." });
    expect(parse("cohort=x';drop")).toMatchObject({ ok: false, message: expect.stringContaining("Cohort must be an id") });
    expect(parse("domain=LEGAL")).toMatchObject({ ok: false, message: expect.stringContaining("Domain") });
  });

  it("narrows to a program and one of its modules; a module alone names what is missing", () => {
    expect(parse("program=p-1&module=m-2")).toEqual({ ok: true, filters: { program: "p-1", module: "m-2" } });
    expect(parse("module=m-2")).toEqual({ ok: false, field: "module", message: "Invalid filter: Module needs its program: choose the program too." });
    expect(parse("program=a b")).toMatchObject({ ok: false, field: "program", message: "Invalid filter: Program must be an id from the list." });
    expect(filtersToQuery({ program: "p-1", module: "m-2" })).toBe("?program=p-1&module=m-2");
  });

  it("turns days into half-open timestamp bounds and back into a query string", () => {
    expect(periodBounds({ from: "2026-01-01", to: "2026-01-31" })).toEqual({ start: "2026-01-01T00:00:00.000Z", end: "2026-02-01T00:00:00.000Z" });
    expect(periodBounds({})).toEqual({});
    expect(filtersToQuery({ domain: "legal", from: "2026-01-01" })).toBe("?domain=legal&from=2026-01-01");
    expect(filtersToQuery({})).toBe("");
  });
});

describe("the review queue's filters", () => {
  const parseQueue = (q: string) => parseFilters(new URLSearchParams(q), QueueFiltersSchema);
  it("defaults the tab and reads the score band", () => {
    expect(parseQueue("band=low&domain=legal&cohort=")).toEqual({ ok: true, filters: { tab: "todo", band: "low", domain: "legal" } });
  });
  it("refuses a bad value with the field named instead of dropping it silently", () => {
    expect(parseQueue("band=middling")).toEqual({ ok: false, field: "band", message: "Invalid filter: Score band must be low, mid or high." });
    expect(parseQueue("tab=everything")).toMatchObject({ ok: false, field: "tab" });
    expect(parseQueue("trainee=<script>")).toMatchObject({ ok: false, field: "trainee", message: "Invalid filter: Trainee must be an id from the list." });
  });
});
