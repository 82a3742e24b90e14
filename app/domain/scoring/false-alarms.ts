// The false-alarm cost (docs/scoring.md §2): each false alarm costs a share of the precision
// weight that grows with the square of its confidence, and the costs add up with their count,
// capped at the whole weight. A hedged note (confidence 0.5) costs a quarter of a certain one,
// so hedging is the honest way to mention a doubt; confident noise costs most.

/**
 * Per false alarm, the share of the precision weight it costs: rate × confidence², scaled down
 * proportionally when the sum would exceed 1 (so each cost stays explainable as its part).
 */
export function falseAlarmCosts(confidences: readonly number[], rate: number): number[] {
  const raw = confidences.map((c) => rate * c * c);
  const sum = raw.reduce((a, b) => a + b, 0);
  return sum > 1 ? raw.map((r) => r / sum) : raw;
}
