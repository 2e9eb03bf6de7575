/**
 * The one retry rule of the library, applied by every api call ({@link retryPolicy}) and by
 * long polling (with {@link LONG_POLL_RETRY}):
 *
 * 1. Never retried: 400, 401, 403 and 404 (the request is wrong or not authorized: it fails
 *    the same way again), and anything that is not a `TamTamError` (a bug). The only exception
 *    is an API error `code` an operation declares transient (`errorCodes`, e.g. sendMessage's
 *    `attachment.not.ready`).
 * 2. Retried: the statuses in `statusCodes` — by default 429 and 503; long polling adds every
 *    other 5xx. Other statuses (405, 409, 500 of a call...) are not retried unless listed.
 * 3. Retried for idempotent methods only (`networkErrorMethods`, default `GET`): network errors
 *    and timeouts, since a POST may have taken effect before the connection broke. Unreadable
 *    2xx answers likewise, but only where `unreadableAnswerMethods` says (none for a call; the
 *    long poll's GET).
 * 4. The wait is the server's `Retry-After` when it sends one, otherwise exponential backoff
 *    with jitter, capped at `backoffLimit`. A `Retry-After` above `maxRetryAfter` fails a bounded
 *    retry at once (waiting would outlast the caller); an unbounded one (`limit: Infinity`, the
 *    long poll) waits `maxRetryAfter` and asks again.
 * 5. At most `limit` retries of everything but 429; long polling retries forever.
 * 6. 429 (too many requests) is bounded by time, not count: retried until `maxRetryTime` (60 s)
 *    has passed since the first attempt, then the call fails with a `TamTamRateLimitError`
 *    saying how long and how often it tried. A send the server throttles is late, never lost
 *    silently. (`limit: 0` or `retry: false` still turns every retry off.)
 */
import {
  type MonoTypeOperatorFunction,
  type SchedulerLike,
  asyncScheduler,
  defer,
  identity,
  retry,
  throwError,
  timer,
} from 'rxjs';
import { type TamTamApiError, isTamTamApiError } from './errors/api-error';
import { TamTamRateLimitError } from './errors/rate-limit-error';
import { isTamTamNetworkError } from './errors/network-error';
import { isTamTamResponseError } from './errors/response-error';
import type { HttpMethod } from './operation-table';
import type { ResolvedRetryOptions, RetryOptions } from './retry-options';

/**
 * Statuses never retried, whatever the options say: the server rejected the request as wrong
 * (400), unauthorized (401, 403) or aimed at nothing (404). `retry.statusCodes` may not list them.
 *
 * @example
 * NEVER_RETRIED_STATUSES.includes(401); // true
 */
export const NEVER_RETRIED_STATUSES = [400, 401, 403, 404] as const;

const NEVER_RETRIED: ReadonlySet<number> = /* @__PURE__ */ new Set(NEVER_RETRIED_STATUSES);

/**
 * True for the statuses that are never retried ({@link NEVER_RETRIED_STATUSES}).
 *
 * @example
 * isNeverRetried(404); // true
 * isNeverRetried(429); // false
 */
export function isNeverRetried(status: number): boolean {
  return NEVER_RETRIED.has(status);
}

/**
 * What long polling retries, on top of the backoff settings: 429 and every 5xx, network errors,
 * timeouts and unreadable answers of its GET, forever. Everything else (400/401/403/404 and the
 * other 4xx, bugs) ends the poll at once.
 *
 * @example
 * retryPolicy({ ...DEFAULT_RETRY, ...LONG_POLL_RETRY }, 'GET', 'getUpdates');
 */
export const LONG_POLL_RETRY = /* @__PURE__ */ longPollRetry();

/**
 * The settings of {@link LONG_POLL_RETRY}, built by a call marked pure: an app without long
 * polling (a webhook bot) leaves them out, also from the published one-file build.
 */
function longPollRetry() {
  return Object.freeze({
    limit: Infinity,
    maxRetryTime: Infinity,
    statusCodes: Object.freeze([429, ...Array.from({ length: 100 }, (_, i) => 500 + i)]),
    errorCodes: Object.freeze([]),
    networkErrorMethods: Object.freeze(['GET']),
    unreadableAnswerMethods: Object.freeze(['GET']),
  } as const satisfies RetryOptions);
}

/**
 * Whether `error`, failing a `method` request, may be retried under `options` (rules 1–3 of the
 * module comment). Says nothing about how long to wait; see {@link retryDelay}.
 *
 * @example
 * isRetryable(DEFAULT_RETRY, 'GET', error); // true for a 503, false for a 401
 */
export function isRetryable(
  options: Pick<ResolvedRetryOptions, 'statusCodes' | 'errorCodes' | 'networkErrorMethods' | 'unreadableAnswerMethods'>,
  method: HttpMethod,
  error: unknown,
): boolean {
  if (isTamTamApiError(error)) {
    if (options.errorCodes.includes(error.code)) return true;
    return !isNeverRetried(error.status) && options.statusCodes.includes(error.status);
  }
  if (isTamTamNetworkError(error)) return options.networkErrorMethods.includes(method); // timeouts are network errors
  return isTamTamResponseError(error) && options.unreadableAnswerMethods.includes(method);
}

/**
 * How long to wait before retry number `attempt` (1-based) after `error`, or `undefined` when
 * the error must not be retried. Honours `Retry-After`; otherwise exponential backoff with
 * jitter, capped at `backoffLimit`.
 *
 * @example
 * retryDelay(resolved, 'GET', error, 1); // e.g. 437
 */
export function retryDelay(
  options: ResolvedRetryOptions,
  method: HttpMethod,
  error: unknown,
  attempt: number,
): number | undefined {
  if (!isRetryable(options, method, error)) return undefined;
  const retryAfter = isTamTamApiError(error) ? error.retryAfter : undefined;
  if (retryAfter === undefined) return backoffDelay(options, attempt);
  if (retryAfter <= options.maxRetryAfter) return retryAfter;
  return options.limit === Infinity ? options.maxRetryAfter : undefined;
}

/**
 * The exponential backoff delay before retry number `attempt` (1-based): `initialDelay ·
 * factor^(attempt-1)`, capped at `backoffLimit`, minus up to `jitter` of it at random.
 *
 * @example
 * backoffDelay({ ...DEFAULT_RETRY, jitter: 0 }, 3); // 2000
 */
export function backoffDelay(
  options: Pick<ResolvedRetryOptions, 'initialDelay' | 'factor' | 'backoffLimit' | 'jitter' | 'random'>,
  attempt: number,
): number {
  const exponential = options.initialDelay * options.factor ** (attempt - 1);
  const capped = Math.min(options.backoffLimit, exponential);
  return Math.round(capped * (1 - options.jitter * options.random()));
}

/**
 * RxJS operator applying the retry rule to a request Observable: resubscribes (a fresh HTTP
 * request) after the computed delay, at most `limit` times, and for 429 answers until
 * `maxRetryTime` has passed (then errors with a {@link TamTamRateLimitError}); a non-retryable
 * error is rethrown at once. Every retry is reported to `onRetry` before the wait. Delays and
 * the clock are RxJS's (`scheduler`, default `asyncScheduler`), so `TestScheduler.run` controls them.
 *
 * @example
 * attempt$.pipe(retryPolicy(resolveRetry(DEFAULT_RETRY), 'GET', 'getChats'));
 */
export function retryPolicy<T>(
  options: ResolvedRetryOptions | false,
  method: HttpMethod,
  operation: string,
  scheduler: SchedulerLike = asyncScheduler,
): MonoTypeOperatorFunction<T> {
  if (options === false || options.limit === 0) return identity;
  return (source) =>
    defer(() => {
      const started = scheduler.now();
      let otherRetries = 0;
      return source.pipe(
        retry({
          delay: (error: unknown, attempt: number) => {
            const delay = isTooManyRequests(error)
              ? rateLimitedDelay(options, method, error, attempt, scheduler.now() - started)
              : ++otherRetries > options.limit
                ? undefined
                : retryDelay(options, method, error, attempt);
            if (delay === undefined) return throwError(() => error);
            if (delay instanceof TamTamRateLimitError) return throwError(() => delay);
            // retryDelay only says yes to TamTamErrors
            options.onRetry({ attempt, delay, error: error as Error, operation });
            return timer(delay, scheduler);
          },
        }),
      );
    });
}

function isTooManyRequests(error: unknown): error is TamTamApiError {
  return isTamTamApiError(error) && error.status === 429;
}

/** The wait before another try after a 429, or the give-up error once `maxRetryTime` is spent. */
function rateLimitedDelay(
  options: ResolvedRetryOptions,
  method: HttpMethod,
  error: TamTamApiError,
  attempt: number,
  elapsed: number,
): number | TamTamRateLimitError | undefined {
  if (!isRetryable(options, method, error)) return undefined;
  const giveUp = () => new TamTamRateLimitError(error, { attempts: attempt, elapsed });
  const left = options.maxRetryTime - elapsed;
  if (left <= 0) return giveUp();
  const delay = retryDelay(options, method, error, attempt);
  if (delay === undefined) return giveUp(); // a Retry-After beyond maxRetryAfter
  if (error.retryAfter !== undefined) return delay <= left ? delay : giveUp();
  return Math.min(delay, left);
}
