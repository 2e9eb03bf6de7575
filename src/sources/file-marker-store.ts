import { open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import type { MarkerStore, PollingState } from './marker-store';

const FORMAT_VERSION = 1;

/** Temp files this process is writing right now (any store instance), never cleaned up. */
const inFlight = new Set<string>();
/** Numbers temp files uniquely within the process, across store instances. */
let tempCounter = 0;

/**
 * A {@link MarkerStore} in a JSON file, written atomically and durably: the state goes to a
 * temp file in the same folder, which is fsynced, renamed over the old file, and then the folder
 * is fsynced so the rename itself survives a power cut. A crash at any instant leaves either the
 * old or the new state. Saves are serialized, the last one wins. Temp files a killed process
 * left behind (`.<name>.<pid>.<n>.tmp` of a process that no longer runs, or of an earlier
 * process with this one's pid) are removed when the store is first used.
 *
 * @example
 * fromLongPolling(api, { store: fileMarkerStore('./data/polling.json') });
 */
export function fileMarkerStore(path: string): MarkerStore {
  if (typeof path !== 'string' || path === '')
    throw new TypeError('fileMarkerStore: path must be a non-empty file path');
  let chain: Promise<void> = Promise.resolve();
  let opened: Promise<void> | undefined;
  const ready = (): Promise<void> => (opened ??= removeStaleTemps(path));
  return {
    async load() {
      await ready();
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

function tempPrefix(path: string): string {
  return `.${basename(path)}.`;
}

/** Temp file, rename, then the folder: each step reaches the disk before the next. */
function nextTempNumber(): number {
  tempCounter += 1;
  return tempCounter;
}

async function writeDurably(path: string, data: string): Promise<void> {
  const temp = join(dirname(path), `${tempPrefix(path)}${process.pid}.${nextTempNumber()}.tmp`);
  inFlight.add(temp);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  } finally {
    inFlight.delete(temp);
  }
  await syncDirectory(dirname(path));
}

/**
 * Makes a rename in `directory` durable. Platforms that cannot open or fsync a directory
 * (Windows, some network file systems) refuse with one of these codes; there the rename is as
 * durable as the platform makes it.
 */
async function syncDirectory(directory: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(directory, 'r');
  } catch (error) {
    if (isUnsupported(error)) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!isUnsupported(error)) throw error;
  } finally {
    await handle.close();
  }
}

function isUnsupported(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EISDIR' || code === 'EPERM' || code === 'EINVAL' || code === 'ENOTSUP' || code === 'EACCES';
}

/**
 * Removes temp files of this store left by a process that was killed mid-save: those of a
 * process that no longer runs, and those of an earlier process with this one's pid (a restarted
 * container) that no save in this process is writing. A temp file of another running process
 * is left alone. Best effort: a folder that cannot be listed is the next write's problem.
 */
async function removeStaleTemps(path: string): Promise<void> {
  const directory = dirname(path);
  const prefix = tempPrefix(path);
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return;
  }
  await Promise.all(
    names.map(async (name) => {
      if (!name.startsWith(prefix)) return;
      const match = /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length));
      if (match === null) return;
      const temp = join(directory, name);
      const pid = Number(match[1]);
      if (inFlight.has(temp) || (pid !== process.pid && isRunning(pid))) return;
      await unlink(temp).catch(() => {});
    }),
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
