import { Observable, Subject, share } from 'rxjs';
import type { Api } from '../api/api';
import type { Update } from '../types/index';
import { type LongPollingOptions, resolveLongPollingOptions } from './long-polling-options';
import { PollingSession } from './polling-session';
import type { PollingStatus } from './polling-status';

/**
 * A long-polling update source: an `Observable<Update>` plus `status$` and a graceful
 * `stop()`. All subscribers share one polling loop (two loops on one token would steal each
 * other's updates); the loop starts with the first subscriber and ends with the last.
 *
 * Delivery guarantee — each fetched batch is persisted in the store (marker + updates) before
 * the next poll commits it on the server, and an update leaves the store only once handled:
 * - normal operation, and `stop()` followed by a restart on the same store: every update is
 *   delivered exactly once, in order;
 * - a crash (the process killed at any instant): nothing is lost; updates fetched but not
 *   recorded as handled are delivered again first on restart (at most `maxPending` of them),
 *   and `isRedelivery(update)` is true for those.
 * "Handled" means: every hold taken on the update during its emission was released
 * (`perChat` and `isolate` hold while their handler runs); otherwise the synchronous
 * emission itself.
 *
 * @example
 * const updates$ = fromLongPolling(api, { store: fileMarkerStore('./polling.json') });
 * updates$.pipe(
 *   ofType('message_created'),
 *   perChat((u) => reply(api, u, { text: 'Got it' })),
 * ).subscribe();
 * process.on('SIGTERM', () => updates$.stop()); // resolves after in-flight handlers finish
 */
export class LongPolling extends Observable<Update> {
  /** Retries, batches, unknown updates, start/stop of the loop. */
  readonly status$: Observable<PollingStatus>;
  readonly #current: { session: PollingSession | undefined };

  constructor(api: Api, options: LongPollingOptions = {}) {
    const resolved = resolveLongPollingOptions(options);
    const status = new Subject<PollingStatus>();
    const report = (event: PollingStatus): void => {
      resolved.onStatus(event);
      status.next(event);
    };
    const current: { session: PollingSession | undefined } = { session: undefined };
    const loop = new Observable<Update>((subscriber) => {
      if (resolved.signal?.aborted) {
        subscriber.complete();
        return undefined;
      }
      const session = new PollingSession(api, resolved, subscriber, report);
      current.session = session;
      const onAbort = (): void => void session.stop();
      resolved.signal?.addEventListener('abort', onAbort, { once: true });
      void session.run();
      return () => {
        resolved.signal?.removeEventListener('abort', onAbort);
        session.dispose();
        if (current.session === session) current.session = undefined;
      };
    }).pipe(share());
    super((subscriber) => loop.subscribe(subscriber));
    this.#current = current;
    this.status$ = status.asObservable();
  }

  /**
   * Stops gracefully: aborts the in-flight poll, lets handlers of delivered updates finish,
   * saves the state, then completes the stream. Resolves when all of that is done.
   *
   * @example
   * process.once('SIGINT', () => void updates$.stop().then(() => process.exit(0)));
   */
  stop(): Promise<void> {
    return this.#current.session?.stop() ?? Promise.resolve();
  }
}

/**
 * Receives updates by long polling `GET /updates`: the easy, server-less way to run a bot.
 * See {@link LongPolling} for the delivery guarantee and `stop()`.
 *
 * @example
 * const updates$ = fromLongPolling(api);
 * updates$.pipe(
 *   ofType('message_callback'),
 *   mergeMap((u) => answerOnCallback(api, u.callback.callback_id, { notification: 'Thanks!' })),
 * ).subscribe();
 */
export function fromLongPolling(api: Api, options?: LongPollingOptions): LongPolling {
  return new LongPolling(api, options);
}
