import type { BenchEmulator, BenchEmulatorOptions } from './bench-emulator';
/**
 * Spawns `node --import tsx bench/lib/emulator-host.ts` and resolves once it listens.
 *
 * @example
 * const emulator = await startRemoteBenchEmulator({ faults: { latencyMs: 100 } });
 * await emulator.queueUserMessages(10_000, 500, 1);
 */
export declare function startRemoteBenchEmulator(options?: BenchEmulatorOptions): Promise<BenchEmulator>;
