import type { DialectLimits } from '../dialect';
import { DEFAULT_REQUESTS_PER_SECOND, type RateLimitOptions, type RateLimiter } from './rate-limiter';
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
 * - left out: ON with the dialect's `requestsPerSecond` (or {@link DEFAULT_REQUESTS_PER_SECOND})
 *   when `baseUrl` is the dialect's real server; OFF for any other host (the emulator, a proxy,
 *   a test server), whose limits are not the API's;
 * - `true`: on with those defaults whatever the host; `false`: off;
 * - settings: the built-in limiter with them; a {@link RateLimiter}: that one.
 *
 * Throws a TypeError naming the problem for a value of another kind.
 *
 * @example
 * resolveRateLimit(undefined, { baseUrl: 'http://127.0.0.1:8090', dialectBaseUrl: 'https://botapi.tamtam.chat', limits }); // undefined
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
  if (setting === undefined)
    return sameOrigin(context.baseUrl, context.dialectBaseUrl) ? tokenBucket({ perSecond }) : undefined;
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
