/**
 * Workload 10 — many processes on Redis (`tamtam-rx/redis`, imported from src: the published
 * build has it as its own entry). Two measurements on a local redis-server:
 *
 * - throughput: U updates over C chats written by the ingress (`toRedisStream`), handled by
 *   1, 2 and 4 workers (`fromRedisStream` → `perChat`, each worker's own client) whose handler
 *   takes 100 ms; a worker's capacity is modelled by `perChat`'s `concurrency` (a CPU-bound
 *   handler makes a process the limit the same way). Ratio: throughput of N workers / 1 worker.
 * - the Redis hop: one update at a time, from the ingress's write to the worker's emission,
 *   p50 and p99 in ms (target p50 ≤ 2 ms on loopback).
 */
import { createClient } from 'redis';
import { from, lastValueFrom, timer } from 'rxjs';
import { startRedisServer } from '../examples/shared/redis-server';
import { perChat } from '../src/operators/index';
import type { RedisClient } from '../src/redis/client';
import { type RedisStreamSource, fromRedisStream, toRedisStream } from '../src/redis/index';
import { textMessage } from '../src/testing/index';
import type { Update, User } from '../src/types/index';
import { runIfMain } from './lib/child';
import type { WorkloadRun } from './lib/result';
import { summarize } from './lib/stats';

const HANDLER_MS = 100;
const PARTITIONS = 16;

/**
 * Sizes of one throughput run.
 *
 * @example
 * const size: ClusterSize = { updates: 800, chats: 200, concurrency: 10 };
 */
export interface ClusterSize {
  readonly updates: number;
  readonly chats: number;
  /** Handlers one worker runs at once (its modelled capacity). */
  readonly concurrency: number;
}

const chatUsers = (chats: number): User[] =>
  Array.from({ length: chats }, (_, i) => ({
    user_id: 50_000 + i,
    name: `U${i}`,
    username: null,
    is_bot: false,
    last_activity_time: 0,
  }));

async function connect(url: string): Promise<RedisClient> {
  const client: RedisClient = await createClient({ url }).connect();
  client.on('error', () => {});
  return client;
}

interface Worker {
  readonly source: RedisStreamSource;
  readonly client: RedisClient;
  owned: number;
}

async function startWorkers(
  url: string,
  prefix: string,
  count: number,
  handle: (u: Update) => ReturnType<typeof timer> | undefined,
  concurrency: number,
): Promise<Worker[]> {
  const workers: Worker[] = [];
  for (let i = 0; i < count; i++) {
    const client = await connect(url);
    const worker: Worker = { client, owned: 0, source: undefined as never };
    const source = fromRedisStream(client, {
      prefix,
      partitions: PARTITIONS,
      consumer: `w${i}`,
      leaseMs: 2_000,
      onStatus: (s) => {
        if (s.type === 'acquired') worker.owned += 1;
        if (s.type === 'released' || s.type === 'lost') worker.owned -= 1;
      },
    });
    Object.assign(worker, { source });
    source.pipe(perChat((u) => handle(u) ?? [], { concurrency })).subscribe();
    workers.push(worker);
  }
  const share = Math.ceil(PARTITIONS / count);
  for (let i = 0; i < 600; i++) {
    const total = workers.reduce((n, w) => n + w.owned, 0);
    if (total === PARTITIONS && workers.every((w) => w.owned <= share)) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return workers;
}

async function stopWorkers(workers: readonly Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.source.stop()));
  for (const w of workers) w.client.destroy();
}

/**
 * Updates/s of `workers` workers on `size`.
 *
 * @example
 * const perSecond = await clusterThroughput(redis.url, 2, { updates: 80, chats: 20, concurrency: 10 });
 */
export async function clusterThroughput(url: string, workers: number, size: ClusterSize): Promise<number> {
  const prefix = `bench-${workers}-${Date.now()}`;
  let handled = 0;
  let done: () => void = () => {};
  const all = new Promise<void>((resolve) => (done = resolve));
  const cluster = await startWorkers(
    url,
    prefix,
    workers,
    () => {
      if (++handled === size.updates) done();
      return timer(HANDLER_MS);
    },
    size.concurrency,
  );
  const users = chatUsers(size.chats);
  const updates = Array.from({ length: size.updates }, (_, n) =>
    textMessage(`m${n}`, { from: users[n % users.length] as User }),
  );
  const ingress = await connect(url);
  const start = performance.now();
  await lastValueFrom(from(updates).pipe(toRedisStream(ingress, { prefix, partitions: PARTITIONS })));
  await all;
  const seconds = (performance.now() - start) / 1000;
  ingress.destroy();
  await stopWorkers(cluster);
  return size.updates / seconds;
}

/**
 * Milliseconds from the ingress's write to the worker's emission, one update at a time.
 *
 * @example
 * const ms = await redisHop(redis.url, 100);
 */
export async function redisHop(url: string, count: number): Promise<number[]> {
  const prefix = `hop-${Date.now()}`;
  let arrived: () => void = () => {};
  const cluster = await startWorkers(
    url,
    prefix,
    1,
    () => {
      arrived();
      return undefined;
    },
    Number.POSITIVE_INFINITY,
  );
  const ingress = await connect(url);
  const write = toRedisStream(ingress, { prefix, partitions: PARTITIONS });
  const ms: number[] = [];
  for (let n = 0; n < count; n++) {
    const update = textMessage(`hop${n}`);
    const emitted = new Promise<void>((resolve) => (arrived = resolve));
    const start = performance.now();
    await lastValueFrom(from([update]).pipe(write));
    await emitted;
    ms.push(performance.now() - start);
  }
  ingress.destroy();
  await stopWorkers(cluster);
  return ms;
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export const run: WorkloadRun = async ({ quick, log }) => {
  const started = performance.now();
  const size: ClusterSize = quick
    ? { updates: 80, chats: 40, concurrency: 10 }
    : { updates: 800, chats: 200, concurrency: 10 };
  const redis = await startRedisServer();
  try {
    const perSecond = new Map<number, number>();
    for (const workers of [1, 2, 4]) {
      perSecond.set(workers, await clusterThroughput(redis.url, workers, size));
      log(`cluster: ${workers} worker(s): ${perSecond.get(workers)?.toFixed(1)} updates/s`);
    }
    const hops = await redisHop(redis.url, quick ? 50 : 500);
    const p50 = percentile(hops, 50);
    const p99 = percentile(hops, 99);
    log(`cluster: Redis hop p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms`);
    const one = perSecond.get(1) ?? Number.NaN;
    return {
      name: 'cluster',
      title: '10. Many processes on Redis',
      config: { ...size, handlerMs: HANDLER_MS, partitions: PARTITIONS, hops: hops.length },
      comparisons: [
        ...[2, 4].map((workers) => ({
          id: `10@${workers}w`,
          workload: 'Scale-out',
          metric: 'updates/s',
          subject: `${workers} workers`,
          baseline: '1 worker',
          subjectValues: summarize([perSecond.get(workers) ?? Number.NaN]),
          baselineValues: summarize([one]),
          ratio: summarize([(perSecond.get(workers) ?? Number.NaN) / one]),
          target: { on: 'ratio' as const, atLeast: workers * 0.8 },
        })),
        {
          id: '10hop',
          workload: 'Redis hop',
          metric: 'ms (p50)',
          subject: 'ingress write → worker emission',
          baseline: 'target 2 ms',
          subjectValues: summarize([p50]),
          baselineValues: null,
          ratio: null,
          target: { on: 'value' as const, atMost: 2 },
          info: { p99 },
        },
      ],
      notes: [
        `handler ${HANDLER_MS} ms, perChat concurrency ${size.concurrency} per worker (a worker's modelled capacity); Redis on loopback, workers in one process with a client each`,
      ],
      seconds: (performance.now() - started) / 1000,
      raw: { perSecond: Object.fromEntries(perSecond), hops },
    };
  } finally {
    await redis.stop();
  }
};

runIfMain(import.meta.url, run);
