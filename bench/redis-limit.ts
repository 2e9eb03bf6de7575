/**
 * Workload "redis-limit" — N processes, one bot, one budget. N = 3 worker processes send
 * messages to the Max-dialect emulator (30 requests/s per bot, 429 without Retry-After), all
 * through one `redisRateLimiter` on a throwaway redis-server. Baseline, run side by side: one
 * process sending the same number through the in-process `tokenBucket` at 30/s. Reported:
 * 429 answers (must be 0), messages lost (must be 0), and the rate the workers achieved
 * together, as a ratio to the baseline's and to 30/s.
 *
 * Each worker is this file run with `--worker` (a process of its own, its own Redis connection);
 * the workers start sending together when the parent says go.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { lastValueFrom, mergeMap, range, toArray } from 'rxjs';
import { getMyInfo, sendMessage } from '../src/actions/index';
import { type RateLimiter, createApi, tokenBucket } from '../src/api/index';
import { DEFAULT_WORLD_IDS, startEmulator } from '../src/emulator/index';
import { redisRateLimiter } from '../src/redis/index';
import { startRedisServer } from '../test/helpers/redis-server';
import { runIfMain } from './lib/child';
import type { WorkloadRun } from './lib/result';
import { secondsSince } from './lib/rounds';
import { summarize } from './lib/stats';

const PER_SECOND = 30;
const WORKERS = 3;
const KEY = 'bench:rate';

/** What one sender (a worker, or the baseline) reports. */
interface Sent {
  readonly sent: number;
  /** `Date.now()` when the last send was answered. */
  readonly finishedAt: number;
}

/** An api on the emulator through `limiter`, warmed up (one request made, so the code is compiled). */
async function warmApi(url: string, token: string, limiter: RateLimiter) {
  const api = createApi({ dialect: 'max', token, baseUrl: url, rateLimit: limiter });
  await lastValueFrom(getMyInfo(api));
  return api;
}

/** Sends `count` messages to the emulator's group, all at once (the limiter paces them). */
async function sendAll(api: Awaited<ReturnType<typeof warmApi>>, count: number, tag: string): Promise<Sent> {
  const results = await lastValueFrom(
    range(0, count).pipe(
      mergeMap((i) => sendMessage(api, { chat_id: DEFAULT_WORLD_IDS.group }, { text: `${tag} ${i}` })),
      toArray(),
    ),
  );
  return { sent: results.length, finishedAt: Date.now() };
}

/** Worker mode: connect, say ready, wait for go, send, print the result as JSON. */
async function worker(args: readonly string[]): Promise<void> {
  const [redisUrl, url, token, count, tag] = args as [string, string, string, string, string];
  const client = await createClient({ url: redisUrl }).connect();
  const limiter = redisRateLimiter(client, { key: KEY, perSecond: PER_SECOND });
  const api = await warmApi(url, token, limiter);
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  const result = await sendAll(api, Number(count), tag);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  client.destroy();
}

function spawnWorker(args: readonly string[]): { child: ChildProcess; ready: Promise<void>; done: Promise<Sent> } {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('ready\n')) markReady();
  });
  const done = new Promise<Sent>((resolve, reject) => {
    child.once('exit', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || line === undefined) reject(new Error(`worker exited ${String(code)}: ${output}`));
      else resolve(JSON.parse(line) as Sent);
    });
  });
  return { child, ready, done };
}

/** One run of the shared limiter: N worker processes, `perWorker` sends each. */
async function sharedRun(redisUrl: string, perWorker: number) {
  const emulator = await startEmulator({ dialect: 'max' });
  const redis = await createClient({ url: redisUrl }).connect();
  await redis.del(KEY);
  try {
    const workers = Array.from({ length: WORKERS }, (_, w) =>
      spawnWorker([redisUrl, emulator.url, emulator.token, String(perWorker), `w${w}`]),
    );
    await Promise.all(workers.map((w) => w.ready));
    await redis.del(KEY); // the warm-up requests' slots are history
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // and so is the emulator's count of them
    const start = Date.now();
    for (const w of workers) w.child.stdin?.end('go\n');
    const results = await Promise.all(workers.map((w) => w.done));
    const sent = results.reduce((sum, r) => sum + r.sent, 0);
    const seconds = (Math.max(...results.map((r) => r.finishedAt)) - start) / 1000;
    return { sent, rate: sent / seconds, rateLimited: emulator.faults.stats().rateLimited };
  } finally {
    redis.destroy();
    await emulator.close();
  }
}

/** The baseline: one process, the in-process limiter, the same number of sends. */
async function baselineRun(total: number) {
  const emulator = await startEmulator({ dialect: 'max' });
  try {
    const api = await warmApi(emulator.url, emulator.token, tokenBucket({ perSecond: PER_SECOND }));
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // as for the workers
    const start = Date.now();
    const result = await sendAll(api, total, 'b');
    return {
      sent: result.sent,
      rate: result.sent / ((result.finishedAt - start) / 1000),
      rateLimited: emulator.faults.stats().rateLimited,
    };
  } finally {
    await emulator.close();
  }
}

export const run: WorkloadRun = async ({ quick, log }) => {
  const started = performance.now();
  const perWorker = quick ? 20 : 100;
  const rounds = quick ? 1 : 3;
  const total = perWorker * WORKERS;
  const server = await startRedisServer();
  const shared: number[] = [];
  const baseline: number[] = [];
  const totals = { lost: 0, sharedRateLimited: 0, baselineRateLimited: 0 };
  try {
    for (let round = 0; round < rounds; round++) {
      const b = await baselineRun(total);
      const s = await sharedRun(server.url, perWorker);
      baseline.push(b.rate);
      shared.push(s.rate);
      totals.lost += total - s.sent;
      totals.sharedRateLimited += s.rateLimited;
      totals.baselineRateLimited += b.rateLimited;
      log(
        `  round ${round + 1}/${rounds}: ${WORKERS} workers ${s.rate.toFixed(1)} req/s (${s.rateLimited} × 429), one process ${b.rate.toFixed(1)} req/s (${b.rateLimited} × 429)`,
      );
    }
  } finally {
    await server.stop();
  }
  return {
    name: 'redis-limit',
    title: 'Redis: N workers sharing the 30 req/s limit',
    config: { workers: WORKERS, perWorker, perSecond: PER_SECOND, rounds, dialect: 'max', library: 'src (tsx)' },
    comparisons: [
      {
        id: 'R1',
        workload: `${WORKERS} processes × ${perWorker} sends, Max emulator at ${PER_SECOND} req/s`,
        metric: 'req/s',
        subject: `${WORKERS} worker processes, one redisRateLimiter`,
        baseline: 'one process, in-process tokenBucket',
        subjectValues: summarize(shared),
        baselineValues: summarize(baseline),
        ratio: summarize(shared.map((s, i) => s / (baseline[i] as number))),
        target: { on: 'ratio', atLeast: 0.9 },
        mustBeZero: { '429 answers': totals.sharedRateLimited, lost: totals.lost },
        info: {
          'achieved / 30 (median)': Number((summarize(shared).median / PER_SECOND).toFixed(3)),
          'baseline 429 answers': totals.baselineRateLimited,
        },
      },
    ],
    notes: [
      'Rates are sends answered per second of wall time from "go" to the last answer, so they include the start ' +
        'of the first request; the limiter spaces requests 1000 / 30 ms apart across all processes (burst 1).',
    ],
    seconds: secondsSince(started),
    raw: { shared, baseline, totals },
  };
};

if (process.argv.includes('--worker')) {
  worker(process.argv.slice(process.argv.indexOf('--worker') + 1)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  runIfMain(import.meta.url, run);
}
