/**
 * Scheduled broadcast: `/subscribe` adds the chat to the mailing list, `/unsubscribe` removes
 * it; every `period` the bot sends the next news issue to every chat on the list. It composes
 * the update stream with a timer (`interval`), so the schedule is ordinary RxJS and runs in
 * virtual time in tests. Chats that are gone (403/404, or the bot was removed) leave the list.
 */
import {
  EMPTY,
  type Observable,
  type SchedulerLike,
  asyncScheduler,
  catchError,
  concatMap,
  defer,
  from,
  ignoreElements,
  interval,
  merge,
  mergeMap,
  tap,
} from 'rxjs';
import {
  type Api,
  type NewMessageBody,
  type MaxOperations,
  type TamTamOperations,
  type UpdateOfTable,
  command,
  isTamTamApiError,
  ofType,
  perChat,
  reply,
  sendMessage,
} from '../../src/index';

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

/** Chats answering these statuses are gone for good. */
const GONE = new Set([403, 404]);

/**
 * Wires the broadcast bot. Each subscription keeps its own mailing list (in memory).
 *
 * @example
 * broadcastBot(api, fromLongPolling(api), { period: 3_600_000 }).subscribe();
 */
export function broadcastBot<T extends TamTamOperations | MaxOperations = TamTamOperations>(
  api: Api<T>,
  updates$: Observable<UpdateOfTable<T>>,
  options: BroadcastOptions = {},
): Observable<unknown> {
  const period = options.period ?? 3_600_000;
  const news = options.news ?? ((n: number) => `📰 News #${n}`);
  const onError =
    options.onError ??
    ((error: unknown, chatId: number) => console.error(`broadcast to chat ${chatId} failed:`, error));
  return defer(() => {
    const subscribers = new Set<number>();

    const commands$ = updates$.pipe(
      command(['subscribe', 'unsubscribe']),
      perChat((u) => {
        const chatId = u.message.recipient.chat_id;
        if (chatId === null) return EMPTY;
        if (u.command.name === 'subscribe') subscribers.add(chatId);
        else subscribers.delete(chatId);
        return reply(
          api,
          u,
          u.command.name === 'subscribe'
            ? 'Subscribed: you will get the news here.'
            : 'Unsubscribed: no more news here.',
        );
      }),
    );

    const removals$ = updates$.pipe(
      ofType('bot_removed'),
      tap((u) => subscribers.delete(u.chat_id)),
      ignoreElements(),
    );

    const issues$ = interval(period, options.scheduler ?? asyncScheduler).pipe(
      concatMap((tick) => {
        const issue = tick + 1;
        const body = news(issue);
        return from([...subscribers]).pipe(
          mergeMap(
            (chatId) =>
              sendMessage(api, { chat_id: chatId }, typeof body === 'string' ? { text: body } : body).pipe(
                catchError((error: unknown) => {
                  if (isTamTamApiError(error) && GONE.has(error.status)) subscribers.delete(chatId);
                  else onError(error, chatId);
                  return EMPTY;
                }),
              ),
            4,
          ),
        );
      }),
    );

    return merge(commands$, removals$, issues$);
  });
}
