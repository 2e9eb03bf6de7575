/**
 * Scheduled broadcast: `/subscribe` adds the chat to the mailing list, `/unsubscribe` removes
 * it; every `period` the bot sends the next news issue to every chat on the list. It composes
 * the update stream with a timer (`interval`), so the schedule is ordinary RxJS and runs in
 * virtual time in tests. Chats that are gone (403/404, or the bot was removed) leave the list.
 */
import { type Observable, type SchedulerLike } from 'rxjs';
import { type Api, type NewMessageBody, type Update } from '../../src/index';
/**
 * Options of {@link broadcastBot}; all optional.
 *
 * @example
 * broadcastBot(api, updates$, { period: 24 * 3_600_000, news: (n) => `Daily digest #${n}` });
 */
export interface BroadcastOptions {
    /** Time between issues, ms. Default one hour. */
    readonly period?: number;
    /** The message of issue `n` (1, 2, 3…). Default `📰 News #n`. */
    readonly news?: (issue: number) => string | NewMessageBody;
    /** Runs the schedule. Default `asyncScheduler` (virtual time under a TestScheduler). */
    readonly scheduler?: SchedulerLike;
    /** Hears a failed delivery that is not "chat gone". Default `console.error`. */
    readonly onError?: (error: unknown, chatId: number) => void;
}
/**
 * Wires the broadcast bot. Each subscription keeps its own mailing list (in memory).
 *
 * @example
 * broadcastBot(api, fromLongPolling(api), { period: 3_600_000 }).subscribe();
 */
export declare function broadcastBot(api: Api, updates$: Observable<Update>, options?: BroadcastOptions): Observable<unknown>;
