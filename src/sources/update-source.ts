import type { Observable } from 'rxjs';
import type { UnknownUpdate, Update } from '../types/index';

/**
 * One event on a source's `status$`. Every source has its own union of events (retries,
 * batches, rejected requests...), all with a `type`; every source reports `{ type: 'stopped' }`
 * when it stops.
 *
 * @example
 * source.status$.subscribe((s) => log.debug(`source: ${s.type}`));
 */
export interface UpdateSourceStatus {
  readonly type: string;
}

/**
 * What a graceful `stop()` of any {@link UpdateSource} resolves with.
 *
 * @example
 * const { unfinished } = await source.stop();
 * if (unfinished > 0) log.warn(`${unfinished} updates were still being handled; they will be delivered again`);
 */
export interface UpdateSourceStopResult {
  /**
   * Updates still being handled when the source gave up waiting (its stop timeout); `0` when
   * every handler finished. Such updates were not acknowledged: the backend delivers them again.
   */
  readonly unfinished: number;
}

/**
 * The one shape of every update source (`fromLongPolling`, `webhook`, and sources written
 * outside tamtam-rx on `tamtam-rx`'s delivery contract):
 *
 * - the source **is** an `Observable` of updates, so `source.pipe(ofType('message_callback'))`
 *   works on any of them. Updates are emitted tracked: an update is acknowledged only once
 *   every hold taken on it (`perChat`, `isolate`, `holdUpdate`) is released, and an update
 *   delivered before is flagged (`isRedelivery`). Unsubscribing abandons held updates: they
 *   are delivered again;
 * - `unknownUpdates$`: updates of types this version does not know (never passed off as known ones);
 * - `status$`: what the source is doing, in its own event types; ends with `{ type: 'stopped' }`
 *   and completes after `stop()`;
 * - `stop()`: graceful and final. Takes no new updates, lets running handlers finish (up to the
 *   source's stop timeout), completes the streams, resolves with {@link UpdateSourceStopResult}.
 *   Calling it again returns the same promise.
 *
 * `updateSourceContract` in `tamtam-rx/testing` checks these promises for any source.
 *
 * @example
 * function runBot(source: UpdateSource): void {
 *   source.pipe(ofType('message_callback'), isolate((u) => answerOnCallback(api, u.callback.callback_id, { notification: 'OK' }))).subscribe();
 *   source.unknownUpdates$.subscribe((u) => log.warn('unknown update type', u.update_type));
 *   process.once('SIGTERM', () => void source.stop());
 * }
 * runBot(fromLongPolling(api));
 * runBot(webhook({ path: '/tamtam', secret }));
 */
export interface UpdateSource<U extends object = Update, S extends UpdateSourceStatus = UpdateSourceStatus>
  extends Observable<U> {
  /** Updates of types this version does not know; hot. Completes on `stop()`. */
  readonly unknownUpdates$: Observable<UnknownUpdate>;
  /** What the source is doing; hot. Completes after `stop()` with a last `{ type: 'stopped' }`. */
  readonly status$: Observable<S>;
  /** Stops gracefully and for good (see {@link UpdateSource}). Idempotent. */
  stop(): Promise<UpdateSourceStopResult>;
}
