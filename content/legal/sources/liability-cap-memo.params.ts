// Parameters of the UCTA research memo: the client and its General Counsel, the platform supplier,
// the sector (what the platform runs and what an outage costs), fee, cap, loss and dates. The
// authorities and the statute stay fixed: they are the point of the memo. The flawed percentage is
// the clean one with its digits swapped, computed from the fee and the cap.
import { defineParams } from "~/domain/content/param-kit";

const CLIENTS = [
  { full: "Northgate Fleet Services Ltd", short: "Northgate", units: "number of vehicles", credits: "late-delivery credits", loss: "late-delivery credits paid to its own customers and driver overtime", lossShort: "late-delivery credits and overtime", margin: "lost margin on cancelled contracts" },
  { full: "Ashcombe Home Care Ltd", short: "Ashcombe", units: "number of carers", credits: "missed-visit deductions", loss: "missed-visit deductions made by its local-authority customers and agency staff costs", lossShort: "missed-visit deductions and agency staff", margin: "lost margin on care packages the councils moved elsewhere" },
  { full: "Trentside Pharmacy Group Ltd", short: "Trentside", units: "number of branches", credits: "emergency wholesaler surcharges", loss: "emergency wholesaler surcharges and staff overtime", lossShort: "wholesaler surcharges and overtime", margin: "lost margin on prescriptions customers took elsewhere" },
  { full: "Kestle Facilities Management Ltd", short: "Kestle", units: "number of sites", credits: "service-level credits", loss: "service-level credits paid to its own clients and engineer overtime", lossShort: "service-level credits and overtime", margin: "lost margin on contracts clients terminated" },
];
const SUPPLIERS = [
  { full: "Vectis Telematics Ltd", short: "Vectis", product: "platform" },
  { full: "Orbitel Systems Ltd", short: "Orbitel", product: "platform" },
  { full: "Candela Cloud Ltd", short: "Candela", product: "platform" },
  { full: "Marlow Scheduling Ltd", short: "Marlow", product: "platform" },
];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

function swapped(pct: number): number {
  const s = String(pct);
  const r = Number(s.split("").reverse().join(""));
  return r !== pct ? r : pct - 10;
}

export default defineParams({
  draw(k) {
    const c = k.pick(CLIENTS);
    const s = k.pick(SUPPLIERS);
    const fee = k.step(120_000, 480_000, 20_000);
    const cap = k.step(Math.ceil((fee * 0.15) / 5_000) * 5_000, Math.floor((fee * 0.3) / 5_000) * 5_000, 5_000);
    const pctExact = k.round((cap / fee) * 100, 1);
    const pct = Math.round((cap / fee) * 100);
    const loss = k.step(fee, fee * 2.5, 10_000);
    const orderYear = k.pick([2022, 2023]);
    const om = k.int(0, 11);
    const outageYear = orderYear + 2;
    const m = k.int(0, 10);
    const d = k.int(3, 20);
    const gc = k.person();
    return {
      gc, gc_first: gc.split(" ")[0], client: c.full, c: c.short, units: c.units, credits: c.credits, loss_desc: c.loss, loss_short: c.lossShort, margin: c.margin,
      supplier: s.full, s: s.short,
      fee: k.grouped(fee), fee_n: fee,
      cap: k.grouped(cap), cap_n: cap,
      pct, pct_exact: pctExact, pct_wrong: swapped(pct),
      loss: k.grouped(loss),
      order_date: `${k.int(1, 28)} ${MONTHS[om]} ${orderYear}`,
      order_month: `${MONTHS[om]} ${orderYear}`,
      outage_month: `${MONTHS[m]} ${outageYear}`,
      outage_word: MONTHS[m],
      outage: `${d} to ${d + 3} ${MONTHS[m]} ${outageYear}`,
      outage_brief: `${d}-${d + 3} ${MONTHS[m]} ${outageYear}`,
      memo_date: `${k.int(1, 28)} ${MONTHS[m + 1]} ${outageYear}`,
    };
  },
  relations: {
    "cap-below-fee": (p) => p.cap_n < p.fee_n,
    "percentage-is-cap-over-fee": (p) => Math.abs((p.cap_n / p.fee_n) * 100 - p.pct) <= 0.5,
    "flawed-percentage-differs": (p) => p.pct_wrong !== p.pct,
  },
});
