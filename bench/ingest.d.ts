import type { WorkloadRun } from './lib/result';
import { type EmulatorPlacement } from './lib/with-emulator';
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
export declare const BATCH = 100;
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
export declare function ingestWithTamtamRx(emulator: UpdateEndpoint, n: number): Promise<IngestRun>;
/**
 * The ceiling: `GET /updates` with fetch, `JSON.parse`, count `message_created`, pass the
 * marker back — nothing else.
 *
 * @example
 * await ingestWithFetchLoop(emulator, 1000);
 */
export declare function ingestWithFetchLoop(emulator: UpdateEndpoint, n: number): Promise<IngestRun>;
/**
 * One measured run on a fresh server: queue `n` updates (not timed), then ingest them. The
 * minimal server always runs in a child process.
 *
 * @example
 * await ingestRun('local', 'tamtam-rx', 500);
 * await ingestRun('remote', 'fetch loop', 500, 'minimal');
 */
export declare function ingestRun(placement: EmulatorPlacement, who: 'tamtam-rx' | 'fetch loop', n: number, server?: IngestServer): Promise<IngestRun>;
export declare const run: WorkloadRun;
