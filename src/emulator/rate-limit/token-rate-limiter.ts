/**
 * Counts the requests of each bot token against the emulated rate limit.
 */
import type { ResolvedEmulatorRateLimit } from './rate-limit-options';

/** One token's bucket: tokens left at time `at`. */
interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per bot token: `perSecond` requests may arrive at once, refilled at
 * `perSecond` a second; a request that finds the bucket empty is refused (and takes nothing).
 *
 * @example
 * const limiter = new TokenRateLimiter({ perSecond: 30, style: 'max', retryAfterSeconds: undefined });
 * limiter.take('token', Date.now()); // true while under the limit
 */
export class TokenRateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  #refused = 0;

  constructor(readonly rule: ResolvedEmulatorRateLimit) {}

  /** True when a request of `token` arriving at `now` (ms) is within the limit, and counts it. */
  take(token: string, now: number): boolean {
    const { perSecond } = this.rule;
    const bucket = this.#buckets.get(token) ?? { tokens: perSecond, at: now };
    bucket.tokens = Math.min(perSecond, bucket.tokens + (Math.max(0, now - bucket.at) * perSecond) / 1000);
    bucket.at = Math.max(bucket.at, now);
    this.#buckets.set(token, bucket);
    if (bucket.tokens < 1) {
      this.#refused++;
      return false;
    }
    bucket.tokens -= 1;
    return true;
  }

  /** Requests refused with 429 so far. */
  get refused(): number {
    return this.#refused;
  }
}
