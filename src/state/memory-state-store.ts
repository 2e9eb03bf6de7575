import type { StateStore } from './state-store';

/**
 * Options of {@link memoryStateStore}.
 *
 * @example
 * memoryStateStore({ maxEntries: 50_000, now: () => scheduler.now() });
 */
export interface MemoryStateStoreOptions {
  /**
   * Most entries kept; when a write would exceed it, the least recently written entry is
   * dropped (expired ones first). A whole number ≥ 1 or `Infinity`. Default `100_000`.
   */
  readonly maxEntries?: number;
  /**
   * The clock time-to-live is measured on, in ms. Default `Date.now`; pass a scheduler's
   * `now` to expire entries in virtual time.
   */
  readonly now?: () => number;
}

/**
 * A {@link StateStore} kept in {@link MemoryStateStore.size | this process's memory}: for tests,
 * development and single-process bots that may forget their state on restart. Values are
 * stored as JSON text, so what `get` returns is always a fresh copy and a value that does not
 * survive JSON is refused at `set`.
 *
 * @example
 * const store = memoryStateStore();
 * store.size; // entries held now (expired ones are dropped as they are met)
 */
export interface MemoryStateStore<S> extends StateStore<S> {
  /** Entries held now, expired ones not yet swept included. */
  readonly size: number;
}

interface Entry {
  readonly json: string;
  readonly expiresAt: number;
}

/**
 * A {@link StateStore} in memory, with time-to-live and a bound on the number of entries.
 * Expired entries are dropped when read and swept a few at a time on every write, so memory
 * follows the live entries, not every key ever written.
 *
 * @example
 * const store = memoryStateStore<{ step: string }>({ maxEntries: 10_000 });
 * await store.set('chat:42', { step: 'size' }, { ttl: 60_000 });
 */
export function memoryStateStore<S = unknown>(options: MemoryStateStoreOptions = {}): MemoryStateStore<S> {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!(maxEntries === Infinity || (Number.isInteger(maxEntries) && maxEntries >= 1))) {
    throw new TypeError(
      `memoryStateStore: options.maxEntries must be a whole number ≥ 1 or Infinity, got ${String(maxEntries)}`,
    );
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new TypeError('memoryStateStore: options.now must be a function () => ms');
  // A Map iterates in insertion order; re-inserting on write keeps it ordered by last write.
  const entries = new Map<string, Entry>();

  const live = (key: string): Entry | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  /** Drops up to `budget` expired entries from the oldest writes, so expired keys never pile up. */
  const sweep = (budget: number): void => {
    const time = now();
    let seen = 0;
    for (const [key, entry] of entries) {
      if (seen >= budget) break;
      seen += 1;
      if (entry.expiresAt <= time) entries.delete(key);
    }
  };

  return {
    get size() {
      return entries.size;
    },
    async get(key) {
      checkKey('get', key);
      const entry = live(key);
      return entry === undefined ? undefined : (JSON.parse(entry.json) as S);
    },
    async set(key, value, writeOptions) {
      checkKey('set', key);
      const ttl = writeOptions?.ttl;
      checkTtl(ttl);
      const json = JSON.stringify(value);
      if (json === undefined) throw new TypeError('memoryStateStore.set: the value must be JSON-serialisable');
      entries.delete(key);
      entries.set(key, { json, expiresAt: ttl === undefined ? Infinity : now() + ttl });
      sweep(4);
      if (entries.size > maxEntries) sweep(entries.size);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value as string;
        entries.delete(oldest);
      }
    },
    async delete(key) {
      checkKey('delete', key);
      entries.delete(key);
    },
  };
}

/**
 * Throws a TypeError when `key` is not a non-empty string.
 *
 * @example
 * checkKey('get', key);
 */
export function checkKey(method: string, key: unknown): asserts key is string {
  if (typeof key !== 'string' || key === '') {
    throw new TypeError(`StateStore.${method}: the key must be a non-empty string (see chatStateKey/userStateKey)`);
  }
}

/**
 * Throws a TypeError when `ttl` is given and not a positive finite number of ms.
 *
 * @example
 * checkTtl(options?.ttl);
 */
export function checkTtl(ttl: unknown): void {
  if (ttl === undefined) return;
  if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) {
    throw new TypeError(
      `StateStore.set: options.ttl must be a positive number of milliseconds, got ${String(ttl)}; omit it to keep the value`,
    );
  }
}
