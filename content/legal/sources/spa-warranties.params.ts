// Parameters of the SPA warranty and limitation schedules: buyer, target, price and every
// threshold derived from it (de minimis, basket, general cap), the salary threshold, look-back and
// claim periods. The flawed cap figure, de minimis and invented "median" are computed from them.
import { defineParams } from "~/domain/content/param-kit";

const BUYERS = [
  { full: "Sefton Data Group plc", short: "Sefton" },
  { full: "Carrick Software Holdings plc", short: "Carrick" },
  { full: "Halberd Technology Group plc", short: "Halberd" },
  { full: "Wrekin Industrial Holdings plc", short: "Wrekin" },
];
const TARGETS = ["Brackenfield Analytics Limited", "Ousel Payroll Services Limited", "Tarn Engineering Software Limited", "Kinder Medical Devices Limited", "Holloway Logistics Technology Limited"];
const CAPS = [
  { pct: 25, w: "twenty-five per cent" },
  { pct: 30, w: "thirty per cent" },
  { pct: 40, w: "forty per cent" },
  { pct: 50, w: "fifty per cent" },
];
const nearest = (x: number, step: number) => Math.max(step, Math.round(x / step) * step);

export default defineParams({
  draw(k) {
    const b = k.pick(BUYERS);
    const price = k.step(6_000_000, 30_000_000, 500_000);
    const cap = k.pick(CAPS);
    const capAmount = (price * cap.pct) / 100;
    const capWrong = (price * (cap.pct - 5)) / 100;
    const deMin = nearest(price * 0.002, 5_000);
    const basket = nearest(price * 0.01, 10_000);
    const salary = k.pick([60_000, 75_000, 80_000]);
    const lookYears = k.pick([2, 3, 5]);
    const claimMonths = k.pick([18, 24]);
    const taxYears = k.pick([6, 7]);
    const procMonths = k.pick([6, 9]);
    return {
      buyer: b.full, b: b.short,
      target: k.pick(TARGETS),
      price: k.grouped(price), price_n: price,
      cap_pct: cap.pct, cap_w: cap.w,
      cap: k.grouped(capAmount), cap_n: capAmount,
      cap_wrong: k.grouped(capWrong), cap_gap: k.grouped(capAmount - capWrong),
      median_wrong: cap.pct - 2,
      de_min: k.grouped(deMin), de_min_wrong: k.grouped(deMin * 3),
      basket: k.grouped(basket), basket_n: basket, de_min_n: deMin,
      salary: k.grouped(salary), salary_wrong: k.grouped(salary + 40_000),
      look: lookYears, look_w: k.words(lookYears), look_gap: lookYears === 2 ? "the earlier year" : `the ${k.words(lookYears - 1)} earlier years`,
      claim_months: claimMonths, claim_months_w: k.words(claimMonths),
      tax_years: taxYears, tax_years_w: k.words(taxYears),
      proc_months: procMonths, proc_months_w: k.words(procMonths),
    };
  },
  relations: {
    "cap-is-its-percentage": (p) => p.cap_n * 100 === p.price_n * p.cap_pct,
    "basket-above-de-minimis": (p) => p.basket_n > p.de_min_n,
    "tax-period-beats-flaw": (p) => p.tax_years > 4,
  },
});
