// The engine's caches: what it derives from a pack, or from a source and a pack (compiled
// operators, candidate edits, a compiled parametric source, a fixed source's documents), is
// worked out once and held weakly, so the entries of a reloaded pack go with the old one.

/** `make` computed once per object. */
export function memoPer<A extends object, V>(make: (a: A) => V): (a: A) => V {
  const cache = new WeakMap<A, V>();
  return (a) => {
    let v = cache.get(a);
    if (v === undefined) cache.set(a, (v = make(a)));
    return v;
  };
}

/** `make` computed once per pair of objects (a source and a pack). */
export function memoPerPair<A extends object, B extends object, V>(make: (a: A, b: B) => V): (a: A, b: B) => V {
  const cache = new WeakMap<A, WeakMap<B, V>>();
  return (a, b) => {
    let perB = cache.get(a);
    if (!perB) cache.set(a, (perB = new WeakMap()));
    let v = perB.get(b);
    if (v === undefined) perB.set(b, (v = make(a, b)));
    return v;
  };
}
