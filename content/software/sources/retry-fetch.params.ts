// Parameters of the retry helper: its name and defaults. Every number in the notes and the brief
// is computed from the defaults, so they agree in every draw.
import { defineParams } from "~/domain/content/param-kit";

export default defineParams({
  draw(k) {
    const [fn, optsType] = k.pick([
      ["fetchWithRetry", "RetryOptions"],
      ["fetchWithBackoff", "BackoffOptions"],
      ["retryingFetch", "RetryingFetchOptions"],
      ["resilientFetch", "ResilientFetchOptions"],
    ]);
    const retries = k.int(2, 5);
    const max = k.step(3000, 10000, 1000);
    return {
      fn,
      opts_type: optsType,
      retries,
      retries_w: k.words(retries),
      attempts: retries + 1,
      attempts_w: k.words(retries + 1),
      base: k.pick([100, 150, 200, 250, 300]),
      max,
      max_s: max / 1000,
    };
  },
  relations: {
    "attempts-are-retries-plus-one": (p) => p.attempts === p.retries + 1,
    "cap-above-base": (p) => p.max > p.base * 2,
  },
});
