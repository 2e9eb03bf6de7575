import { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { UpdateOfTable, UpdateTypeOfTable } from '../api/dialect';
import { UPDATE_TYPES, type UnknownUpdate, type Update } from '../types/index';
import type { PollingApi, PollingTable } from './polling-api';
import { checkUpdateTypes } from './check-update-types';
import { type LongPollingOptions, resolveLongPollingOptions } from './long-polling-options';
import { PollingSession } from './polling-session';
import type { PollingStatus } from './polling-status';
import { SourceControl } from './source-control';
import type { UpdateSource, UpdateSourceStopResult } from './update-source';

/**
 * A long-polling update source, in the one {@link UpdateSource} shape: an `Observable<Update>`
 * with `unknownUpdates$`, `status$` and a graceful `stop()`. All subscribers share one polling
 * loop (two loops on one token would steal each other's updates); the loop starts with the
 * first subscriber and ends with the last, and starts again (on the same store) when someone
 * subscribes again, until `stop()`.
 *
 * Delivery guarantee — each fetched batch is persisted in the store (marker + updates) before
 * the next poll commits it on the server, and an update leaves the store only once handled:
 * - normal operation, and `stop()` followed by a restart on the same store: every update is
 *   delivered exactly once, in order;
 * - unsubscribing (handlers cancelled, holds abandoned) or a crash (the process killed at any
 *   instant): nothing is lost; updates fetched but not recorded as handled are delivered again
 *   first on the next start (at most `maxPending` of them), and `isRedelivery(update)` is true
 *   for those.
 * "Handled" means: every hold taken on the update during its emission was released
 * (`perChat` and `isolate` hold while their handler runs); otherwise the synchronous
 * emission itself.
 *
 * `U` is the api's dialect's update union (`Update` for TamTam, `MaxUpdate` for Max): updates
 * are classified against that dialect's update types, others go to `unknownUpdates$`. The
 * marker, once known, is stored and sent with every poll — which matters on Max, where a poll
 * without one answers only the latest update (so a first start sees only that one).
 *
 * @example
 * const updates$ = fromLongPolling(api, { store: fileMarkerStore('./polling.json') });
 * updates$.pipe(
 *   ofType('message_created'),
 *   perChat((u) => reply(api, u, { text: 'Got it' })),
 * ).subscribe();
 * process.on('SIGTERM', () => updates$.stop()); // resolves after in-flight handlers finish
 */
export class LongPolling<U extends object = Update> extends Observable<U> implements UpdateSource<U, PollingStatus> {
  /** Retries, batches, unknown updates, start and stop of the loop. Hot; completes after `stop()`. */
  readonly status$: Observable<PollingStatus>;
  /** Updates of types this version does not know (never emitted as updates). Hot; completes on `stop()`. */
  readonly unknownUpdates$: Observable<UnknownUpdate>;
  readonly #control: SourceControl<PollingStatus>;

  constructor(api: PollingApi, options: LongPollingOptions<string> = {}) {
    const resolved = resolveLongPollingOptions(options);
    checkUpdateTypes(
      'fromLongPolling',
      resolved.types,
      api.dialect?.updateTypes ?? UPDATE_TYPES,
      api.dialect?.name ?? 'TamTam',
    );
    const control = new SourceControl<PollingStatus>(
      (subscriber, report) => {
        const known = new Set<string>(api.dialect?.updateTypes ?? UPDATE_TYPES);
        return new PollingSession(api, known, resolved, subscriber, report);
      },
      resolved.onStatus,
      { type: 'stopped' },
    );
    resolved.signal?.addEventListener('abort', () => void control.stop(), { once: true });
    if (resolved.signal?.aborted === true) void control.stop();
    // The session emits exactly the updates classified against the api's dialect, which is
    // what U stands for (fromLongPolling derives it from the same api).
    const loop = control.shared() as Observable<object> as Observable<U>;
    super((subscriber) => loop.subscribe(subscriber));
    this.#control = control;
    this.status$ = control.status.asObservable();
    this.unknownUpdates$ = control.unknown.asObservable();
  }

  /**
   * Stops gracefully and for good: aborts the in-flight poll, lets handlers of delivered
   * updates finish (up to `stopTimeout`), saves the state, completes the stream, `status$` and
   * `unknownUpdates$`. Later subscribers complete at once; start a new source to poll again.
   * Calling it again returns the same promise.
   *
   * @example
   * process.once('SIGINT', () => void updates$.stop().then(({ unfinished }) => process.exit(unfinished === 0 ? 0 : 1)));
   */
  stop(): Promise<UpdateSourceStopResult> {
    return this.#control.stop();
  }
}

/**
 * Receives updates by long polling `GET /updates`: the easy, server-less way to run a bot.
 * See {@link LongPolling} for the delivery guarantee and `stop()`. It emits the api's dialect's
 * updates: `Update` for a TamTam api, `MaxUpdate` for `createApi({ dialect: 'max' })`, and
 * `types` takes that dialect's names. (Max calls long polling unfit for production — limited
 * rate and retention — and without a stored marker it delivers only the latest update: give
 * it a persistent `store`, or use a webhook.)
 *
 * @example
 * const updates$ = fromLongPolling(api);
 * updates$.pipe(
 *   ofType('message_callback'),
 *   mergeMap((u) => answerOnCallback(api, u.callback.callback_id, { notification: 'Thanks!' })),
 * ).subscribe();
 */
export function fromLongPolling<T extends PollingTable>(
  api: Api<T>,
  options?: LongPollingOptions<UpdateTypeOfTable<T>>,
): LongPolling<UpdateOfTable<T>> {
  return new LongPolling<UpdateOfTable<T>>(api, options);
}
