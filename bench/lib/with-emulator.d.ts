/**
 * A fresh emulator for every measured run, so no run sees what the previous one left behind
 * (uncommitted updates, stored messages, a rate-limit window).
 */
import type { BenchEmulator, BenchEmulatorOptions } from './bench-emulator';
/**
 * Where the emulator runs: `'remote'` (a child process, its own core — benchmarks) or
 * `'local'` (this process — smoke tests).
 *
 * @example
 * await withEmulator('local', {}, async (emulator) => ingest(emulator, 100));
 */
export type EmulatorPlacement = 'remote' | 'local';
/**
 * Starts an emulator, runs `use` with it and closes it whatever happens.
 *
 * @example
 * const seconds = await withEmulator('remote', { faults: { latencyMs: 20 } }, (emulator) => echo(emulator));
 */
export declare function withEmulator<T>(placement: EmulatorPlacement, options: BenchEmulatorOptions, use: (emulator: BenchEmulator) => Promise<T>): Promise<T>;
