// What a generation job may still spend: money already committed plus money promised to calls
// in flight never exceeds the limit, however many calls run at once.

export class SpendMeter {
  private reserved = 0;
  constructor(
    readonly limit: number,
    private spent: number,
  ) {}
  tryReserve(usd: number): boolean {
    if (this.spent + this.reserved + usd > this.limit + 1e-12) return false;
    this.reserved += usd;
    return true;
  }
  settle(reserved: number, actual: number) {
    this.reserved = Math.max(0, this.reserved - reserved);
    this.spent += actual;
  }
  get total() {
    return this.spent;
  }
}
