import { type MonoTypeOperatorFunction, type Observable, defer, identity, map, throwError } from 'rxjs';
import type { HttpMethod } from '../api/operation-table';
import { LONG_POLL_RETRY, isRetryable, retryPolicy } from '../api/retry';
import { DEFAULT_RETRY } from '../api/retry-options';
import { getUpdates } from '../actions/updates';
import type { OperationResultOf } from '../api/operation-table';
import type { PollingApi, PollingTable } from './polling-api';
import type { ResolvedLongPollingOptions } from './long-polling-options';
import { checkUpdateList } from './poll-answer';

/** What one poll asks for. */
export interface PollRequest {
  readonly marker: number | null;
  readonly limit: number;
  readonly timeout: number;
  /** The dialect's update type names; `undefined`: all. */
  readonly types: readonly string[] | undefined;
}

/**
 * True for failures that end a poll loop instead of being retried: what the library's one
 * retry rule never retries (400, 401, 403, 404, the other 4xx but 429, and errors that are not
 * `TamTamError`s, i.e. bugs). Retrying those forever would hide the problem.
 *
 * @example
 * isFatalPollError(new TamTamApiError({ status: 401, ... })); // true
 */
export function isFatalPollError(error: unknown): boolean {
  return !isRetryable(LONG_POLL_RETRY, 'GET', error);
}

/**
 * One `GET /updates` under the library's retry rule with the long poll's settings
 * ({@link LONG_POLL_RETRY}): 429, 5xx, network errors, timeouts and malformed answers are
 * retried forever with capped exponential backoff, honouring `Retry-After` (a longer demand
 * than `backoff.maxRetryAfter` waits that long); fatal ones error at once. Every retry is
 * reported to `onRetry` before the wait. Uses RxJS timers, so it runs in virtual time under
 * `TestScheduler.run`.
 *
 * @example
 * pollWithBackoff(api, { marker, limit: 100, timeout: 30, types: undefined }, options.backoff, report)
 *   .subscribe(({ updates, marker }) => ...);
 */
export function pollWithBackoff(
  api: PollingApi,
  request: PollRequest,
  backoff: ResolvedLongPollingOptions['backoff'],
  onRetry: (attempt: number, delay: number, error: Error) => void,
): Observable<OperationResultOf<PollingTable, 'getUpdates'>> {
  return pollWith(api, request, retryLikePolls('GET', 'getUpdates', backoff, onRetry));
}

/**
 * One `GET /updates` under a retry operator the caller built once (with {@link retryLikePolls})
 * and reuses for every poll: what a polling loop calls, {@link pollWithBackoff} without the
 * per-poll rebuilding of the policy.
 *
 * @example
 * const retry = retryLikePolls('GET', 'getUpdates', options.backoff, report);
 * pollWith(api, { marker, limit: 100, timeout: 30, types: undefined }, retry).subscribe(...);
 */
export function pollWith(
  api: PollingApi,
  request: PollRequest,
  retry: MonoTypeOperatorFunction<OperationResultOf<PollingTable, 'getUpdates'>>,
): Observable<OperationResultOf<PollingTable, 'getUpdates'>> {
  return getUpdates(
    api,
    {
      marker: request.marker,
      limit: request.limit,
      timeout: request.timeout,
      ...(request.types ? { types: request.types } : {}),
    },
    { retry: false },
  ).pipe(map(checkUpdateList), retry);
}

/**
 * The rest of a poll whose first attempt (sent outside RxJS, see `prepareGet`) failed with
 * `failure`: the retry operator sees that failure as its first error — so the same rule decides
 * (a fatal error is rethrown at once, a retryable one is reported to `onRetry` and waited for)
 * — and every later attempt is {@link pollWith}'s request.
 *
 * @example
 * pollAfter(failure, api, { marker, limit: 100, timeout: 30, types: undefined }, retry).subscribe(...);
 */
export function pollAfter(
  failure: unknown,
  api: PollingApi,
  request: PollRequest,
  retry: MonoTypeOperatorFunction<OperationResultOf<PollingTable, 'getUpdates'>>,
): Observable<OperationResultOf<PollingTable, 'getUpdates'>> {
  let first = true;
  return defer(() => {
    if (!first) return pollWith(api, request, identity);
    first = false;
    return throwError(() => failure);
  }).pipe(retry);
}

/**
 * The long poll's retry rule for any call of the polling loop (the start-up check of webhook
 * subscriptions and their removal too): 429, 5xx, network errors, timeouts and unreadable
 * answers are retried forever with the capped backoff, honouring `Retry-After`; what no retry
 * can fix (400/401/403/404, the other 4xx, bugs) errors at once. `DELETE` is idempotent, so its
 * network errors are retried as well. Pass the call with its own retry off.
 *
 * @example
 * getSubscriptions(api, { retry: false }).pipe(retryLikePolls('GET', 'getSubscriptions', options.backoff, report));
 */
export function retryLikePolls<T>(
  method: HttpMethod,
  operation: string,
  backoff: ResolvedLongPollingOptions['backoff'],
  onRetry: (attempt: number, delay: number, error: Error) => void,
): MonoTypeOperatorFunction<T> {
  return retryPolicy(
    {
      ...DEFAULT_RETRY,
      ...backoff,
      ...LONG_POLL_RETRY,
      networkErrorMethods: ['GET', 'DELETE'],
      unreadableAnswerMethods: ['GET', 'DELETE'],
      onRetry: (info) => onRetry(info.attempt, info.delay, info.error),
    },
    method,
    operation,
  );
}
