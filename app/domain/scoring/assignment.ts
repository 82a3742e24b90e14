// Matching findings to flaws: one-to-one, maximal total overlap (docs/scoring.md §1).
export interface AssignmentOptions {
  /** Search nodes before switching to the Hungarian algorithm (tests force the fallback). */
  nodeBudget?: number;
}

/**
 * Optimal one-to-one assignment of rows (flaws) to columns (findings) for a non-negative
 * integer weight matrix; only pairs with weight > 0 may be assigned. Maximises the total
 * weight; among optimal assignments, prefers row 0 assigned to the lowest column possible
 * (assigned before unassigned), then row 1, and so on. Returns the column per row, or -1.
 *
 * Exact depth-first search with a bound first (typical attempts: a handful of nodes); if the
 * search exceeds its node budget, the same answer is computed with the Hungarian algorithm
 * plus a lexicographic refinement pass.
 */
export function optimalAssignment(weights: readonly number[][], options?: AssignmentOptions): number[] {
  const n = weights.length;
  const m = n === 0 ? 0 : weights[0].length;
  const result = new Array<number>(n).fill(-1);
  if (n === 0 || m === 0) return result;

  // Candidate columns per row in ascending order, and the best weight left from row i on.
  const cand: number[][] = [];
  const suffixMax = new Array<number>(n + 1).fill(0);
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < m; j++) if (weights[i][j] > 0) row.push(j);
    cand.push(row);
  }
  for (let i = n - 1; i >= 0; i--) {
    let best = 0;
    for (const j of cand[i]) best = Math.max(best, weights[i][j]);
    suffixMax[i] = suffixMax[i + 1] + best;
  }

  const budget = options?.nodeBudget ?? 100_000;
  let nodes = 0;
  let bestTotal = -1;
  const current = new Array<number>(n).fill(-1);
  const used = new Uint8Array(m);
  let aborted = false;

  // Rows in order, columns ascending, "unassigned" last: the first assignment reaching the
  // best total is the preferred one, so only strict improvements replace it.
  const search = (i: number, total: number): void => {
    if (aborted) return;
    if (++nodes > budget) {
      aborted = true;
      return;
    }
    if (i === n) {
      if (total > bestTotal) {
        bestTotal = total;
        for (let k = 0; k < n; k++) result[k] = current[k];
      }
      return;
    }
    if (total + suffixMax[i] <= bestTotal) return;
    for (const j of cand[i]) {
      if (used[j]) continue;
      used[j] = 1;
      current[i] = j;
      search(i + 1, total + weights[i][j]);
      used[j] = 0;
      current[i] = -1;
      if (aborted) return;
    }
    search(i + 1, total);
  };
  search(0, 0);
  if (!aborted) return result;
  return hungarianLexicographic(weights, n, m);
}

/** Maximum total weight of a one-to-one assignment between the given rows and columns. */
function hungarianMax(weights: readonly number[][], rows: number[], cols: number[]): number {
  const r = rows.length;
  const c = cols.length;
  if (r === 0 || c === 0) return 0;
  // Square cost matrix (minimisation of -weight); padding cells cost 0 = "unassigned".
  const size = Math.max(r, c);
  const cost = (i: number, j: number): number =>
    i < r && j < c ? -Math.max(0, weights[rows[i]][cols[j]]) : 0;
  // Jonker-style O(n^3) Hungarian with potentials, 1-based internal indices.
  const u = new Float64Array(size + 1);
  const v = new Float64Array(size + 1);
  const p = new Int32Array(size + 1);
  const way = new Int32Array(size + 1);
  for (let i = 1; i <= size; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(size + 1).fill(Infinity);
    const usedCol = new Uint8Array(size + 1);
    do {
      usedCol[j0] = 1;
      const i0 = p[j0];
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= size; j++) {
        if (usedCol[j]) continue;
        const cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= size; j++) {
        if (usedCol[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= size; j++) total -= cost(p[j] - 1, j - 1);
  return total;
}

function hungarianLexicographic(weights: readonly number[][], n: number, m: number): number[] {
  const allRows = Array.from({ length: n }, (_, i) => i);
  const allCols = Array.from({ length: m }, (_, j) => j);
  const optimum = hungarianMax(weights, allRows, allCols);
  const result = new Array<number>(n).fill(-1);
  const freeCols = new Set(allCols);
  let fixed = 0;
  for (let i = 0; i < n; i++) {
    const laterRows = allRows.slice(i + 1);
    for (let j = 0; j < m; j++) {
      if (!freeCols.has(j) || weights[i][j] <= 0) continue;
      const rest = hungarianMax(weights, laterRows, [...freeCols].filter((c) => c !== j));
      if (fixed + weights[i][j] + rest === optimum) {
        result[i] = j;
        fixed += weights[i][j];
        freeCols.delete(j);
        break;
      }
    }
  }
  return result;
}

