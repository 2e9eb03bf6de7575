import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../src/testing/index';
import { DEFAULT_WORLD_IDS, startEmulator, type Emulator } from '../../src/emulator/index';
import { nodeScript, nodeScriptDir } from '../helpers/node-script';

let child: string;
const TOTAL = 400;
const MAX_PENDING = 100; // the child's maxPending

let emulator: Emulator;
let dir: string;
beforeAll(async () => {
  // bundled once, run by node: a tsx start per child costs seconds on a busy machine
  child = await nodeScript(resolve(import.meta.dirname, 'fixtures/crash-child.ts'));
  emulator = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'tamtam-rx-crash-'));
});
afterAll(async () => {
  await emulator.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(nodeScriptDir, { recursive: true, force: true });
});

function startBot(): ChildProcess {
  return spawn(process.execPath, [child], {
    env: {
      ...process.env,
      BASE_URL: emulator.url,
      TOKEN: emulator.token,
      STORE: join(dir, 'store.json'),
      LOG: join(dir, 'handled.log'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

function handledLines(): { mid: string; redelivered: boolean }[] {
  const path = join(dir, 'handled.log');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [mid = '', flag] = line.split(' ');
      return { mid, redelivered: flag === '1' };
    });
}

const exited = (proc: ChildProcess) =>
  new Promise<void>((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', () => r())));

describe('crash recovery (SIGKILL mid-batch, restart on the same file store)', () => {
  it('loses nothing; duplicates are bounded and marked as redeliveries', async () => {
    const sent = Array.from(
      { length: TOTAL },
      (_, i) => emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot(`crash ${i}`).body.mid,
    );

    const first = startBot();
    await waitFor(() => handledLines().length >= 150, { what: '150 handled updates', timeout: 30_000 });
    first.kill('SIGKILL');
    await exited(first);
    const beforeRestart = handledLines().length;
    expect(beforeRestart).toBeLessThan(TOTAL); // killed mid-stream
    const stored = JSON.parse(readFileSync(join(dir, 'store.json'), 'utf8')) as { pending: unknown[] };
    expect(stored.pending.length).toBeGreaterThan(0); // fetched, committed on the server, not yet handled
    expect(stored.pending.length).toBeLessThanOrEqual(MAX_PENDING);

    const second = startBot();
    try {
      await waitFor(() => new Set(handledLines().map((l) => l.mid)).size >= TOTAL, {
        what: 'every update handled',
        timeout: 30_000,
      });
      second.kill('SIGTERM');
      await exited(second);
    } finally {
      second.kill('SIGKILL');
    }

    const lines = handledLines();
    const firstSeen = new Map<string, number>();
    const duplicates: { mid: string; redelivered: boolean }[] = [];
    lines.forEach((line, index) => {
      if (firstSeen.has(line.mid)) duplicates.push(line);
      else firstSeen.set(line.mid, index);
    });
    expect([...firstSeen.keys()].sort()).toEqual([...sent].sort()); // nothing lost, nothing foreign
    expect(duplicates.length).toBeLessThanOrEqual(MAX_PENDING); // bounded
    expect(duplicates.every((d) => d.redelivered)).toBe(true); // detectable
    expect(lines.slice(beforeRestart).filter((l) => l.redelivered).length).toBeGreaterThanOrEqual(duplicates.length);
  }, 90_000);
});
