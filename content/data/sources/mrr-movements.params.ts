// Parameters of the MRR movements report: the subscription tables' names, the test-account flag,
// the reported months (the query reads one month more, the baseline) and the currency.
import { defineParams } from "~/domain/content/param-kit";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

export default defineParams({
  draw(k) {
    const [accounts, account] = k.pick([
      ["accounts", "account"],
      ["workspaces", "workspace"],
      ["organisations", "organisation"],
      ["tenants", "tenant"],
    ]);
    const subs = k.pick(["subscriptions", "plans_billed", "contracts"]);
    const test = k.pick(["is_test", "is_internal", "is_sandbox"]);
    const [cur, curWords] = k.pick([["eur", "euros"], ["usd", "dollars"], ["gbp", "pounds"]]);
    const n = k.pick([6, 12]);
    const annual = k.pick([59900, 49900, 89900, 149900]);
    const year = k.int(2023, 2026);
    const m = k.int(1, 12);
    const iso = (y: number, mo: number) => `${y + Math.floor((mo - 1) / 12)}-${String(((mo - 1) % 12) + 1).padStart(2, "0")}-01`;
    const first = iso(year, m);
    const base = m === 1 ? `${year - 1}-12-01` : iso(year, m - 1);
    const last = iso(year, m + n - 1);
    const name = (isoDate: string) => `${MONTHS[Number(isoDate.slice(5, 7)) - 1]} ${isoDate.slice(0, 4)}`;
    return {
      accounts, account, an_account: `${/^[aeiou]/.test(account) ? "an" : "a"} ${account}`, fk: `${account}_id`, subs, test, cur, cur_words: curWords, n,
      base, first, last, base_name: name(base), first_name: name(first), last_name: name(last),
      // an annual price that does not divide by 12: integer division loses the fraction of a cent
      annual, annual_units: (annual / 100).toFixed(2), monthly_exact: (annual / 1200).toFixed(4), monthly_trunc: (Math.trunc(annual / 12) / 100).toFixed(2),
    };
  },
  relations: {
    "the baseline is the month before the first reported one": (p) => {
      const [by, bm] = p.base.split("-").map(Number);
      const [fy, fm] = p.first.split("-").map(Number);
      return fy * 12 + fm - (by * 12 + bm) === 1;
    },
  },
});
