import type { BenchEmulator, SentSummary } from './lib/bench-emulator';
import type { WorkloadRun } from './lib/result';
import { type EmulatorPlacement } from './lib/with-emulator';
/**
 * tamtam-rx settings for the echo bot, each optional (left out: the library's default).
 * `concurrency` is perChat's bound on handlers running at once over all chats.
 *
 * @example
 * const tuning: EchoTuning = { limit: 1000, maxPending: 2000, concurrency: 512 };
 */
export interface EchoTuning {
    readonly limit?: number;
    readonly maxPending?: number;
    readonly concurrency?: number;
}
/**
 * The settings used by the benchmark: the defaults (long polling 100 updates a poll, 200 ahead;
 * perChat unbounded across chats), like the peer's.
 */
export declare const ECHO_TUNING: EchoTuning;
/** Sends in flight at once in the hand-written ceiling loop. */
export declare const CEILING_CONCURRENCY = 512;
/** Who answers. */
export type EchoBot = 'tamtam-rx' | 'peer' | 'fetch ceiling';
/**
 * One echo run: how long until every reply was stored, and what the emulator counted.
 *
 * @example
 * const { seconds, sent } = await echoRun('local', 'tamtam-rx', { messages: 100, users: 10, latencyMs: 5 });
 */
export interface EchoRun {
    readonly seconds: number;
    readonly sent: SentSummary;
    /** Replies the emulator did not store (`messages - unique`). */
    readonly lost: number;
}
/**
 * Sizes of one run.
 *
 * @example
 * const size: EchoSize = { messages: 10_000, users: 500, latencyMs: 100 };
 */
export interface EchoSize {
    readonly messages: number;
    readonly users: number;
    readonly latencyMs: number;
    /** Give up after this long. Default 120 s. */
    readonly timeoutMs?: number;
}
/**
 * One measured run on a fresh emulator with `latencyMs` on every request.
 *
 * @example
 * await echoRun('remote', 'peer', { messages: 10_000, users: 500, latencyMs: 100 });
 */
export declare function echoRun(placement: EmulatorPlacement, bot: EchoBot, size: EchoSize): Promise<EchoRun>;
/**
 * tamtam-rx: `fromLongPolling → ofType('message_created') → perChat(reply)`.
 *
 * @example
 * const seconds = await echoWithTamtamRx(emulator, 1000, 60_000);
 */
export declare function echoWithTamtamRx(emulator: BenchEmulator, messages: number, timeoutMs: number, tuning?: EchoTuning): Promise<number>;
/**
 * The peer, @maxhub/max-bot-api 0.3, as its README shows: `bot.on('message_created', ctx =>
 * ctx.reply(...))`, `clientOptions.baseUrl` pointed at the emulator.
 *
 * @example
 * const seconds = await echoWithPeer(emulator, 1000, 60_000);
 */
export declare function echoWithPeer(emulator: BenchEmulator, messages: number, timeoutMs: number): Promise<number>;
/**
 * The ceiling: one fetch loop polling 1000 updates at a time into a queue, and
 * {@link CEILING_CONCURRENCY} fetch loops sending the replies — no ordering, no retries, no
 * validation; only what any bot must do.
 *
 * @example
 * const seconds = await echoWithFetchLoop(emulator, 1000, 60_000);
 */
export declare function echoWithFetchLoop(emulator: BenchEmulator, messages: number, timeoutMs: number): Promise<number>;
export declare const run: WorkloadRun;
