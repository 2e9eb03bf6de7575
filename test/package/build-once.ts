/**
 * One build of the package shared by every test in test/package/: the first test file to ask
 * builds `dist/` under a lock, the others wait for it. A build is reused while its inputs
 * (src/, package.json, tsup.config.ts, tsconfig.json) hash the same, so re-running a package
 * test after an unrelated change costs nothing.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root. */
export const root = resolve(import.meta.dirname, '../..');
/** The build output. */
export const dist = resolve(root, 'dist');

const cache = resolve(root, 'node_modules/.cache/tamtam-rx-package');
const stampFile = join(cache, 'build-stamp');
const lockDir = join(cache, 'build.lock');
const lockOwner = join(lockDir, 'pid');
/** A lock whose owner is unknown after this long (it died between mkdir and writing its pid) is taken over. */
const ORPHAN_LOCK_MS = 30_000;
/** A lock older than this is taken over whoever holds it: no build takes that long. */
const STALE_LOCK_MS = 15 * 60_000;
/** How long a waiting test gives the build (two cores shared with other work can be slow). */
const WAIT_MS = 10 * 60_000;

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

/**
 * A hash of everything the build reads.
 *
 * @example
 * await inputsHash(); // 'c0ffee…'
 */
export async function inputsHash(): Promise<string> {
  const hash = createHash('sha256');
  const files = ['package.json', 'tsup.config.ts', 'tsconfig.json', 'scripts/compact-dist.ts'].map((f) =>
    join(root, f),
  );
  for await (const file of filesUnder(join(root, 'src'))) files.push(file);
  files.sort();
  for (const file of files) {
    hash
      .update(relative(root, file))
      .update('\0')
      .update(await readFile(file))
      .update('\0');
  }
  return hash.digest('hex');
}

async function readStamp(): Promise<string | undefined> {
  try {
    return (await readFile(stampFile, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock, or clears it when its holder is gone (a run killed mid-build) and says so. */
async function takeLock(): Promise<boolean> {
  try {
    await mkdir(lockDir);
    await writeFile(lockOwner, String(process.pid));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - (await stat(lockDir).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    const owner = Number.parseInt(await readFile(lockOwner, 'utf8').catch(() => ''), 10);
    const orphaned = Number.isInteger(owner) ? !isAlive(owner) : age > ORPHAN_LOCK_MS;
    if (orphaned || age > STALE_LOCK_MS) await rm(lockDir, { recursive: true, force: true });
    return false;
  }
}

/**
 * Resolves once `dist/` is a build of the current sources: builds it (`npm run build`) unless
 * an up-to-date build exists, while other test files wait on the lock.
 *
 * @example
 * beforeAll(() => ensureBuilt(), 600_000);
 */
export async function ensureBuilt(): Promise<void> {
  await mkdir(cache, { recursive: true });
  const deadline = Date.now() + WAIT_MS;
  const wanted = await inputsHash();
  for (;;) {
    if ((await readStamp()) === wanted && existsSync(join(dist, 'index.js'))) return;
    if (await takeLock()) {
      try {
        // another file may have finished between our check and the lock
        if ((await readStamp()) === wanted && existsSync(join(dist, 'index.js'))) return;
        await rm(stampFile, { force: true });
        await run('npm', ['run', 'build'], { cwd: root, timeout: WAIT_MS });
        await writeFile(stampFile, wanted);
        return;
      } finally {
        await rm(lockDir, { recursive: true, force: true });
      }
    }
    if (Date.now() > deadline) throw new Error(`ensureBuilt: gave up waiting for the build lock ${lockDir}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
