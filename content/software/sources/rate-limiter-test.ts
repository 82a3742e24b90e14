// Unit tests for createRateLimiter (fixed window per key). The limiter gets a fake
// clock, so no test waits on real time and every boundary is hit to the millisecond.
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter';

const START = 1_000_000;

function setup(limit: number, windowMs = 60_000) {
  let current = START;
  const clock = {
    now: () => current,
    advance: (ms: number) => {
      current += ms;
    },
  };
  const limiter = createRateLimiter({ limit, windowMs, now: clock.now });
  return { clock, limiter };
}

describe('createRateLimiter', () => {
  it('allows `limit` hits per window and counts remaining down', () => {
    const { limiter } = setup(3);
    expect(limiter.hit('a')).toMatchObject({ allowed: true, remaining: 2 });
    expect(limiter.hit('a')).toMatchObject({ allowed: true, remaining: 1 });
    expect(limiter.hit('a')).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('refuses the hit right after the limit, with remaining 0', () => {
    const { limiter } = setup(3);
    for (let i = 0; i < 3; i++) limiter.hit('a');
    expect(limiter.hit('a')).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('reports resetAt as the window start plus windowMs', () => {
    const { clock, limiter } = setup(3, 60_000);
    const first = limiter.hit('a');
    clock.advance(10_000);
    const later = limiter.hit('a');
    expect(first.resetAt).toBe(START + 60_000);
    expect(later.resetAt).toBe(first.resetAt);
  });

  it('still refuses one millisecond before resetAt', () => {
    const { clock, limiter } = setup(1, 60_000);
    limiter.hit('a');
    clock.advance(59_999);
    expect(limiter.hit('a').allowed).toBe(false);
  });

  it('starts a fresh window exactly at resetAt', () => {
    const { clock, limiter } = setup(1, 60_000);
    limiter.hit('a');
    clock.advance(60_000);
    expect(limiter.hit('a')).toMatchObject({
      allowed: true,
      remaining: 0,
      resetAt: START + 120_000,
    });
  });

  it('anchors the window at the first hit, not at wall-clock boundaries', () => {
    const { clock, limiter } = setup(1, 60_000);
    limiter.hit('a'); // START is 40 s into an aligned minute
    clock.advance(30_000); // an aligned window would have reset 20 s after START
    expect(limiter.hit('a').allowed).toBe(false);
  });

  it('keeps keys independent', () => {
    const { limiter } = setup(1);
    expect(limiter.hit('a').allowed).toBe(true);
    expect(limiter.hit('a').allowed).toBe(false);
    expect(limiter.hit('b')).toMatchObject({ allowed: true, remaining: 0 });
  });

  it.each([
    { limit: 0, windowMs: 1_000 },
    { limit: 1, windowMs: 0 },
    { limit: 1, windowMs: -5 },
  ])('throws a RangeError for invalid options %o', (options) => {
    expect(() => createRateLimiter(options)).toThrow(RangeError);
  });
});

// Coverage: the limit-th and (limit+1)-th hit, the last refused millisecond and the exact
// reset instant, window anchoring, per-key isolation and option validation.
