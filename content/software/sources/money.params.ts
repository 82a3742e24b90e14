// Parameters of the money helpers: the billing context, and every worked example in the comments
// and explanations, computed the way the code computes it (floating-point artefacts included).
import { defineParams } from "~/domain/content/param-kit";

/** What allocate() returns for equal weights [1, 1, 1] (floor shares, leftover to lower index). */
function thirds(total: number): number[] {
  const floor = Math.floor(total / 3);
  const parts = [floor, floor, floor];
  for (let i = 0; i < total - 3 * floor; i++) parts[i] += 1;
  return parts;
}

export default defineParams({
  draw(k) {
    const [context, negatives] = k.pick([
      ["invoicing", "credit notes"],
      ["marketplace payouts", "reversals"],
      ["expense claims", "refunds"],
      ["subscription billing", "proration credits"],
      ["freight invoices", "carrier credits"],
    ]);
    // Decimal amounts whose double times 100 falls just below the whole number of cents.
    const floaty = k.pick([1.15, 0.29, 0.57, 4.35, 1.13, 2.3, 8.2, 9.95, 0.58]);
    const floatyCents = Math.round(floaty * 100);
    const total = k.pick([100, 200, 250, 1000, 500, 700, 1001]);
    const clean3 = thirds(total);
    const leftover = total - 3 * Math.floor(total / 3);
    const flawed3 = [...clean3];
    flawed3[leftover] += 1; // one more turn of the loop: the next part in remainder order
    const pair = k.pick([5, 8, 11, 14, 20, 101, 299]);
    const rateBps = k.pick([500, 1000, 2500]);
    const candidates: number[] = [];
    for (let net = 15; net < 1000; net++) if ((net * rateBps) % 10_000 === 5000) candidates.push(net);
    const net = k.pick(candidates);
    const halfFloor = Math.floor((net * rateBps) / 10_000);
    const [cur, sym] = k.pick([["USD", "$"], ["EUR", "€"], ["GBP", "£"]]);
    const shown = k.int(100_000, 9_999_999);
    const frac = k.pick(["5", "2", "7"]);
    const whole = k.int(3, 99);
    return {
      context,
      negatives,
      currencies: k.pick(["USD, EUR and GBP", "EUR, GBP and USD", "USD, CAD and GBP", "EUR and GBP"]),
      floaty: String(floaty),
      floaty_x100: String(floaty * 100),
      floaty_cents: floatyCents,
      floaty_lost: floatyCents - 1,
      total,
      alloc_clean: clean3.join(", "),
      alloc_flawed: flawed3.join(", "),
      alloc_flawed_sum: total + 1,
      pair,
      pair_clean: `${Math.floor(pair / 3) + 1}, ${Math.floor((2 * pair) / 3)}`,
      pair_flawed: `${Math.floor(pair / 3)}, ${Math.floor((2 * pair) / 3) + 1}`,
      rate_pct: rateBps / 100,
      net,
      tax_clean: -(halfFloor + 1),
      tax_flawed: -halfFloor,
      cur,
      sym,
      shown,
      shown_fmt: `${sym}${k.grouped(shown / 100, 2)}`,
      shown_wrong: `${sym}${k.grouped(shown, 2)}`,
      pad_in: `${whole}.${frac}`,
      pad_clean: whole * 100 + Number(frac) * 10,
      pad_flawed: whole * 100 + Number(frac),
    };
  },
  relations: {
    "float-example-really-loses-a-cent": (p) => Math.trunc(Number(p.floaty) * 100) === p.floaty_lost,
    "half-cent-tax-example": (p) => (p.net * p.rate_pct * 100) % 10_000 === 5000,
    "equal-split-sums": (p) => String(p.alloc_clean).split(", ").reduce((s, x) => s + Number(x), 0) === p.total,
  },
});
