import type { HttpMethod } from './operation-table';
import { isNeverRetried } from './retry';
import { withoutUndefined } from './without-undefined';

/**
 * What a retry observer is told before each retry.
 *
 * @example
 * createApi({ token, retry: { onRetry: (r) => console.warn(`retry #${r.attempt} in ${r.delay} ms`, r.error.message) } });
 */
export interface RetryInfo {
  /** 1 for the first retry, 2 for the second... */
  readonly attempt: number;
  /** Milliseconds until the retry. */
  readonly delay: number;
  /** The failure being retried. */
  readonly error: Error;
  /** The operation that failed. */
  readonly operation: string;
}

/**
 * How failed calls are retried. Every field is optional; defaults are listed per field.
 * Retries happen in RxJS (`retry` with a delay), never inside ky, so they are cancellable
 * and testable in virtual time. The rule (in `retry.ts`): 429 and 503 are retried, network
 * errors and timeouts only for GET, `Retry-After` is honoured, and 400, 401, 403 and 404 are
 * never retried. 429s are retried for up to `maxRetryTime` (60 s), the rest up to `limit` (4) times.
 *
 * @example
 * createApi({ token, retry: { limit: 8, backoffLimit: 10_000 } });
 * getChats(api, {}, { retry: false }); // this call is not retried at all
 */
export interface RetryOptions {
  /**
   * Maximum number of retries after the first attempt, for every failure but 429; `Infinity`
   * retries forever (long polling); `0` turns every retry off, 429 included. Default `4`.
   */
  readonly limit?: number;
  /**
   * How long 429 answers are retried, in ms from the first attempt: 429s are bounded by time,
   * not by `limit`, so a burst the server throttles is sent late rather than lost. The waits
   * follow `Retry-After` (a demand beyond what is left gives up at once) or the backoff (the last
   * wait is cut to what is left). Then the call fails with a `TamTamRateLimitError`. `Infinity`
   * never gives up. Default `60_000`.
   */
  readonly maxRetryTime?: number;
  /** HTTP statuses that are retried. Default `[429, 503]`. */
  readonly statusCodes?: readonly number[];
  /** API error `code`s retried whatever the status (e.g. `attachment.not.ready`). Default `[]`. */
  readonly errorCodes?: readonly string[];
  /** Methods whose network errors and timeouts are retried (they must be idempotent). Default `['GET']`. */
  readonly networkErrorMethods?: readonly HttpMethod[];
  /**
   * Methods whose unreadable 2xx answers (truncated, not JSON) are retried; often a proxy's
   * page, which asking again does not fix, hence none by default. Default `[]` (long polling: `['GET']`).
   */
  readonly unreadableAnswerMethods?: readonly HttpMethod[];
  /** First backoff delay in ms when the server gives no `Retry-After`. Default `500`. */
  readonly initialDelay?: number;
  /** Backoff growth factor per retry. Default `2`. */
  readonly factor?: number;
  /** Upper bound of a backoff delay in ms. Default `30_000`. */
  readonly backoffLimit?: number;
  /**
   * Jitter as a fraction of the delay: the delay is drawn from `[d·(1-jitter), d]`. Default `0.25`;
   * `0` makes delays exact.
   */
  readonly jitter?: number;
  /**
   * Largest `Retry-After` (ms) honoured; a longer demand fails at once instead of waiting
   * (with `limit: Infinity`: waits this long and asks again). Default `120_000`.
   */
  readonly maxRetryAfter?: number;
  /** Random source in `[0, 1)` for jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Called before every retry: log it, count it. Default: nothing. */
  readonly onRetry?: (info: RetryInfo) => void;
}

/** Retry options with every default applied. */
export type ResolvedRetryOptions = Required<RetryOptions>;

/**
 * The defaults of {@link RetryOptions}.
 *
 * @example
 * DEFAULT_RETRY.limit; // 4
 */
export const DEFAULT_RETRY: ResolvedRetryOptions = /* @__PURE__ */ Object.freeze<ResolvedRetryOptions>({
  limit: 4,
  maxRetryTime: 60_000,
  statusCodes: [429, 503],
  errorCodes: [],
  networkErrorMethods: ['GET'],
  unreadableAnswerMethods: [],
  initialDelay: 500,
  factor: 2,
  backoffLimit: 30_000,
  jitter: 0.25,
  maxRetryAfter: 120_000,
  random: Math.random,
  onRetry: () => {},
});

/**
 * Layers retry settings: later layers win field by field; `false` in any layer disables retry.
 * `errorCodes` of all layers add up (an operation's own codes survive a per-call override).
 * Throws a TypeError naming the field when a value is out of range.
 *
 * @example
 * resolveRetry(DEFAULT_RETRY, apiOptions.retry, callOptions.retry);
 */
export function resolveRetry(...layers: readonly (RetryOptions | false | undefined)[]): ResolvedRetryOptions | false {
  if (layers.includes(false)) return false; // before any merging: a poll asks for this on every request
  let merged: ResolvedRetryOptions = DEFAULT_RETRY;
  const errorCodes = new Set<string>();
  for (const layer of layers) {
    if (layer === undefined || layer === false) continue;
    merged = { ...merged, ...withoutUndefined(layer) };
    for (const code of layer.errorCodes ?? []) errorCodes.add(code);
  }
  merged = { ...merged, errorCodes: [...errorCodes] };
  validateRetry(merged);
  return merged;
}

function validateRetry(options: ResolvedRetryOptions): void {
  const nonNegative = ['limit', 'maxRetryTime', 'initialDelay', 'backoffLimit', 'maxRetryAfter'] as const;
  for (const key of nonNegative) {
    const value = options[key];
    if (!(Number.isFinite(value) || value === Infinity) || value < 0) {
      throw new TypeError(`retry.${key} must be a non-negative number, got ${String(value)}`);
    }
  }
  if (!Number.isInteger(options.limit) && options.limit !== Infinity) {
    throw new TypeError(`retry.limit must be a whole number of retries (or Infinity), got ${options.limit}`);
  }
  if (!(options.factor >= 1)) {
    throw new TypeError(`retry.factor must be >= 1, got ${String(options.factor)}`);
  }
  if (!(options.jitter >= 0 && options.jitter <= 1)) {
    throw new TypeError(`retry.jitter must be between 0 and 1, got ${String(options.jitter)}`);
  }
  const forbidden = options.statusCodes.filter(isNeverRetried);
  if (forbidden.length > 0) {
    throw new TypeError(
      `retry.statusCodes must not contain ${forbidden.join(', ')}: a request the server rejected as wrong or unauthorized fails the same way again`,
    );
  }
}
