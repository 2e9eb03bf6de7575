import { TamTamApiError } from './api-error';

/**
 * A call gave up on 429 answers: the server kept saying "too many requests" for longer than
 * the retry policy's `maxRetryTime` (or asked, with `Retry-After`, to wait beyond it). The send
 * did not happen; nothing is dropped silently. Extends {@link TamTamApiError} (status 429, the
 * last answer's `code` and `retryAfter`), adding how long and how often it tried.
 *
 * @example
 * sendMessage(api, { chat_id }, { text }).subscribe({
 *   error: (e) => {
 *     if (isTamTamRateLimitError(e)) log.error(`gave up after ${e.attempts} attempts in ${e.elapsed} ms`);
 *   },
 * });
 */
export class TamTamRateLimitError extends TamTamApiError {
  override name = 'TamTamRateLimitError';
  /** Requests made, the first one included. */
  readonly attempts: number;
  /** Milliseconds from the first attempt to giving up. */
  readonly elapsed: number;

  constructor(last: TamTamApiError, details: { attempts: number; elapsed: number }) {
    super({
      status: last.status,
      code: last.code,
      description: `${last.description} — gave up after ${details.attempts} attempts in ${Math.round(details.elapsed)} ms of 429 answers (retry.maxRetryTime)`,
      operation: last.operation,
      method: last.method,
      path: last.path,
      retryAfter: last.retryAfter,
    });
    this.attempts = details.attempts;
    this.elapsed = details.elapsed;
  }
}

/**
 * True when `error` is a call that gave up on 429 answers ({@link TamTamRateLimitError}).
 *
 * @example
 * if (isTamTamRateLimitError(err)) queueForLater(message);
 */
export function isTamTamRateLimitError(error: unknown): error is TamTamRateLimitError {
  return error instanceof TamTamRateLimitError;
}
