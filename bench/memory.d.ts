import type { WorkloadRun } from './lib/result';
import { type EmulatorPlacement } from './lib/with-emulator';
/**
 * What one memory run measured (bytes).
 *
 * @example
 * const run = await memoryRun('local', { warmup: 1000, total: 5000 });
 */
export interface MemoryRun {
    readonly handled: number;
    readonly seconds: number;
    readonly start: {
        rss: number;
        heapUsed: number;
    };
    readonly end: {
        rss: number;
        heapUsed: number;
    };
}
/**
 * Runs `total` updates through the pipeline, reading memory after `warmup` and at the end.
 *
 * @example
 * await memoryRun('remote', { warmup: 50_000, total: 1_000_000 });
 */
export declare function memoryRun(placement: EmulatorPlacement, size: {
    warmup: number;
    total: number;
}): Promise<MemoryRun>;
export declare const run: WorkloadRun;
