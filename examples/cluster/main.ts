/**
 * `npx tsx examples/cluster/main.ts` — one bot on many processes, on your machine: starts a
 * redis-server (Redis ≥ 7 installed; a free loopback port, nothing saved), an emulator, one
 * ingress process (long polling → 16 partition streams) and WORKERS (default 3) worker
 * processes (their partitions → perChat → reply). Write to the bot in the web chat: each answer
 * says which worker handled it. Ctrl-C or SIGTERM stops the workers gracefully, then the rest.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { startEmulator } from '../../src/emulator/index';
import { startRedisServer } from '../shared/redis-server';

const workers = Number(process.env['WORKERS'] ?? 3);
const here = fileURLToPath(new URL('.', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tamtam-rx-cluster-'));

const redis = await startRedisServer();
const emulator = await startEmulator();
const env = { ...process.env, REDIS_URL: redis.url, BASE_URL: emulator.url, TOKEN: emulator.token };
const children: ChildProcess[] = [];
const run = (file: string, extra: Record<string, string>): void => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, file)], {
    env: { ...env, ...extra },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  children.push(child);
};
run('ingress.ts', { STORE: join(dir, 'ingress-marker.json') });
for (let i = 1; i <= workers; i++) run('worker.ts', { WORKER: `w${i}` });

// ready once every partition has an owner
const client = await createClient({ url: redis.url }).connect();
for (let i = 0; i < 600 && (await client.keys('cluster-example:lease:*')).length < 16; i++) {
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await client.close();
console.info(`Web chat:  ${emulator.url}/_emulator/ui`);
console.info(`Bot API:   ${emulator.url}`);
console.info(`Redis:     ${redis.url}`);
console.info(`Cluster of 1 ingress + ${workers} workers ready. Press Ctrl-C to stop.`);

let stopping = false;
const stop = async (signal: string): Promise<void> => {
  if (stopping) return;
  stopping = true;
  console.info(`Received ${signal}: stopping the workers, then the ingress`);
  const exited = (child: ChildProcess) =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const [ingress, ...rest] = children;
  for (const child of rest) child.kill('SIGTERM');
  await Promise.all(rest.map(exited));
  ingress?.kill('SIGTERM');
  if (ingress) await exited(ingress);
  await emulator.close();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
  console.info('The cluster stopped.');
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
