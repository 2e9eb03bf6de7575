import { type MonoTypeOperatorFunction, identity, retry, throwError, timer } from 'rxjs';
import { isTamTamApiError } from './errors/api-error';
import { isTamTamNetworkError } from './errors/network-error';
import type { HttpMethod } from './request-spec';
import type { ResolvedRetryOptions } from './retry-options';

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
  if (isTamTamApiError(error)) {
    const retryable = options.statusCodes.includes(error.status) || options.errorCodes.includes(error.code);
    if (!retryable) return undefined;
    if (error.retryAfter !== undefined) {
      return error.retryAfter <= options.maxRetryAfter ? error.retryAfter : undefined;
    }
  } else if (!isTamTamNetworkError(error) || !options.networkErrorMethods.includes(method)) {
    return undefined;
  }
  return backoffDelay(options, attempt);
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
 * RxJS operator applying a retry policy to a request Observable: resubscribes (a fresh HTTP
 * request) after the computed delay, at most `limit` times; a non-retryable error is rethrown
 * at once. Delays use RxJS timers, so `TestScheduler.run` controls them.
 *
 * @example
 * attempt$.pipe(retryPolicy(resolveRetry(DEFAULT_RETRY), 'GET', 'getChats'));
 */
export function retryPolicy<T>(
  options: ResolvedRetryOptions | false,
  method: HttpMethod,
  operation: string,
): MonoTypeOperatorFunction<T> {
  if (options === false || options.limit === 0) return identity;
  return retry({
    count: options.limit,
    delay: (error: unknown, attempt: number) => {
      const delay = retryDelay(options, method, error, attempt);
      if (delay === undefined) return throwError(() => error);
      options.onRetry({ attempt, delay, error: error as Error, operation });
      return timer(delay);
    },
  });
}
