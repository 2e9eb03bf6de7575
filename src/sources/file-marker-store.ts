import { open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { MarkerStore, PollingState } from './marker-store';

const FORMAT_VERSION = 1;

/**
 * A {@link MarkerStore} in a JSON file, written atomically: the state goes to a temp file in
 * the same folder, is fsynced, then renamed over the old one. A crash at any instant leaves
 * either the old or the new state. Saves are serialized, the last one wins.
 *
 * @example
 * fromLongPolling(api, { store: fileMarkerStore('./data/polling.json') });
 */
export function fileMarkerStore(path: string): MarkerStore {
  if (typeof path !== 'string' || path === '') throw new TypeError('fileMarkerStore: path must be a non-empty file path');
  let chain: Promise<void> = Promise.resolve();
  let counter = 0;
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      return parseState(text, path);
    },
    save(state) {
      const write = chain.then(() => writeAtomically(path, serialize(state), (counter += 1)));
      chain = write.catch(() => {});
      return write;
    },
  };
}

function serialize(state: PollingState): string {
  return JSON.stringify({ version: FORMAT_VERSION, marker: state.marker, pending: state.pending });
}

function parseState(text: string, path: string): PollingState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`fileMarkerStore: ${path} is not valid JSON; move it away to start from the server's last commit`);
  }
  const record = value as { version?: unknown; marker?: unknown; pending?: unknown };
  const markerOk = record.marker === null || typeof record.marker === 'number';
  if (record.version !== FORMAT_VERSION || !markerOk || !Array.isArray(record.pending)) {
    throw new Error(`fileMarkerStore: ${path} is not a tamtam-rx polling state (version ${FORMAT_VERSION}); move it away to start fresh`);
  }
  return { marker: record.marker as number | null, pending: record.pending as PollingState['pending'] };
}

async function writeAtomically(path: string, data: string, n: number): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${n}.tmp`);
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
}
