import { checkKey, checkTtl } from '../state/memory-state-store';
import type { StateStore } from '../state/state-store';
import type { RedisClient } from './client';
import { describeValue, redisFailure } from './redis-failure';

/**
 * Options of {@link redisStateStore}.
 *
 * @example
 * const options: RedisStateStoreOptions = { prefix: 'bot:42:state:' };
 */
export interface RedisStateStoreOptions {
  /**
   * Put before every state key to make the Redis key (`prefix + key`), so several bots, or a
   * bot and other data, share one Redis without meeting. May be `''`. Example: `'bot:state:'`.
   */
  readonly prefix: string;
}

/**
 * A {@link StateStore} in Redis, one string key per state key holding the value as JSON: the
 * state every worker of a cluster (or the next process after a restart) sees. A `ttl` is
 * Redis's own expiry (`SET … PX`), on the server's clock; a write without it keeps the value
 * for good. Reading a value that is not JSON (something else wrote the key) rejects with an
 * error naming the key; so does a key holding another Redis type.
 *
 * Like every state store it does no locking: writes to one key are ordered because the
 * handlers making them are (`perChat`; on a cluster, one worker owns a chat at a time).
 *
 * @example
 * import { createClient } from 'redis';
 * import { chatStateKey } from 'tamtam-rx';
 * import { redisStateStore } from 'tamtam-rx/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }).connect();
 * const state = redisStateStore<{ step: string }>(client, { prefix: 'bot:state:' });
 * await state.set(chatStateKey(update) ?? 'none', { step: 'size' }, { ttl: 15 * 60_000 });
 */
export function redisStateStore<S = unknown>(client: RedisClient, options: RedisStateStoreOptions): StateStore<S> {
  if (typeof client !== 'object' || client === null || typeof client.sendCommand !== 'function') {
    throw new TypeError(
      'redisStateStore: the first argument must be a node-redis client (await createClient({ url }).connect())',
    );
  }
  const prefix = options?.prefix;
  if (typeof prefix !== 'string') {
    throw new TypeError("redisStateStore: options.prefix must be a string, e.g. { prefix: 'bot:state:' } (or '')");
  }
  const attempt = async <T>(what: string, key: string, command: () => Promise<T>): Promise<T> => {
    try {
      return await command();
    } catch (error) {
      throw redisFailure(`redisStateStore: could not ${what} key "${key}"`, error);
    }
  };
  return {
    async get(key) {
      checkKey('get', key);
      const redisKey = prefix + key;
      const text = await attempt('read', redisKey, () => client.get(redisKey));
      if (text === null || text === undefined) return undefined;
      try {
        return JSON.parse(String(text)) as S;
      } catch {
        throw new Error(
          `redisStateStore: the value of key "${redisKey}" is not JSON (${describeValue(String(text))}); another program wrote it: use another prefix, or delete the key (DEL ${redisKey})`,
        );
      }
    },
    async set(key, value, writeOptions) {
      checkKey('set', key);
      const ttl = writeOptions?.ttl;
      checkTtl(ttl);
      const json = JSON.stringify(value);
      if (json === undefined) throw new TypeError('redisStateStore.set: the value must be JSON-serialisable');
      const redisKey = prefix + key;
      await attempt('write', redisKey, () =>
        // PX takes whole milliseconds; rounding up never expires a value early
        ttl === undefined ? client.set(redisKey, json) : client.set(redisKey, json, { PX: Math.ceil(ttl) }),
      );
    },
    async delete(key) {
      checkKey('delete', key);
      const redisKey = prefix + key;
      await attempt('delete', redisKey, () => client.del(redisKey));
    },
  };
}
