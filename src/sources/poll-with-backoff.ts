import { type Observable, retry, throwError, timer } from 'rxjs';
import type { Api } from '../api/api';
import { isTamTamApiError } from '../api/errors/api-error';
import { isTamTamError } from '../api/errors/tamtam-error';
import { backoffDelay } from '../api/retry';
import { getUpdates } from '../actions/updates';
import type { UpdateList, UpdateType } from '../types/index';
import type { ResolvedLongPollingOptions } from './long-polling-options';

/** What one poll asks for. */
export interface PollRequest {
  readonly marker: number | null;
  readonly limit: number;
  readonly timeout: number;
  readonly types: readonly UpdateType[] | undefined;
}

/**
 * True for failures a poll loop must not retry: the request itself is wrong (400, 404, 405)
 * or the bot is not authorized (401, 403). Retrying those forever would hide the problem.
 *
 * @example
 * isFatalPollError(new TamTamApiError({ status: 401, ... })); // true
 */
export function isFatalPollError(error: unknown): boolean {
  if (!isTamTamError(error)) return true; // a bug, not a transient failure
  return isTamTamApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 429;
}

/**
 * One `GET /updates` that keeps retrying transient failures (429, 5xx, network, timeouts,
 * malformed answers) forever with capped exponential backoff, honouring `Retry-After`;
 * fatal ones error at once. Every retry is reported to `onRetry` before the wait. Uses RxJS
 * timers, so it runs in virtual time under `TestScheduler.run`.
 *
 * @example
 * pollWithBackoff(api, { marker, limit: 100, timeout: 30, types: undefined }, options.backoff, report)
 *   .subscribe(({ updates, marker }) => ...);
 */
export function pollWithBackoff(
  api: Api,
  request: PollRequest,
  backoff: ResolvedLongPollingOptions['backoff'],
  onRetry: (attempt: number, delay: number, error: Error) => void,
): Observable<UpdateList> {
  return getUpdates(
    api,
    { marker: request.marker, limit: request.limit, timeout: request.timeout, ...(request.types ? { types: request.types } : {}) },
    { retry: false },
  ).pipe(
    retry({
      delay: (error: unknown, attempt: number) => {
        if (isFatalPollError(error)) return throwError(() => error);
        const retryAfter = isTamTamApiError(error) ? error.retryAfter : undefined;
        const delay = retryAfter !== undefined ? Math.min(retryAfter, backoff.maxRetryAfter) : backoffDelay(backoff, attempt);
        onRetry(attempt, delay, error as Error);
        return timer(delay);
      },
    }),
  );
}
