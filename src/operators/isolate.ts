import type { ObservableInput, OperatorFunction } from 'rxjs';
import type { HandlerError } from './handler-error';
import { type PerChatStats, runKeyed } from './per-chat';
import type { AnyUpdate, UpdateLike } from './update-like';

/**
 * Options of {@link isolate}.
 *
 * @example
 * isolate(handle, { concurrency: 8, onError: (e) => log.error(e) });
 */
export interface IsolateOptions<U> {
  /**
   * Hears every handler failure with the update that caused it. Default
   * `reportHandlerError` (`console.error`). If it throws, the output errors.
   */
  readonly onError?: (error: HandlerError<U>) => void;
  /** Most handlers running at once; a whole number ≥ 1 or `Infinity`. Default `Infinity` (like `mergeMap`). */
  readonly concurrency?: number;
  /** Counters to keep up to date (`liveKeys` is the number of updates in flight). */
  readonly stats?: PerChatStats;
}

/**
 * `mergeMap` with a firewall around every update: a handler that errors or throws for one
 * update is reported to `onError` and that update is dropped, while `updates$` keeps flowing
 * for all others. No ordering between updates (use `perChat` for that). Unsubscribing
 * cancels running handlers; updates from a delivery-tracking source are held until handled.
 *
 * @example
 * updates$.pipe(
 *   ofType('message_callback'),
 *   isolate((u) => answerOnCallback(api, u.callback.callback_id, { notification: 'OK' }), {
 *     onError: (e) => log.warn(e.message),
 *   }),
 * ).subscribe();
 */
export function isolate<U extends UpdateLike = AnyUpdate, R = never>(
  handler: (update: U) => ObservableInput<R>,
  options: IsolateOptions<U> = {},
): OperatorFunction<U, R> {
  return runKeyed('isolate', handler, eachUpdateAlone, options.concurrency ?? Infinity, options);
}

/** Every update object is its own key, so no update waits for another. */
function eachUpdateAlone(update: unknown): unknown {
  return update;
}
