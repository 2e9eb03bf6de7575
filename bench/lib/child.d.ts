import type { WorkloadRun } from './result';
/**
 * Calls `run` when `moduleUrl` is the process's entry script; otherwise does nothing (the
 * module was imported, e.g. by the smoke test).
 *
 * @example
 * runIfMain(import.meta.url, run);
 */
export declare function runIfMain(moduleUrl: string, run: WorkloadRun): void;
/**
 * Heap and RSS after a full GC (needs `node --expose-gc`; without it, the current values).
 *
 * @example
 * const { heapUsed, rss } = await memoryAfterGc();
 */
export declare function memoryAfterGc(): Promise<{
    rss: number;
    heapUsed: number;
}>;
