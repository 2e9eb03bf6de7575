/**
 * Workload 5 — memory. Half a million updates through the full pipeline against the emulator
 * (fromLongPolling, limit 1000 → ofType → perChat with a handler that completes at once). RSS
 * and heap are read after a forced GC (`node --expose-gc`) once 50 000 updates went through
 * (start: everything warmed up and allocated once) and after the last; both readings are
 * taken while the pipeline is idle in a long poll.
 */
import { of } from 'rxjs';
import type { BenchEmulator } from './lib/bench-emulator';
import { memoryAfterGc, runIfMain } from './lib/child';
import { lib, librarySource } from './lib/library';
import type { WorkloadRun } from './lib/result';
import { secondsSince } from './lib/rounds';
import { formatNumber, formatSummary, summarize } from './lib/stats';
import { type EmulatorPlacement, withEmulator } from './lib/with-emulator';

const MB = 1024 * 1024;

/**
 * What one memory run measured (bytes).
 *
 * @example
 * const run = await memoryRun('local', { warmup: 1000, total: 5000 });
 */
export interface MemoryRun {
  readonly handled: number;
  readonly seconds: number;
  readonly start: { rss: number; heapUsed: number };
  readonly end: { rss: number; heapUsed: number };
}

/**
 * Runs `total` updates through the pipeline, reading memory after `warmup` and at the end.
 *
 * @example
 * await memoryRun('remote', { warmup: 50_000, total: 1_000_000 });
 */
export function memoryRun(placement: EmulatorPlacement, size: { warmup: number; total: number }): Promise<MemoryRun> {
  return withEmulator(placement, { maxQueuedUpdates: 50_000 }, (emulator) => fullPipeline(emulator, size));
}

async function fullPipeline(emulator: BenchEmulator, size: { warmup: number; total: number }): Promise<MemoryRun> {
  const { createApi, fromLongPolling, ofType, perChat } = lib;
  const api = createApi({ token: emulator.token, baseUrl: emulator.url });
  const updates$ = fromLongPolling(api, { limit: 1000 });
  let handled = 0;
  let target = 0;
  let reached: (() => void) | undefined;
  const subscription = updates$
    .pipe(
      ofType('message_created'),
      perChat((update) => of(update.message.body.seq)),
    )
    .subscribe(() => {
      handled += 1;
      if (handled === target) reached?.();
    });
  const until = (count: number): Promise<void> =>
    new Promise((resolve) => {
      target = count;
      reached = resolve;
      if (handled >= count) resolve();
    });
  const chats = 1000;
  await emulator.feed(size.warmup, chats, 10_000, 30_000);
  await until(size.warmup);
  const start = await memoryAfterGc();
  const began = performance.now();
  await emulator.feed(size.total, chats, 10_000, 30_000);
  await until(size.total);
  const seconds = secondsSince(began);
  const end = await memoryAfterGc();
  await updates$.stop();
  subscription.unsubscribe();
  return { handled, seconds, start, end };
}

export const run: WorkloadRun = async ({ quick, log }) => {
  const started = performance.now();
  const size = quick ? { warmup: 10_000, total: 100_000 } : { warmup: 50_000, total: 500_000 };
  const rounds = quick ? 1 : 2;
  const runs: MemoryRun[] = [];
  for (let round = 0; round < rounds; round++) {
    const result = await memoryRun('remote', size);
    if (result.handled !== size.total)
      throw new Error(`the pipeline handled ${result.handled} updates, expected ${size.total}`);
    runs.push(result);
    log(
      `  round ${round + 1}/${rounds}: ${(size.total / result.seconds).toFixed(0)} updates/s; rss ${(result.start.rss / MB).toFixed(1)} → ${(result.end.rss / MB).toFixed(1)} MB, heap ${(result.start.heapUsed / MB).toFixed(1)} → ${(result.end.heapUsed / MB).toFixed(1)} MB`,
    );
  }
  const between = size.total - size.warmup;
  const rssGrowth = summarize(runs.map((r) => (r.end.rss - r.start.rss) / MB));
  const heapGrowth = summarize(runs.map((r) => (r.end.heapUsed - r.start.heapUsed) / MB));
  return {
    name: 'memory',
    title: '5. Memory',
    config: {
      ...size,
      rounds,
      pipeline: 'fromLongPolling(limit 1000) → ofType → perChat(of(seq))',
      gc: 'global.gc() ×3 before each reading',
      library: librarySource,
    },
    comparisons: [
      {
        id: '5',
        workload: `Memory, ${formatNumber(size.total)} updates through the pipeline`,
        metric: 'MB',
        subject: 'RSS growth after GC (end − start)',
        baseline: `RSS at start (after ${formatNumber(size.warmup)} updates)`,
        subjectValues: rssGrowth,
        baselineValues: summarize(runs.map((r) => r.start.rss / MB)),
        ratio: null,
        target: { on: 'value', atMost: 20 },
        info: {
          'heap growth MB': formatSummary(heapGrowth, 2),
          'heap at start MB': formatNumber((runs[0]?.start.heapUsed ?? 0) / MB),
        },
      },
    ],
    notes: [
      `${formatNumber(between)} updates between the two readings: a leak of ${Math.round((20 * MB) / between)} bytes per update would ` +
        `add the 20 MB the target allows; the heap reading (after GC) shows ${(between / MB).toFixed(2)} MB per byte leaked per update.`,
    ],
    seconds: secondsSince(started),
    raw: runs,
  };
};

runIfMain(import.meta.url, run);
