/**
 * Workload 1 — long-poll ingest, CPU-bound. The emulator holds N queued updates; we count
 * updates/s from `fromLongPolling` through `ofType('message_created')` to a no-op subscriber,
 * against the ceiling: a hand-written loop of fetch + JSON.parse + marker (same batch size).
 */
import type { BenchEmulator } from './lib/bench-emulator';
import { runIfMain } from './lib/child';
import { lib, librarySource } from './lib/library';
import type { WorkloadRun } from './lib/result';
import { alternate, secondsSince } from './lib/rounds';
import { pairedRatio, summarize } from './lib/stats';
import { type EmulatorPlacement, withEmulator } from './lib/with-emulator';

/** Batch size of both loops (the API's default `limit`). */
export const BATCH = 100;

/**
 * What one ingest run measured.
 *
 * @example
 * const { count, seconds } = await ingestWithTamtamRx(emulator, 1000);
 */
export interface IngestRun {
  /** `message_created` updates that reached the subscriber. */
  readonly count: number;
  readonly seconds: number;
  /** CPU time of this process (user + system) per update, µs: less sensitive to a busy machine than wall time. */
  readonly cpuMicrosPerUpdate: number;
}

/**
 * Reads `n` queued updates with `fromLongPolling` (defaults: limit 100) → `ofType` → no-op.
 *
 * @example
 * await emulator.injectMessages(1000, 100);
 * await ingestWithTamtamRx(emulator, 1000);
 */
export async function ingestWithTamtamRx(emulator: BenchEmulator, n: number): Promise<IngestRun> {
  const { createApi, fromLongPolling, ofType } = lib;
  const api = createApi({ token: emulator.token, baseUrl: emulator.url });
  const updates$ = fromLongPolling(api, { limit: BATCH });
  let count = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const seconds = await new Promise<number>((resolve, reject) => {
    updates$.pipe(ofType('message_created')).subscribe({
      next: () => {
        count += 1;
        if (count === n) resolve(secondsSince(start));
      },
      error: reject,
    });
  });
  const cpuMicrosPerUpdate = cpuMicros(cpu) / n;
  await updates$.stop();
  return { count, seconds, cpuMicrosPerUpdate };
}

/**
 * The ceiling: `GET /updates` with fetch, `JSON.parse`, count `message_created`, pass the
 * marker back — nothing else.
 *
 * @example
 * await ingestWithFetchLoop(emulator, 1000);
 */
export async function ingestWithFetchLoop(emulator: BenchEmulator, n: number): Promise<IngestRun> {
  let marker: number | null = null;
  let count = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  while (count < n) {
    const url = `${emulator.url}/updates?limit=${BATCH}&timeout=30${marker === null ? '' : `&marker=${marker}`}&v=0.5.6&access_token=${emulator.token}`;
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    const list = JSON.parse(await response.text()) as { updates: { update_type: string }[]; marker: number | null };
    for (const update of list.updates) if (update.update_type === 'message_created') count += 1;
    marker = list.marker;
  }
  return { count, seconds: secondsSince(start), cpuMicrosPerUpdate: cpuMicros(cpu) / n };
}

function cpuMicros(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return used.user + used.system;
}

/**
 * One measured run on a fresh emulator: queue `n` updates (not timed), then ingest them.
 *
 * @example
 * await ingestRun('local', 'tamtam-rx', 500);
 */
export function ingestRun(
  placement: EmulatorPlacement,
  who: 'tamtam-rx' | 'fetch loop',
  n: number,
): Promise<IngestRun> {
  return withEmulator(placement, {}, async (emulator) => {
    await emulator.injectMessages(n, 1000);
    const run = who === 'tamtam-rx' ? await ingestWithTamtamRx(emulator, n) : await ingestWithFetchLoop(emulator, n);
    if (run.count !== n) throw new Error(`${who} counted ${run.count} updates, expected ${n}`);
    return run;
  });
}

export const run: WorkloadRun = async ({ quick, log }) => {
  const started = performance.now();
  const n = quick ? 2_000 : 100_000;
  const rounds = quick ? 1 : 5;
  const cpu: Record<'tamtam-rx' | 'fetch loop', number[]> = { 'tamtam-rx': [], 'fetch loop': [] };
  const rate = (who: 'tamtam-rx' | 'fetch loop') => async () => {
    const result = await ingestRun('remote', who, n);
    cpu[who].push(result.cpuMicrosPerUpdate);
    return result.count / result.seconds;
  };
  const results = await alternate(
    rounds,
    { 'fetch loop': rate('fetch loop'), 'tamtam-rx': rate('tamtam-rx') },
    { warmup: 1, log },
  );
  return {
    name: 'ingest',
    title: '1. Long-poll ingest (CPU-bound)',
    config: {
      updates: n,
      batch: BATCH,
      rounds,
      warmupRounds: 1,
      emulator: 'child process, loopback, no faults',
      library: librarySource,
    },
    comparisons: [
      {
        id: '1',
        workload: 'Long-poll ingest, CPU-bound',
        metric: 'updates/s',
        subject: 'fromLongPolling → ofType → no-op',
        baseline: 'fetch + JSON.parse + marker loop (ceiling)',
        subjectValues: summarize(results['tamtam-rx']),
        baselineValues: summarize(results['fetch loop']),
        ratio: pairedRatio(results['tamtam-rx'], results['fetch loop']),
        target: { on: 'ratio', atLeast: 0.9 },
        info: {
          'client CPU µs/update, rx vs loop': `${summarize(cpu['tamtam-rx']).median.toFixed(1)} vs ${summarize(cpu['fetch loop']).median.toFixed(1)}`,
        },
      },
    ],
    notes: [
      'Both loops wait for the server (another process) between batches; what differs is client CPU per batch. ' +
        'tamtam-rx adds ky per request (a Request object, AbortSignal.any, a timeout race: ~100 µs per poll here), ' +
        'validation of every update (classifyUpdate), delivery tracking (pending list, holds) and the RxJS chain.',
    ],
    seconds: secondsSince(started),
    raw: { updatesPerSecond: results, cpuMicrosPerUpdate: cpu },
  };
};

runIfMain(import.meta.url, run);
