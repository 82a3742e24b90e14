// {{cls}}: an in-process LRU cache with per-entry expiry and single-flight loading.
// A Map iterates in insertion order, so re-inserting a key on every hit keeps the least
// recently used key first.

interface Entry<V> {
  value: V;
  expiresAt: number;
}

export interface {{cls}}Options {
  ttlMs: number;
  maxEntries: number;
  /** Clock in ms, injectable for tests. Default Date.now. */
  now?: () => number;
}

/** `undefined` cannot be cached: get() uses it to report a miss. */
export class {{cls}}<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly inflight = new Map<string, Promise<V>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor({ ttlMs, maxEntries, now = Date.now }: {{cls}}Options) {
    if (!(ttlMs > 0) || !Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new RangeError('ttlMs must be positive and maxEntries a positive integer');
    }
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
    this.now = now;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // A hit counts as use: move the key to the most recently used end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores a value; a load already in flight for the key will not overwrite it. */
  set(key: string, value: V): void {
    this.inflight.delete(key);
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /** Removes the key; a load already in flight for it will not store its result. */
  delete(key: string): boolean {
    this.inflight.delete(key);
    return this.entries.delete(key);
  }

  /**
   * Returns the cached value or loads it. Concurrent callers for the same key share one
   * loader call; a rejected load is not cached, so the next call tries again.
   */
  getOrLoad(key: string, loader: () => Promise<V>): Promise<V> {
    const cached = this.get(key);
    if (cached !== undefined) return Promise.resolve(cached);

    const pending = this.inflight.get(key);
    if (pending !== undefined) return pending;

    // Promise.resolve().then(loader) turns a synchronous throw into a rejection too.
    const promise: Promise<V> = Promise.resolve()
      .then(loader)
      .then(
        (value) => {
          // Only the current load may store: delete() may have dropped this one meanwhile.
          if (this.inflight.get(key) === promise) {
            this.inflight.delete(key);
            this.set(key, value);
          }
          return value;
        },
        (error: unknown) => {
          if (this.inflight.get(key) === promise) this.inflight.delete(key);
          throw error;
        },
      );
    this.inflight.set(key, promise);
    return promise;
  }
}

// Notes:
// - get, set and delete are O(1); eviction removes one key per insert beyond maxEntries.
// - Expired entries are dropped lazily when read, or evicted like any other entry.
// - Callers that join an in-flight load all see the same value or the same rejection.
// - In the {{consumer}} ({{what}}): new {{cls}}<{{vtype}}>({ ttlMs: {{ttl}}, maxEntries: {{maxn}} }).
