import type { BenchEmulator, SentSummary } from './lib/bench-emulator';
import type { WorkloadRun } from './lib/result';
import { type EmulatorPlacement } from './lib/with-emulator';
/**
 * Sizes of one throttled run.
 *
 * @example
 * const size: ThrottleSize = { messages: 1000, chats: 100, perSecond: 200 };
 */
export interface ThrottleSize {
    readonly messages: number;
    readonly chats: number;
    /** The emulator's limit, requests per sliding second. */
    readonly perSecond: number;
}
/**
 * What one run measured.
 *
 * @example
 * const { seconds, lost } = await throttleRun('local', { messages: 50, chats: 5, perSecond: 100 });
 */
export interface ThrottleRun {
    readonly seconds: number;
    readonly sent: SentSummary;
    readonly lost: number;
    /** Handler failures perChat reported (a send that gave up). */
    readonly failures: number;
    /** 429 answers the emulator gave. */
    readonly rateLimited: number;
}
/**
 * Sends `messages` texts (`t <seq>`, round-robin over the chats) through `perChat`.
 *
 * @example
 * await throttledSends(emulator, { messages: 1000, chats: 100, perSecond: 200 });
 */
export declare function throttledSends(emulator: BenchEmulator, size: ThrottleSize): Promise<{
    seconds: number;
    failures: number;
}>;
/**
 * One measured run on a fresh, rate-limited emulator.
 *
 * @example
 * await throttleRun('remote', { messages: 1000, chats: 100, perSecond: 200 });
 */
export declare function throttleRun(placement: EmulatorPlacement, size: ThrottleSize): Promise<ThrottleRun>;
export declare const run: WorkloadRun;
