import type { DialectLimits } from '../dialect';
import { DEFAULT_REQUESTS_PER_SECOND, type RateLimitOptions, type RateLimiter } from './rate-limiter';
import { onFirst429 } from './on-first-429';
import { tokenBucket } from './token-bucket';
import { withoutUndefined } from '../without-undefined';

/**
 * The `rateLimit` option of `createApi`: `true` / `false`, settings of the built-in limiter, or
 * any {@link RateLimiter} (e.g. one shared across processes).
 *
 * @example
 * const setting: RateLimitSetting = { perSecond: 20 };
 */
export type RateLimitSetting = boolean | RateLimitOptions | RateLimiter;

/**
 * True when `value` is a {@link RateLimiter} rather than settings.
 *
 * @example
 * isRateLimiter(tokenBucket()); // true
 * isRateLimiter({ perSecond: 5 }); // false
 */
export function isRateLimiter(value: unknown): value is RateLimiter {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RateLimiter).acquire === 'function' &&
    typeof (value as RateLimiter).throttled === 'function'
  );
}

/**
 * Decides the limiter of an api once, at `createApi`:
 * - left out, `baseUrl` the dialect's real server: ON, a token bucket at the dialect's
 *   `requestsPerSecond` (or {@link DEFAULT_REQUESTS_PER_SECOND}) — every request paced from the
 *   first, so the real API never answers 429 to a burst;
 * - left out, any other host (the emulator, a test server, a proxy): on STANDBY
 *   ({@link onFirst429}) — nothing is paced until the host first answers 429 without
 *   `Retry-After` (a 429 with it is retried after the named pause), then the same
 *   bucket paces every request. Its limit is not known: a host without one (a test server, the
 *   emulator with its rate limit off) is never slowed down, one with a limit (the emulator in
 *   the Max dialect, a proxy to the real API) costs one burst of 429s, sent again by the retry
 *   policy;
 * - `true`: on at those defaults whatever the host; `false`: off;
 * - settings: the built-in limiter with them; a {@link RateLimiter}: that one.
 *
 * Throws a TypeError naming the problem for a value of another kind.
 *
 * @example
 * resolveRateLimit(undefined, { baseUrl: 'http://127.0.0.1:8090', dialectBaseUrl: 'https://botapi.tamtam.chat', limits }); // on standby
 */
export function resolveRateLimit(
  setting: RateLimitSetting | undefined,
  context: {
    readonly baseUrl: string;
    readonly dialectBaseUrl: string;
    readonly limits: Pick<DialectLimits, 'requestsPerSecond'>;
  },
): RateLimiter | undefined {
  const perSecond = context.limits.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND;
  if (setting === undefined) {
    const bucket = tokenBucket({ perSecond });
    return sameOrigin(context.baseUrl, context.dialectBaseUrl) ? bucket : onFirst429(bucket);
  }
  if (setting === false) return undefined;
  if (setting === true) return tokenBucket({ perSecond });
  if (isRateLimiter(setting)) return setting;
  if (typeof setting === 'object' && setting !== null) return tokenBucket({ perSecond, ...withoutUndefined(setting) });
  throw new TypeError(
    `createApi: rateLimit must be true, false, { perSecond, burst } or a RateLimiter ({ acquire, throttled }), got ${String(setting)}`,
  );
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}
