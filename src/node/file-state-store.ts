import { mkdir, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { readIfExists, removeStaleTemps, syncDirectory, writeDurably } from '../sources/durable-file';
import { checkKey, checkTtl } from '../state/memory-state-store';
import type { StateStore } from '../state/state-store';

const FORMAT_VERSION = 1;
/** File names stay under the common 255-byte limit with room for the temp suffix. */
const MAX_NAME = 200;

/**
 * Options of {@link fileStateStore}.
 *
 * @example
 * fileStateStore('./data/state', { now: () => scheduler.now() });
 */
export interface FileStateStoreOptions {
  /** The clock time-to-live is measured on, in ms. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * A {@link StateStore} in a folder, one JSON file a key (`chat%3A42.json`), each written
 * atomically and durably like `fileMarkerStore`'s file: a crash at any instant leaves the old
 * or the new value, and `set` resolves only once the value is on disk. Writes to one key are
 * serialized, the last one wins; different keys are written in parallel. An expired value is
 * removed when it is next read. Several processes may share the folder when each owns its own
 * keys (its chats), as on one machine with partitioned workers.
 *
 * @example
 * import { fileStateStore } from 'tamtam-rx/node';
 * const store = fileStateStore('./data/state');
 * const dialogs = conversations(api, { store, flows: [orderForm] });
 */
export function fileStateStore<S = unknown>(directory: string, options: FileStateStoreOptions = {}): StateStore<S> {
  if (typeof directory !== 'string' || directory === '')
    throw new TypeError('fileStateStore: directory must be a non-empty folder path');
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new TypeError('fileStateStore: options.now must be a function () => ms');
  let opened: Promise<void> | undefined;
  const ready = (): Promise<void> =>
    (opened ??= mkdir(directory, { recursive: true }).then(() => removeStaleTemps(directory, '.')));
  /** The last write queued per key; removed once it settles and nothing follows it. */
  const chains = new Map<string, Promise<void>>();

  const queue = (key: string, work: () => Promise<void>): Promise<void> => {
    const previous = chains.get(key) ?? Promise.resolve();
    const next = previous.then(ready).then(work);
    const tail = next.catch(() => {});
    chains.set(key, tail);
    void tail.then(() => {
      if (chains.get(key) === tail) chains.delete(key);
    });
    return next;
  };

  const pathOf = (method: string, key: string): string => {
    checkKey(method, key);
    const name = `${encodeKey(key)}.json`;
    if (name.length > MAX_NAME)
      throw new TypeError(`fileStateStore.${method}: the key is too long for a file name (at most ~190 characters)`);
    return join(directory, name);
  };

  const remove = async (path: string): Promise<void> => {
    try {
      await unlink(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    await syncDirectory(directory);
  };

  return {
    async get(key) {
      const path = pathOf('get', key);
      // Reads wait for this key's queued writes: a get after a set sees it.
      await (chains.get(key) ?? ready());
      const text = await readIfExists(path);
      if (text === undefined) return undefined;
      const record = parseRecord(text, path);
      if (record.expiresAt !== null && record.expiresAt <= now()) {
        await queue(key, async () => {
          // Still the same expired record (no set slipped in): remove it.
          const again = await readFile(path, 'utf8').catch(() => undefined);
          if (again === text) await remove(path);
        });
        return undefined;
      }
      return record.value as S;
    },
    async set(key, value, writeOptions) {
      const path = pathOf('set', key);
      const ttl = writeOptions?.ttl;
      checkTtl(ttl);
      const expiresAt = ttl === undefined ? null : now() + ttl;
      const json = JSON.stringify({ version: FORMAT_VERSION, expiresAt, value });
      if (JSON.stringify(value) === undefined)
        throw new TypeError('fileStateStore.set: the value must be JSON-serialisable');
      await queue(key, () => writeDurably(path, json));
    },
    async delete(key) {
      const path = pathOf('delete', key);
      await queue(key, () => remove(path));
    },
  };
}

/** A key as a file name: percent-encoded, with the characters that could start a temp name encoded too. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(
    /[.!~*'()]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function parseRecord(text: string, path: string): { expiresAt: number | null; value: unknown } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`fileStateStore: ${path} is not valid JSON; move it away to forget this key's state`);
  }
  const record = value as { version?: unknown; expiresAt?: unknown; value?: unknown };
  if (
    typeof record !== 'object' ||
    record === null ||
    record.version !== FORMAT_VERSION ||
    !(record.expiresAt === null || typeof record.expiresAt === 'number') ||
    !('value' in record)
  ) {
    throw new Error(
      `fileStateStore: ${path} is not a tamtam-rx state file (version ${FORMAT_VERSION}); move it away to forget this key's state`,
    );
  }
  return { expiresAt: record.expiresAt, value: record.value };
}
