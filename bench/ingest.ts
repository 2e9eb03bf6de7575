/**
 * Workload 1 — long-poll ingest, CPU-bound. A server holds N queued updates; we count
 * updates/s from `fromLongPolling` through `ofType('message_created')` to a no-op subscriber,
 * against the ceiling: a hand-written loop of fetch + JSON.parse + marker (same batch size).
 * Two servers: the emulator, and a minimal node:http server answering prepared batches (the
 * cheapest conforming server, so the client's share of the time is the largest).
 */
import { runIfMain } from './lib/child';
import { lib, librarySource } from './lib/library';
import type { WorkloadRun } from './lib/result';
import { alternate, secondsSince } from './lib/rounds';
import { pairedRatio, summarize } from './lib/stats';
import { sharedUpdateServer } from './lib/update-server';
import { type EmulatorPlacement, withEmulator } from './lib/with-emulator';

/**
 * Where the updates come from: base URL and token.
 *
 * @example
 * const server: UpdateEndpoint = { url: 'http://127.0.0.1:8080', token: 't' };
 */
export interface UpdateEndpoint {
  readonly url: string;
  readonly token: string;
}

/** Which server answers the polls: the emulator, or the minimal prepared-batch server. */
export type IngestServer = 'emulator' | 'minimal';

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
export async function ingestWithTamtamRx(emulator: UpdateEndpoint, n: number): Promise<IngestRun> {
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
export async function ingestWithFetchLoop(emulator: UpdateEndpoint, n: number): Promise<IngestRun> {
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
 * One measured run: on a fresh emulator, queue `n` updates (not timed), then ingest them; the
 * minimal server always runs in a child process, one for every run of this process (it keeps
 * no state between polls, so each run reads the same batches from the first).
 *
 * @example
 * await ingestRun('local', 'tamtam-rx', 500);
 * await ingestRun('remote', 'fetch loop', 500, 'minimal');
 */
export async function ingestRun(
  placement: EmulatorPlacement,
  who: 'tamtam-rx' | 'fetch loop',
  n: number,
  server: IngestServer = 'emulator',
): Promise<IngestRun> {
  const ingest = async (endpoint: UpdateEndpoint): Promise<IngestRun> => {
    const run = who === 'tamtam-rx' ? await ingestWithTamtamRx(endpoint, n) : await ingestWithFetchLoop(endpoint, n);
    if (run.count !== n) throw new Error(`${who} counted ${run.count} updates, expected ${n}`);
    return run;
  };
  if (server === 'emulator') {
    return withEmulator(placement, {}, async (emulator) => {
      await emulator.injectMessages(n, 1000);
      return ingest(emulator);
    });
  }
  return ingest(await sharedUpdateServer(n, BATCH));
}

export const run: WorkloadRun = async ({ quick, log }) => {
  const started = performance.now();
  // 100 000 per run: the start of a session (the webhook check, the first poll) is a fixed cost
  // that weighs twice as much in a run half as long, and the shorter runs spread the ratio wider
  const n = quick ? 2_000 : 100_000;
  const rounds = quick ? 1 : 5;
  type Who = 'tamtam-rx' | 'fetch loop';
  const measured = (server: IngestServer) => {
    const cpu: Record<Who, number[]> = { 'tamtam-rx': [], 'fetch loop': [] };
    const rate = (who: Who) => async () => {
      const result = await ingestRun('remote', who, n, server);
      cpu[who].push(result.cpuMicrosPerUpdate);
      return result.count / result.seconds;
    };
    return { cpu, runners: { 'fetch loop': rate('fetch loop'), 'tamtam-rx': rate('tamtam-rx') } };
  };
  const servers = { emulator: measured('emulator'), minimal: measured('minimal') };
  log('  against the emulator');
  const onEmulator = await alternate(rounds, servers.emulator.runners, { warmup: 1, log });
  log('  against the minimal server');
  const onMinimal = await alternate(rounds, servers.minimal.runners, { warmup: 1, log });
  const row = (id: string, server: IngestServer, results: Record<Who, number[]>) => {
    const { cpu } = servers[server];
    return {
      id,
      workload: `Long-poll ingest, CPU-bound, ${server === 'emulator' ? 'emulator' : 'minimal update server'}`,
      metric: 'updates/s',
      subject: 'fromLongPolling → ofType → no-op',
      baseline: 'fetch + JSON.parse + marker loop (ceiling)',
      subjectValues: summarize(results['tamtam-rx']),
      baselineValues: summarize(results['fetch loop']),
      ratio: pairedRatio(results['tamtam-rx'], results['fetch loop']),
      target: { on: 'ratio' as const, atLeast: 0.9 },
      info: {
        'client CPU µs/update, rx vs loop': `${summarize(cpu['tamtam-rx']).median.toFixed(1)} vs ${summarize(cpu['fetch loop']).median.toFixed(1)}`,
      },
    };
  };
  return {
    name: 'ingest',
    title: '1. Long-poll ingest (CPU-bound)',
    config: {
      updates: n,
      batch: BATCH,
      rounds,
      warmupRounds: 1,
      emulator: 'a fresh emulator per run (in one host process for the workload), loopback, no faults',
      minimalServer:
        'one child process for every run, node:http answering prepared batches, no state between polls (bench/lib/update-server.ts)',
      library: librarySource,
    },
    comparisons: [row('1', 'emulator', onEmulator), row('1m', 'minimal', onMinimal)],
    notes: [
      'Both loops wait for the server (another process) between batches; what differs is client CPU per batch. ' +
        'tamtam-rx adds per poll: an abortable fetch (its AbortSignal: costly on Node 20) under a deadline timer, the batch saved in the ' +
        'marker store before it is emitted, a status event; the poll is a request prepared once per session, one promise per attempt ' +
        '(the RxJS retry chain only after a failure, the rate limiter only once it paces); per update: validation (one checker per ' +
        'session), delivery tracking (nothing allocated for an update nobody holds: the batch is tracked as one unit) and the RxJS ' +
        'chain (share → ofType).',
    ],
    seconds: secondsSince(started),
    raw: {
      emulator: { updatesPerSecond: onEmulator, cpuMicrosPerUpdate: servers.emulator.cpu },
      minimal: { updatesPerSecond: onMinimal, cpuMicrosPerUpdate: servers.minimal.cpu },
    },
  };
};

runIfMain(import.meta.url, run);
