// Parameters of the DCF valuation summary. The drawn inputs are the project name, the valuation
// year, WACC, terminal growth, the tax rate, year-one revenue and its growth, EBIT margins, D&A,
// capex and working-capital intensity, gross debt, cash and the share counts. Every cash flow,
// discount factor (four decimals), present value, the terminal value, the bridge, value per share
// and each cell of the sensitivity grid are computed from them the way the memo prints them, so
// the base cell of the grid is the enterprise value of the bridge.
// The brief's premises hold in every draw: cash flows are positive, most of enterprise value is
// terminal value and equity value is positive in every cell of the grid.
import { defineParams } from "~/domain/content/param-kit";

const PROJECTS = ["Atlas", "Beacon", "Cedar", "Falcon", "Granite", "Harbor", "Orion", "Summit"];

export default defineParams({
  draw(k) {
    const r1 = (x: number) => k.round(x, 1);
    const r4 = (x: number) => k.round(x, 4);
    const to = (x: number, by: number) => Math.round(x / by) * by;

    const y = k.int(2024, 2027);
    const project = k.pick(PROJECTS);
    const wacc = k.pick([8, 8.5, 9, 9.5, 10, 10.5]);
    const g = k.pick([2, 2.5, 3]);
    const taxPct = k.pick([21, 25, 27]);

    // Five forecast years of whole-number revenue, EBIT, D&A, capex and NWC increase.
    const rev: number[] = [];
    const ebit: number[] = [];
    const da: number[] = [];
    const capex: number[] = [];
    const nwc: number[] = [];
    let ok = false;
    for (let tries = 0; tries < 500 && !ok; tries++) {
      rev.length = ebit.length = da.length = capex.length = nwc.length = 0;
      let prev = to(k.int(150, 800), 5);
      let margin = k.real(0.11, 0.17, 3);
      const daPct = k.real(0.04, 0.06, 3);
      const nwcPct = k.real(0.1, 0.16, 3);
      for (let i = 0; i < 5; i++) {
        const r = to(prev * (1 + k.real(0.05, 0.11, 3)), 5);
        rev.push(r);
        ebit.push(Math.round(r * margin));
        da.push(Math.round(r * daPct));
        capex.push(Math.round(r * daPct * k.real(1.15, 1.4, 2)));
        nwc.push(Math.max(1, Math.round((r - prev) * nwcPct)));
        prev = r;
        margin += k.real(0.003, 0.012, 3);
      }
      const fcf = ebit.map((e, i) => r1(e - r1((e * taxPct) / 100) + da[i] - capex[i] - nwc[i]));
      ok = fcf.every((x) => x > 0) && fcf[4] > fcf[0];
    }
    if (!ok) throw new Error("dcf-valuation-atlas: no draw met the premises");

    const tax = ebit.map((e) => r1((e * taxPct) / 100));
    const nopat = ebit.map((e, i) => r1(e - tax[i]));
    const pre = nopat.map((n, i) => r1(n + da[i] - capex[i]));
    const fcf = pre.map((p, i) => r1(p - nwc[i]));
    const dfs = (w: number) => [1, 2, 3, 4, 5].map((t) => r4(1 / (1 + w / 100) ** t));
    const evAt = (w: number, gg: number) => {
      const df = dfs(w);
      const pv = fcf.map((c, i) => r1(c * df[i]));
      const sumPv = r1(pv.reduce((a, b) => a + b, 0));
      const tv = r1((fcf[4] * (1 + gg / 100)) / ((w - gg) / 100));
      const pvTv = r1(tv * df[4]);
      return { df, pv, sumPv, tv, pvTv, ev: r1(sumPv + pvTv) };
    };
    const base = evAt(wacc, g);
    const grid = [wacc - 1, wacc, wacc + 1].map((w) => [g - 0.5, g, g + 0.5].map((gg) => evAt(w, gg).ev));
    const flat = grid.flat();
    const evMin = Math.min(...flat), evMax = Math.max(...flat);

    let gross = 0, cash = 0, nd = 0, basic = 0, opts = 0;
    for (let tries = 0; tries < 200; tries++) {
      gross = to(base.ev * k.real(0.1, 0.3, 3), 5);
      cash = to(gross * k.real(0.15, 0.35, 3), 0.5);
      nd = r1(gross - cash);
      if (evMin - nd > 0) break;
    }
    basic = k.int(20, 80);
    opts = k.real(1.5, 6, 1);
    const diluted = r1(basic + opts);
    const eq = r1(base.ev - nd);
    const ps = k.round(eq / diluted, 2);
    const pct = (a: number, b: number) => r1(((a - b) / b) * 100);
    const ebitda5 = ebit[4] + da[4];
    const tvWacc = r1((fcf[4] * (1 + g / 100)) / (wacc / 100));
    const tvNoGrowth = r1(fcf[4] / ((wacc - g) / 100));
    const pvTv6 = r1(base.tv / (1 + wacc / 100) ** 6);
    const exitMult = r1(base.tv / ebitda5);
    const fy = (i: number) => `FY${y + i}`;

    const out: Record<string, string | number> = {
      project, y, fy1: fy(1), fy2: fy(2), fy3: fy(3), fy4: fy(4), fy5: fy(5), fy6: fy(6), y_q: y,
      wacc, g, tax_pct: taxPct, wacc_lo: wacc - 1, wacc_hi: wacc + 1, g_lo: g - 0.5, g_hi: g + 0.5,
      w_minus_g: wacc - g, g_factor: k.round(1 + g / 100, 3), w_factor: k.round(1 + wacc / 100, 3),
      gross, cash, nd, basic, opts, diluted, shares_says: diluted,
      sum_pv: base.sumPv, tv: base.tv, tv_says: base.tv, pv_tv: base.pvTv, pv_tv_says: base.pvTv, ev: base.ev,
      eq, eq_dbl: r1(eq + cash), ps, ps_basic: k.round(eq / basic, 2), ps_over: pct(diluted, basic),
      tv_wacc: tvWacc, tv_nog: tvNoGrowth, tv_next: k.round(fcf[4] * (1 + g / 100), 2),
      tv_cut: r1((base.tv - tvWacc) * base.df[4]), pv_tv6: pvTv6, pv_tv6_cut: r1(base.pvTv - pvTv6),
      ebitda5, exit_mult: exitMult, median: Math.round((exitMult + k.pick([-0.3, 0.2, 0.4])) * 2) / 2,
      tv_share: r1((base.pvTv / base.ev) * 100),
      tv_share_eq: r1((base.pvTv / eq) * 100),
      ev_whi: grid[2][1], ev_wlo: grid[0][1], ev_glo: grid[1][0], ev_ghi: grid[1][2],
      wup_chg: pct(grid[2][1], base.ev), wup_abs: -pct(grid[2][1], base.ev), wup_chg_wrong: -pct(grid[2][1], base.ev),
      wdown_chg: pct(grid[0][1], base.ev), glo_chg: -pct(grid[1][0], base.ev), ghi_chg: pct(grid[1][2], base.ev),
      ev_min: evMin, ev_max: evMax, eq_min: r1(evMin - nd), eq_max: r1(evMax - nd),
      ps_min: k.round((evMin - nd) / diluted, 2), ps_max: k.round((evMax - nd) / diluted, 2),
    };
    for (let i = 0; i < 5; i++) {
      const n = i + 1;
      Object.assign(out, {
        [`rev${n}`]: rev[i], [`ebit${n}`]: ebit[i], [`mg${n}`]: r1((ebit[i] / rev[i]) * 100), [`tax${n}`]: tax[i],
        [`nopat${n}`]: nopat[i], [`da${n}`]: da[i], [`capex${n}`]: capex[i], [`nwc${n}`]: nwc[i], [`pre${n}`]: pre[i],
        [`fcf${n}`]: fcf[i], [`df${n}`]: base.df[i], [`pv${n}`]: base.pv[i],
      });
    }
    for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) out[`grid${a}${b}`] = grid[a][b];
    return out;
  },
  relations: {
    "fcf-build": (p) =>
      [1, 2, 3, 4, 5].every((n) =>
        Math.abs(Number(p[`ebit${n}`]) - Number(p[`tax${n}`]) - Number(p[`nopat${n}`])) < 0.051 &&
        Math.abs(Number(p[`nopat${n}`]) + Number(p[`da${n}`]) - Number(p[`capex${n}`]) - Number(p[`nwc${n}`]) - Number(p[`fcf${n}`])) < 0.051),
    "discounting": (p) =>
      [1, 2, 3, 4, 5].every((n) =>
        Math.abs(Number(p[`df${n}`]) - 1 / (1 + Number(p.wacc) / 100) ** n) < 0.00006 &&
        Math.abs(Number(p[`fcf${n}`]) * Number(p[`df${n}`]) - Number(p[`pv${n}`])) < 0.051),
    "sum-of-pv": (p) => Math.abs([1, 2, 3, 4, 5].reduce((a, n) => a + Number(p[`pv${n}`]), 0) - Number(p.sum_pv)) < 0.051,
    "terminal-value": (p) =>
      Math.abs((Number(p.fcf5) * (1 + Number(p.g) / 100)) / ((Number(p.wacc) - Number(p.g)) / 100) - Number(p.tv_says)) < 0.051 &&
      p.tv_says === p.tv,
    "terminal-value-at-end-of-forecast": (p) => Math.abs(Number(p.tv) * Number(p.df5) - Number(p.pv_tv_says)) < 0.051 && p.pv_tv_says === p.pv_tv,
    "enterprise-to-equity": (p) =>
      Math.abs(Number(p.sum_pv) + Number(p.pv_tv) - Number(p.ev)) < 0.051 && Math.abs(Number(p.gross) - Number(p.cash) - Number(p.nd)) < 0.051 &&
      Math.abs(Number(p.ev) - Number(p.nd) - Number(p.eq)) < 0.051,
    "per-diluted-share": (p) =>
      Math.abs(Number(p.basic) + Number(p.opts) - Number(p.diluted)) < 0.051 && p.shares_says === p.diluted &&
      Math.abs(Number(p.eq) / Number(p.shares_says) - Number(p.ps)) < 0.0051,
    "terminal-share-of-ev": (p) => Math.abs((Number(p.pv_tv) / Number(p.ev)) * 100 - Number(p.tv_share)) < 0.051 && Number(p.tv_share) > 60,
    "grid-centre-is-base": (p) => p.grid11 === p.ev,
    "wacc-sensitivity": (p) =>
      Math.abs(((Number(p.ev_whi) - Number(p.ev)) / Number(p.ev)) * 100 - Number(p.wup_chg)) < 0.051 &&
      Math.abs(((Number(p.ev_wlo) - Number(p.ev)) / Number(p.ev)) * 100 - Number(p.wdown_chg)) < 0.051,
    "equity-positive-across-grid": (p) => Number(p.eq_min) > 0 && Math.abs(Number(p.ev_min) - Number(p.nd) - Number(p.eq_min)) < 0.051,
  },
});
