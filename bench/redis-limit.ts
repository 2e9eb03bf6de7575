/**
 * Workload "redis-limit" — N processes, one bot, one budget. N = 3 worker processes send
 * messages to the Max-dialect emulator (30 requests/s per bot, 429 without Retry-After), all
 * through one `redisRateLimiter` on a throwaway redis-server. Baseline, run side by side: one
 * process sending the same number through the in-process `tokenBucket` at 30/s. Reported:
 * 429 answers (must be 0), messages lost (must be 0), and the rate the workers achieved
 * together, as a ratio to the baseline's and to 30/s.
 *
 * Each worker is this file run with `--worker` (a process of its own, its own Redis connection),
 * started once and given one job per round (the round's fresh emulator and what to send); the
 * workers start sending together when the parent says go.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
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
/** Sends per worker in the unmeasured warm-up round. */
const WARMUP_SENDS = 5;

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

/** One round's work for a worker: the emulator to send to, how many, and a tag for the texts. */
interface Job {
  readonly url: string;
  readonly token: string;
  readonly count: number;
  readonly tag: string;
}

/**
 * Worker mode: connect to Redis, then for every job line on stdin: warm up on the job's
 * emulator, say ready, wait for go, send, print the result as JSON. Exits when stdin ends.
 */
async function worker(redisUrl: string): Promise<void> {
  const client = await createClient({ url: redisUrl }).connect();
  const limiter = redisRateLimiter(client, { key: KEY, perSecond: PER_SECOND });
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  process.stdout.write('up\n');
  for (;;) {
    const job = await lines.next();
    if (job.done === true) break;
    const { url, token, count, tag } = JSON.parse(job.value) as Job;
    const api = await warmApi(url, token, limiter);
    process.stdout.write('ready\n');
    if ((await lines.next()).done === true) break; // go
    process.stdout.write(`${JSON.stringify(await sendAll(api, count, tag))}\n`);
  }
  client.destroy();
}

/**
 * A worker process: `up` resolves once it started and connected; `run` gives it a job, waits
 * until it is ready, and returns `go`, which starts it and resolves with what it sent.
 */
interface Worker {
  readonly up: Promise<void>;
  run(job: Job): Promise<{ go: () => Promise<Sent> }>;
  stop(): Promise<void>;
}

function spawnWorker(redisUrl: string): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', redisUrl], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const nextLine = async (): Promise<string> => {
    const line = await lines.next();
    if (line.done === true) throw new Error(`worker exited ${String(await exited)}`);
    return line.value;
  };
  const up = nextLine().then((line) => {
    if (line !== 'up') throw new Error(`worker said ${line}`);
  });
  return {
    up,
    async run(job) {
      await up;
      child.stdin.write(`${JSON.stringify(job)}\n`);
      const ready = await nextLine();
      if (ready !== 'ready') throw new Error(`worker said ${ready}`);
      return {
        go: async () => {
          child.stdin.write('go\n');
          return JSON.parse(await nextLine()) as Sent;
        },
      };
    },
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}

/** One run of the shared limiter: the N workers, `perWorker` sends each, on a fresh emulator. */
async function sharedRun(redisUrl: string, workers: readonly Worker[], perWorker: number) {
  const emulator = await startEmulator({ dialect: 'max' });
  const redis = await createClient({ url: redisUrl }).connect();
  await redis.del(KEY);
  try {
    const started = await Promise.all(
      workers.map((w, i) => w.run({ url: emulator.url, token: emulator.token, count: perWorker, tag: `w${i}` })),
    );
    await redis.del(KEY); // the warm-up requests' slots are history
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // and so is the emulator's count of them
    const start = Date.now();
    const results = await Promise.all(started.map((w) => w.go()));
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
  const perWorker = quick ? 20 : 30;
  const rounds = quick ? 1 : 3;
  const total = perWorker * WORKERS;
  const server = await startRedisServer();
  const workers = Array.from({ length: WORKERS }, () => spawnWorker(server.url));
  const shared: number[] = [];
  const baseline: number[] = [];
  const totals = { lost: 0, sharedRateLimited: 0, baselineRateLimited: 0 };
  try {
    // all started before the first round: a booting worker (tsx compiling) would slow the baseline down
    await Promise.all(workers.map((w) => w.up));
    // a short unmeasured round, so that the first measured one does not run cold code on either side
    await baselineRun(WARMUP_SENDS * WORKERS);
    await sharedRun(server.url, workers, WARMUP_SENDS);
    for (let round = 0; round < rounds; round++) {
      const b = await baselineRun(total);
      const s = await sharedRun(server.url, workers, perWorker);
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
    await Promise.all(workers.map((w) => w.stop()));
    await server.stop();
  }
  return {
    name: 'redis-limit',
    title: 'Redis: N workers sharing the 30 req/s limit',
    config: {
      workers: WORKERS,
      perWorker,
      perSecond: PER_SECOND,
      rounds,
      dialect: 'max',
      processes: 'the worker processes start once and take one job per round; each round has a fresh emulator',
      warmup: `one unmeasured round of ${WARMUP_SENDS} sends per worker (and ${WARMUP_SENDS * WORKERS} in one process)`,
      library: 'src (tsx)',
    },
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
  worker(process.argv[process.argv.indexOf('--worker') + 1] ?? '').catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  runIfMain(import.meta.url, run);
}
