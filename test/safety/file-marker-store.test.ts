import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileMarkerStore } from '../../src/node/index';
import { nodeScript, nodeScriptDir } from '../helpers/node-script';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tamtam-rx-durable-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));
/** The child is bundled once (test/helpers/node-script.ts) rather than started through tsx. */
afterAll(() => rm(nodeScriptDir, { recursive: true, force: true }));

/** The pid of a process that has exited (so, almost surely, of no running process). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

const tmpFiles = async (): Promise<string[]> => (await readdir(dir)).filter((name) => name.endsWith('.tmp')).sort();

describe('fileMarkerStore: temp files left by a killed process', () => {
  it('removes stale temp files of a dead process and of an earlier process with this pid on first load', async () => {
    const path = join(dir, 'state.json');
    await writeFile(path, JSON.stringify({ version: 1, marker: 7, pending: [] }));
    const dead = await deadPid();
    await writeFile(join(dir, `.state.json.${dead}.3.tmp`), '{"version":1,"marker":8,"pen');
    await writeFile(join(dir, `.state.json.${process.pid}.1.tmp`), '{"version":1,"mark');
    const store = fileMarkerStore(path);
    expect(await store.load()).toEqual({ marker: 7, pending: [] });
    expect(await tmpFiles()).toEqual([]);
  });

  it('also cleans up when the first use is a save', async () => {
    const path = join(dir, 'state.json');
    await writeFile(join(dir, `.state.json.${await deadPid()}.12.tmp`), 'half');
    await fileMarkerStore(path).save({ marker: 1, pending: [] });
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it("leaves alone a running process's temp file and files that are not this store's temp files", async () => {
    const path = join(dir, 'state.json');
    const keep = [`.state.json.${process.ppid}.1.tmp`, '.other.json.1.1.tmp', 'state.json.bak', '.state.json.x.1.tmp'];
    for (const name of keep) await writeFile(join(dir, name), 'x');
    await fileMarkerStore(path).load();
    expect((await readdir(dir)).sort()).toEqual([...keep].sort());
  });

  it('after a SIGKILL mid-saving, the next run finds a complete state and no temp file', async () => {
    const path = join(dir, 'state.json');
    const child = spawn(
      process.execPath,
      [await nodeScript(fileURLToPath(new URL('./fixtures/saving-child.ts', import.meta.url))), path],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('saving') && resolve());
        child.once('exit', (code) => reject(new Error(`the child exited early (${String(code)})`)));
      });
      // let it go through a few more saves, so the kill lands while it is busy writing
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      child.kill('SIGKILL');
      await new Promise((resolve) =>
        child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve),
      );
    }
    const state = await fileMarkerStore(path).load();
    expect(state?.marker).toBeGreaterThanOrEqual(1);
    expect(state?.pending).toHaveLength(50);
    expect(await tmpFiles()).toEqual([]);
  });

  it('saves stay atomic: concurrent stores of one process never clobber each other’s temp files', async () => {
    const path = join(dir, 'state.json');
    const a = fileMarkerStore(path);
    const b = fileMarkerStore(path);
    await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).save({ marker: i, pending: [] })));
    const state = await fileMarkerStore(path).load();
    expect(state?.marker).toBeGreaterThanOrEqual(0);
    expect(await readdir(dir)).toEqual(['state.json']);
  });
});
