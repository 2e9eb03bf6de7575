import type { BenchEmulator } from './lib/bench-emulator';
import type { WorkloadRun } from './lib/result';
import { type EmulatorPlacement } from './lib/with-emulator';
/**
 * Sizes of one burst.
 *
 * @example
 * const size: BurstSize = { messages: 1000, users: 300, latencyMs: 100, perSecond: 30 };
 */
export interface BurstSize {
    readonly messages: number;
    readonly users: number;
    readonly latencyMs: number;
    /** The emulator's limit per token (Max: 30). */
    readonly perSecond: number;
}
/**
 * What one run measured.
 *
 * @example
 * const { seconds, lost, rateLimited } = await burstRun('local', 'tamtam-rx', size);
 */
export interface BurstRun {
    /** Until every reply was stored, or every update was answered or given up on. */
    readonly seconds: number;
    readonly lost: number;
    readonly duplicated: number;
    readonly outOfOrder: number;
    /** Sends that failed in the bot (given up, or not retried). */
    readonly failures: number;
    /** 429 answers of the emulator. */
    readonly rateLimited: number;
}
/** Who answers. */
export type BurstBot = 'tamtam-rx' | 'peer';
/**
 * One run on a fresh emulator with the Max rate rule and `latencyMs` on every request.
 *
 * @example
 * await burstRun('remote', 'peer', { messages: 1000, users: 300, latencyMs: 100, perSecond: 30 });
 */
export declare function burstRun(placement: EmulatorPlacement, bot: BurstBot, size: BurstSize): Promise<BurstRun>;
/**
 * tamtam-rx with default settings but the limiter on, as for the real API.
 *
 * @example
 * await burstWithTamtamRx(emulator, 1000);
 */
export declare function burstWithTamtamRx(emulator: BenchEmulator, messages: number): Promise<{
    seconds: number;
    failures: number;
}>;
/**
 * The peer as its README shows it; done when every update was answered or failed.
 *
 * @example
 * await burstWithPeer(emulator, 1000);
 */
export declare function burstWithPeer(emulator: BenchEmulator, messages: number): Promise<{
    seconds: number;
    failures: number;
}>;
export declare const run: WorkloadRun;
