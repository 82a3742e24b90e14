// Unit tests for {{factory}} (fixed window per key). The limiter gets a fake
// clock, so no test waits on real time and every boundary is hit to the millisecond.
import { describe, expect, it } from 'vitest';
import { {{factory}} } from '{{module}}';

const START = {{start}};

function setup(limit: number, windowMs = {{w}}) {
  let current = START;
  const clock = {
    now: () => current,
    advance: (ms: number) => {
      current += ms;
    },
  };
  const limiter = {{factory}}({ limit, windowMs, now: clock.now });
  return { clock, limiter };
}

describe('{{factory}}', () => {
  it('allows `limit` hits per window and counts remaining down', () => {
    const { limiter } = setup(3);
    expect(limiter.hit('{{ka}}')).toMatchObject({ allowed: true, remaining: 2 });
    expect(limiter.hit('{{ka}}')).toMatchObject({ allowed: true, remaining: 1 });
    expect(limiter.hit('{{ka}}')).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('refuses the hit right after the limit, with remaining 0', () => {
    const { limiter } = setup({{limit}});
    for (let i = 0; i < {{limit}}; i++) limiter.hit('{{ka}}');
    expect(limiter.hit('{{ka}}')).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('reports resetAt as the window start plus windowMs', () => {
    const { clock, limiter } = setup(3, {{w}});
    const first = limiter.hit('{{ka}}');
    clock.advance({{w_fifth}});
    const later = limiter.hit('{{ka}}');
    expect(first.resetAt).toBe(START + {{w}});
    expect(later.resetAt).toBe(first.resetAt);
  });

  it('still refuses one millisecond before resetAt', () => {
    const { clock, limiter } = setup(1, {{w}});
    limiter.hit('{{ka}}');
    clock.advance({{w_less}});
    expect(limiter.hit('{{ka}}').allowed).toBe(false);
  });

  it('starts a fresh window exactly at resetAt', () => {
    const { clock, limiter } = setup(1, {{w}});
    limiter.hit('{{ka}}');
    clock.advance({{w}});
    expect(limiter.hit('{{ka}}')).toMatchObject({
      allowed: true,
      remaining: 0,
      resetAt: START + {{w2}},
    });
  });

  it('anchors the window at the first hit, not at wall-clock boundaries', () => {
    const { clock, limiter } = setup(1, {{w}});
    limiter.hit('{{ka}}'); // START is {{off_s}} s into an aligned {{window_name}}
    clock.advance({{w_half}}); // an aligned window would have reset {{aligned_reset_s}} s after START
    expect(limiter.hit('{{ka}}').allowed).toBe(false);
  });

  it('keeps keys independent', () => {
    const { limiter } = setup(1);
    expect(limiter.hit('{{ka}}').allowed).toBe(true);
    expect(limiter.hit('{{ka}}').allowed).toBe(false);
    expect(limiter.hit('{{kb}}')).toMatchObject({ allowed: true, remaining: 0 });
  });

  it.each([
    { limit: 0, windowMs: 1_000 },
    { limit: 1, windowMs: 0 },
    { limit: 1, windowMs: -5 },
  ])('throws a RangeError for invalid options %o', (options) => {
    expect(() => {{factory}}(options)).toThrow(RangeError);
  });
});

// Coverage: the limit-th and (limit+1)-th hit, the last refused millisecond and the exact
// reset instant, window anchoring, per-key isolation and option validation.
