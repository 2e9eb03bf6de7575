import type { EmulatorOptions, FaultOptions, FaultStats } from '../../src/emulator/index';
/**
 * What the bot sent since the emulator started. A sent text must end in `<seq>` (an integer
 * that grows within a chat), so order can be checked per chat.
 *
 * @example
 * const { unique, outOfOrder } = await emulator.sent();
 */
export interface SentSummary {
    /** Messages the emulator stored for the bot. */
    readonly total: number;
    /** Distinct (chat, text) pairs among them. */
    readonly unique: number;
    /** `total - unique`: the same reply stored twice. */
    readonly duplicated: number;
    /** Messages whose `seq` is below the previous one stored in the same chat. */
    readonly outOfOrder: number;
    /** Chats that got at least one message. */
    readonly chats: number;
}
/**
 * Settings for one emulator run.
 *
 * @example
 * const options: BenchEmulatorOptions = { faults: { latencyMs: 100 } };
 */
export interface BenchEmulatorOptions {
    /** Faults from the start (latency, rate limit). Default none. */
    readonly faults?: FaultOptions;
    /** Queue capacity. Default 200 000. */
    readonly maxQueuedUpdates?: number;
    /** The API's rate limit per token (`startEmulator`'s `rateLimit`). Default off. */
    readonly rateLimit?: EmulatorOptions['rateLimit'];
}
/**
 * An emulator prepared for benchmarks.
 *
 * @example
 * const emulator = await startLocalBenchEmulator();
 * await emulator.queueUserMessages(100, 10, 1);
 * // run a bot against emulator.url / emulator.token
 * await emulator.waitForSent(100, 10_000);
 */
export interface BenchEmulator {
    readonly url: string;
    readonly token: string;
    /**
     * Creates `users` users and has them write `count` messages to the bot (`m <user> <seq>`),
     * each user the same number of messages, the writers in a seeded random order — so a batch
     * holds several messages of some chats, and order within a chat matters.
     */
    queueUserMessages(count: number, users: number, seed: number): Promise<void>;
    /** Queues `count` synthetic `message_created` updates spread over `chats` dialogs (cheap to make). */
    injectMessages(count: number, chats: number): Promise<void>;
    /**
     * Feeds `total` synthetic updates over time: after every `GET /updates` the queue is topped
     * up to `high` once it fell below `low`. For runs too long to queue up front.
     */
    feed(total: number, chats: number, low: number, high: number): Promise<void>;
    /** Updates injected by `feed` so far. */
    fed(): Promise<number>;
    /** Dialogs with `count` new users; returns their chat ids. */
    createDialogs(count: number): Promise<number[]>;
    /** Replaces the fault settings. */
    setFaults(faults: FaultOptions): Promise<void>;
    /** Fault counters. */
    faultStats(): Promise<FaultStats>;
    /** What the bot sent so far. */
    sent(): Promise<SentSummary>;
    /** Resolves when the bot sent `count` messages (or rejects after `timeoutMs`). */
    waitForSent(count: number, timeoutMs: number): Promise<SentSummary>;
    /** Uncommitted updates in the queue. */
    pending(): Promise<number>;
    close(): Promise<void>;
}
/**
 * Starts an in-process {@link BenchEmulator} on a free loopback port.
 *
 * @example
 * const emulator = await startLocalBenchEmulator({ faults: { latencyMs: 20 } });
 */
export declare function startLocalBenchEmulator(options?: BenchEmulatorOptions): Promise<BenchEmulator>;
