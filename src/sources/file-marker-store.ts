import { mkdir } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { readIfExists, removeStaleTemps, writeDurably } from './durable-file';
import type { MarkerStore, PollingState } from './marker-store';

const FORMAT_VERSION = 1;

/**
 * A {@link MarkerStore} in a JSON file, written atomically and durably: the state goes to a
 * temp file in the same folder, which is fsynced, renamed over the old file, and then the folder
 * is fsynced so the rename itself survives a power cut. A crash at any instant leaves either the
 * old or the new state. Saves are serialized, the last one wins. Temp files a killed process
 * left behind (`.<name>.<pid>.<n>.tmp` of a process that no longer runs, or of an earlier
 * process with this one's pid) are removed when the store is first used, which also creates
 * the folder when it is missing.
 *
 * @example
 * fromLongPolling(api, { store: fileMarkerStore('./data/polling.json') });
 */
export function fileMarkerStore(path: string): MarkerStore {
  if (typeof path !== 'string' || path === '')
    throw new TypeError('fileMarkerStore: path must be a non-empty file path');
  let chain: Promise<void> = Promise.resolve();
  let opened: Promise<void> | undefined;
  // the folder is made on first use, so a missing one fails (or is fixed) at start, not at the first save
  const ready = (): Promise<void> =>
    (opened ??= mkdir(dirname(path), { recursive: true }).then(() =>
      removeStaleTemps(dirname(path), `.${basename(path)}.`),
    ));
  return {
    async load() {
      await ready();
      const text = await readIfExists(path);
      if (text === undefined) return undefined;
      return parseState(text, path);
    },
    save(state) {
      const write = chain.then(ready).then(() => writeDurably(path, serialize(state)));
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
    throw new Error(
      `fileMarkerStore: ${path} is not a tamtam-rx polling state (version ${FORMAT_VERSION}); move it away to start fresh`,
    );
  }
  return { marker: record.marker as number | null, pending: record.pending as PollingState['pending'] };
}
