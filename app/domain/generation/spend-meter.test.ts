import { describe, expect, it } from "vitest";
import { SpendMeter } from "./spend-meter";

describe("SpendMeter", () => {
  it("refuses a call whose worst case, with the calls in flight, could pass the limit", () => {
    const m = new SpendMeter(1, 0.5);
    expect(m.tryReserve(0.3)).toBe(true);
    expect(m.tryReserve(0.3)).toBe(false); // 0.5 spent + 0.3 promised + 0.3 > 1
    m.settle(0.3, 0.1); // the call cost less than feared
    expect(m.total).toBeCloseTo(0.6);
    expect(m.tryReserve(0.4)).toBe(true);
    expect(m.tryReserve(0.01)).toBe(false);
  });
});
