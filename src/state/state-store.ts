/**
 * Where per-chat (or per-user) state lives: a key-value store of JSON-serialisable values with
 * an optional time to live. Memory, file and Redis backends implement it; write your own for
 * any database. Keys are opaque strings (see the key helpers); values must survive
 * `JSON.stringify`/`JSON.parse` unchanged.
 *
 * Consistency: a store does no locking of its own. Writes to one key are ordered because the
 * handlers that make them are (`perChat` runs one handler per chat at a time, and on a Redis
 * cluster one worker owns a chat's partition at a time).
 *
 * @example
 * const store: StateStore<{ step: string }> = memoryStateStore();
 * await store.set('chat:42', { step: 'size' }, { ttl: 60_000 });
 * await store.get('chat:42'); // { step: 'size' }
 */
export interface StateStore<S = unknown> {
  /** The value saved under `key`, or `undefined` when there is none (or it expired). */
  get(key: string): Promise<S | undefined>;
  /** Saves `value` under `key`, replacing any previous one; resolves once it is durable. */
  set(key: string, value: S, options?: StateWriteOptions): Promise<void>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/**
 * Options of {@link StateStore.set}.
 *
 * @example
 * await store.set(key, value, { ttl: 15 * 60_000 }); // forget after 15 minutes of no writes
 */
export interface StateWriteOptions {
  /** Milliseconds until the value expires; omitted: it never does. */
  readonly ttl?: number;
}
