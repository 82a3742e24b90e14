import { describe, expect, it } from "vitest";
import { cohortDatesText, parseCohortDates } from "./cohort-dates";

describe("cohort dates", () => {
  it("accepts both, either or neither date and refuses an end before the start, naming both", () => {
    expect(parseCohortDates("2027-03-01", "2027-06-30")).toEqual({ ok: true, dates: { startsOn: "2027-03-01", endsOn: "2027-06-30" } });
    expect(parseCohortDates("2027-03-01", "2027-03-01")).toMatchObject({ ok: true });
    expect(parseCohortDates("", " ")).toEqual({ ok: true, dates: { startsOn: null, endsOn: null } });
    expect(parseCohortDates("2027-06-30", "2027-03-01")).toEqual({ ok: false, field: "endsOn", message: "The end date (2027-03-01) is before the start date (2027-06-30)." });
  });

  it("refuses what is not a calendar date, naming the field and the text", () => {
    expect(parseCohortDates("2027-02-30", "")).toMatchObject({ ok: false, field: "startsOn", message: expect.stringContaining("“2027-02-30” is not a date") });
    expect(parseCohortDates("", "30/06/2027")).toMatchObject({ ok: false, field: "endsOn" });
  });

  it("says the dates in words", () => {
    expect(cohortDatesText({ startsOn: "2027-03-01", endsOn: "2027-06-30" })).toBe("1 Mar 2027 – 30 Jun 2027");
    expect(cohortDatesText({ startsOn: null, endsOn: "2027-06-30" })).toBe("until 30 Jun 2027");
    expect(cohortDatesText({ startsOn: null, endsOn: null })).toBe("");
  });
});
