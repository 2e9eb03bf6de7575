import type { Observable } from 'rxjs';

/**
 * What a {@link RateLimiter} is told when the server answered 429 despite it.
 *
 * @example
 * limiter.throttled({ retryAfter: undefined }); // Max: 429 without Retry-After
 */
export interface ThrottleInfo {
  /** Milliseconds the server asked to wait (`Retry-After`), `undefined` when it named none. */
  readonly retryAfter: number | undefined;
}

/**
 * What `createApi` says about the request asking for a slot.
 *
 * @example
 * limiter.acquire({ operation: 'getUpdates', priority: true });
 */
export interface AcquireRequest {
  /** The operation about to be called (schema operationId). */
  readonly operation: string;
  /**
   * Serve before waiting requests without it. Set for long polls: a poll feeds every other
   * request, so a poll queued behind the sends of the last batch would leave the budget unused
   * while it travels. A limiter may ignore it.
   */
  readonly priority?: boolean;
}

/**
 * Keeps the request rate of an api under the server's limit. `createApi` asks it for a slot
 * before every HTTP attempt (retries and long polls included) and tells it about every 429.
 * Implement it to share one budget between processes (e.g. on Redis); {@link tokenBucket} is
 * the in-process one.
 *
 * Contract: `acquire()` is cold; it emits once (then completes) when one request may start and
 * takes its slot at that moment. Unsubscribing before it emitted takes nothing and leaves
 * nothing behind (no slot, no timer, no queue entry).
 *
 * @example
 * const shared: RateLimiter = {
 *   acquire: () => from(redisLimiter.removeTokens(1)).pipe(map(() => undefined)),
 *   throttled: () => redisLimiter.penalize(),
 * };
 * const api = createApi({ token, rateLimit: shared });
 */
export interface RateLimiter {
  /** Emits once when a request may start; unsubscribing while waiting gives up the place in line. */
  acquire(request?: AcquireRequest): Observable<void>;
  /** The server answered 429: slow down (and honour `retryAfter` when given). */
  throttled(info: ThrottleInfo): void;
}

/**
 * Settings of the built-in limiter ({@link tokenBucket}). Every field is optional.
 *
 * @example
 * createApi({ token, rateLimit: { perSecond: 20, burst: 5 } });
 */
export interface RateLimitOptions {
  /**
   * Requests per second to stay under. Default: the dialect's `limits.requestsPerSecond`
   * (Max: 30), or 30 for TamTam, which publishes no number (see {@link DEFAULT_REQUESTS_PER_SECOND}).
   */
  readonly perSecond?: number;
  /**
   * Requests that may start at once after a quiet spell (the bucket's size). Default `1`:
   * requests are spaced evenly, `1000 / perSecond` ms apart, which every kind of server-side
   * counter (sliding window, fixed window, token bucket) accepts even with some network jitter.
   */
  readonly burst?: number;
  /**
   * Adapt to 429s: a 429 halves the rate (once a second at most: the 429s of requests already
   * in flight are one event), down to `perSecond / 16`; each `recoverAfter` ms without a 429
   * doubles it back, up to `perSecond`. A `Retry-After` pauses every request until it has
   * passed, adaptive or not. Default `true`.
   */
  readonly adaptive?: boolean;
  /** Quiet time in ms after which a halved rate doubles back. Default `5_000`. */
  readonly recoverAfter?: number;
}

/**
 * The request rate assumed when a dialect publishes none (TamTam): 30 requests per second,
 * the limit Max (TamTam's successor on the same platform) documents. TamTam answers 429 when a
 * bot goes too fast but names no number, so the known limit of its sibling is the safe guess.
 *
 * @example
 * DEFAULT_REQUESTS_PER_SECOND; // 30
 */
export const DEFAULT_REQUESTS_PER_SECOND = 30;
