import { Observable, Subject, type Subscriber, share } from 'rxjs';
import type { Api } from '../api/api';
import type { UpdateOfTable, UpdateTypeOfTable } from '../api/dialect';
import { UPDATE_TYPES, type UnknownUpdate, type Update } from '../types/index';
import type { PollingApi, PollingTable } from './polling-api';
import {
  type LongPollingOptions,
  type ResolvedLongPollingOptions,
  resolveLongPollingOptions,
} from './long-polling-options';
import { PollingSession } from './polling-session';
import type { PollingStatus } from './polling-status';
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
  readonly #control: PollingControl;

  constructor(api: PollingApi, options: LongPollingOptions<string> = {}) {
    const control = new PollingControl(api, resolveLongPollingOptions(options));
    // The session emits exactly the updates classified against the api's dialect, which is
    // what U stands for (fromLongPolling derives it from the same api).
    const loop = new Observable<Update>((subscriber) => control.start(subscriber)).pipe(
      share(),
    ) as Observable<object> as Observable<U>;
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

/** The state behind one {@link LongPolling}: its current session, its streams, its stop. */
class PollingControl {
  readonly status = new Subject<PollingStatus>();
  readonly unknown = new Subject<UnknownUpdate>();
  #session: PollingSession | undefined;
  #stopping: Promise<UpdateSourceStopResult> | undefined;
  #lastStatus: PollingStatus['type'] | undefined;

  constructor(
    private readonly api: PollingApi,
    private readonly options: ResolvedLongPollingOptions,
  ) {
    options.signal?.addEventListener('abort', () => void this.stop(), { once: true });
    if (options.signal?.aborted === true) void this.stop();
  }

  /** Runs a session for the shared subscriber; the returned teardown disposes it. */
  start(subscriber: Subscriber<Update>): (() => void) | undefined {
    if (this.#stopping !== undefined) {
      subscriber.complete();
      return undefined;
    }
    const known = new Set<string>(this.api.dialect?.updateTypes ?? UPDATE_TYPES);
    const session = new PollingSession(this.api, known, this.options, subscriber, (event) => this.#report(event));
    this.#session = session;
    void session.run();
    return () => {
      session.dispose();
      if (this.#session === session) this.#session = undefined;
    };
  }

  stop(): Promise<UpdateSourceStopResult> {
    this.#stopping ??= (async () => {
      const unfinished = (await this.#session?.stop()) ?? 0;
      if (this.#lastStatus !== 'stopped') this.#report({ type: 'stopped' });
      this.status.complete();
      this.unknown.complete();
      return { unfinished };
    })();
    return this.#stopping;
  }

  #report(event: PollingStatus): void {
    this.#lastStatus = event.type;
    this.options.onStatus(event);
    this.status.next(event);
    if (event.type === 'unknown_update') this.unknown.next(event.update);
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
