/**
 * Atomic, durable file writes shared by the file-backed stores (`fileMarkerStore`,
 * `fileStateStore`): temp file, fsync, rename, fsync of the folder; plus the cleanup of temp
 * files a killed process left behind.
 */
import { open, readFile, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Temp files this process is writing right now (any store instance), never cleaned up. */
const inFlight = new Set<string>();
/** Numbers temp files uniquely within the process, across store instances. */
let tempCounter = 0;

/** The temp file name prefix of `path`: `.<name>.`, so temp files are hidden and never collide with stored names. */
export function tempPrefix(path: string): string {
  return `.${basename(path)}.`;
}

function nextTempNumber(): number {
  tempCounter += 1;
  return tempCounter;
}

/**
 * Replaces the file at `path` with `data` so that a crash at any instant leaves either the old
 * or the new content: temp file, rename, then the folder; each step reaches the disk before the next.
 *
 * @example
 * await writeDurably('./data/state.json', JSON.stringify(state));
 */
export async function writeDurably(path: string, data: string): Promise<void> {
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
 * Makes a rename or an unlink in `directory` durable. Platforms that cannot open or fsync a
 * directory (Windows, some network file systems) refuse with one of these codes; there the
 * change is as durable as the platform makes it.
 *
 * @example
 * await unlink(file);
 * await syncDirectory(dirname(file));
 */
export async function syncDirectory(directory: string): Promise<void> {
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
 * Removes temp files (written by {@link writeDurably}) whose names start with `prefix` in
 * `directory`, left by a process that was killed mid-save: those of a process that no longer
 * runs, and those of an earlier process with this one's pid (a restarted container) that no
 * save in this process is writing. A temp file of another running process is left alone. Best
 * effort: a folder that cannot be listed is the next write's problem.
 *
 * @example
 * await removeStaleTemps('./data', '.polling.json.'); // one file's temps
 * await removeStaleTemps('./state', '.'); // every file's temps in a folder
 */
export async function removeStaleTemps(directory: string, prefix: string): Promise<void> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return;
  }
  await Promise.all(
    names.map(async (name) => {
      if (!name.startsWith(prefix)) return;
      const match = /\.(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length - 1));
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

/**
 * The text of `path`, or `undefined` when there is no such file (any other failure is thrown).
 *
 * @example
 * const text = await readIfExists('./polling.json');
 */
export async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
