// Parameters of the on-premise software licence: licensor and product, the licensee, user count,
// licence fee and support percentage, audit notice and threshold, warranty and refund periods. The
// flawed user count and support figure are computed from the clean ones.
import { defineParams } from "~/domain/content/param-kit";

const PRODUCTS = [
  { licensor: "Halyard Systems Ltd", product: "Halyard WMS", kind: "warehouse management software" },
  { licensor: "Brackwater Software Ltd", product: "Brackwater LIMS", kind: "laboratory information management software" },
  { licensor: "Torrance Data Ltd", product: "Torrance FleetPlan", kind: "transport planning software" },
  { licensor: "Oriel Systems Ltd", product: "Oriel CAFM", kind: "facilities management software" },
  { licensor: "Quayside Analytics Ltd", product: "Quayside Forecast", kind: "demand forecasting software" },
];
const LICENSEES = ["Kittiwake Logistics", "Pemberton Foods", "Ashdown Healthcare", "Rydal Engineering", "Severn Distribution", "Harlow Building Services"];

/** Numbers as English contracts write them: 375 → "three hundred and seventy-five". */
function ukWords(k: { words: (n: number) => string }, n: number): string {
  return k.words(n).replace(/hundred (?=\w)/, "hundred and ");
}

/** The support figure with two digits transposed, as a slip in typing it would give. */
function transposed(n: number): number {
  const d = String(n).split("");
  for (const [i, j] of [[1, 2], [0, 1], [2, 3]]) {
    const e = [...d];
    [e[i], e[j]] = [e[j], e[i]];
    const m = Number(e.join(""));
    if (m !== n) return m;
  }
  return n + 1000;
}

export default defineParams({
  draw(k) {
    const p = k.pick(PRODUCTS);
    const licensee = k.pick(LICENSEES);
    const users = k.pick([200, 240, 300, 400, 500, 600]);
    const usersWrong = (users * 3) / 4;
    const fee = Math.round(k.step(120_000, 600_000, 10_000));
    const pct = k.pick([15, 18, 20, 22]);
    const support = Math.round((fee * pct) / 100);
    const supportWrong = transposed(support);
    const diff = Math.abs(supportWrong - support);
    const auditNotice = k.pick([30, 45, 60]);
    const warranty = k.pick([60, 90, 180]);
    const refund = k.pick([30, 45, 60]);
    const thr = k.pick([5, 5, 10]);
    return {
      licensor: p.licensor, product: p.product, kind: p.kind, l_short: p.licensor.split(" ")[0],
      licensee_full: `${licensee} Ltd`, c: licensee.split(" ")[0],
      users, users_w: ukWords(k, users), users_wrong: usersWrong, users_wrong_w: ukWords(k, usersWrong), users_gap: users - usersWrong,
      fee: k.grouped(fee), fee_n: fee,
      pct, pct_w: k.words(pct),
      support: k.grouped(support), support_n: support,
      support_wrong: k.grouped(supportWrong),
      support_effect: supportWrong > support
        ? `would overcharge £${k.grouped(diff)} every year`
        : `would bill £${k.grouped(diff)} a year less than clause 4.2's percentage gives, which invites a dispute at every renewal`,
      audit_notice: auditNotice, audit_notice_w: k.words(auditNotice),
      warranty, warranty_w: k.words(warranty),
      refund, refund_w: k.words(refund),
      thr, thr_w: k.words(thr),
    };
  },
  relations: {
    "support-is-the-percentage": (p) => p.support_n * 100 === p.fee_n * p.pct,
    "user-flaw-is-a-quarter-fewer": (p) => p.users_wrong * 4 === p.users * 3,
    "support-flaw-differs": (p) => p.support_wrong !== p.support,
  },
});
