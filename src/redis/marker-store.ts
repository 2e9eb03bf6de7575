import type { MarkerStore, PollingState } from '../sources/marker-store';
import type { RedisClient } from './client';
import { describeValue, redisFailure } from './redis-failure';

/**
 * Options of {@link redisMarkerStore}.
 *
 * @example
 * const options: RedisMarkerStoreOptions = { key: 'bot:42:polling' };
 */
export interface RedisMarkerStoreOptions {
  /**
   * The Redis key holding the polling state (one string value). One key per bot: every process
   * that may poll for this bot uses the same key, and only one polls at a time (the server
   * allows one long poll per bot).
   */
  readonly key: string;
}

/** Version of the stored JSON document; another version is refused rather than guessed at. */
const FORMAT_VERSION = 1;

/**
 * A {@link MarkerStore} in one Redis key, so long polling can move between machines: a bot
 * started on another machine with the same key continues from the marker the previous one
 * saved and replays the updates it fetched but had not handled (flagged with `isRedelivery`).
 *
 * Each save is one `SET` of a JSON document holding the marker and the pending updates
 * together, which Redis applies atomically: a reader sees the previous state or the new one,
 * never a mix. Saves of one store are sent in order on one connection, so the last one wins.
 * A value that is not a polling state (not JSON, another format, another Redis type) makes
 * `load()` reject with a message naming the key and how to reset it. How durable a save is
 * after it resolved is Redis's persistence setting (`appendonly yes` with `appendfsync
 * everysec` loses at most a second on a power cut).
 *
 * @example
 * import { createClient } from 'redis';
 * import { fromLongPolling } from 'tamtam-rx';
 * import { redisMarkerStore } from 'tamtam-rx/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }).connect();
 * const updates$ = fromLongPolling(api, { store: redisMarkerStore(client, { key: 'bot:polling' }) });
 */
export function redisMarkerStore(client: RedisClient, options: RedisMarkerStoreOptions): MarkerStore {
  if (typeof client !== 'object' || client === null || typeof client.sendCommand !== 'function') {
    throw new TypeError(
      'redisMarkerStore: the first argument must be a node-redis client (await createClient({ url }).connect())',
    );
  }
  const key = options?.key;
  if (typeof key !== 'string' || key === '') {
    throw new TypeError("redisMarkerStore: options.key must be a non-empty Redis key, e.g. { key: 'bot:polling' }");
  }
  return {
    async load() {
      let value: Awaited<ReturnType<RedisClient['get']>>;
      try {
        value = await client.get(key);
      } catch (error) {
        throw redisFailure(`redisMarkerStore: could not read key "${key}"`, error);
      }
      // a client with a Buffer type mapping answers with a Buffer: String() decodes it as UTF-8
      return value === null || value === undefined ? undefined : parseState(String(value), key);
    },
    async save(state) {
      const document = JSON.stringify({ version: FORMAT_VERSION, marker: state.marker, pending: state.pending });
      try {
        await client.set(key, document);
      } catch (error) {
        throw redisFailure(`redisMarkerStore: could not write key "${key}"`, error);
      }
    },
  };
}

function parseState(text: string, key: string): PollingState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(
      `redisMarkerStore: the value of key "${key}" is not valid JSON (${describeValue(text)}); delete it (DEL ${key}) to start from the server's last commit`,
    );
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as {
    version?: unknown;
    marker?: unknown;
    pending?: unknown;
  };
  const markerOk = record.marker === null || (typeof record.marker === 'number' && Number.isFinite(record.marker));
  if (record.version !== FORMAT_VERSION || !markerOk || !Array.isArray(record.pending)) {
    throw new Error(
      `redisMarkerStore: the value of key "${key}" is not a tamtam-rx polling state (version ${FORMAT_VERSION}); use another key, or delete it (DEL ${key}) to start fresh`,
    );
  }
  return { marker: record.marker as number | null, pending: record.pending as PollingState['pending'] };
}
