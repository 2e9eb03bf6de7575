import type { RateLimitSetting } from './rate-limit/resolve-rate-limit';
import type { RetryOptions } from './retry-options';

/**
 * Where the access token travels. `'query'` (default) sends `access_token=<token>` like the
 * official API documents; `'header'` sends `Authorization: <token>` for gateways that strip
 * or log query strings.
 *
 * @example
 * createApi({ token, tokenIn: 'header' });
 */
export type TokenPlacement = 'query' | 'header';

/**
 * Options of {@link createApi}. Only `token` is required.
 *
 * @example
 * const api = createApi({
 *   token: process.env.TAMTAM_TOKEN!,
 *   timeout: 15_000,
 *   retry: { limit: 6 },
 * });
 */
export interface ApiOptions {
  /** The bot's access token (from @PrimeBot). Required; never appears in errors or logs. */
  readonly token: string;
  /** API root. Default `https://botapi.tamtam.chat`; point it at the emulator in development. */
  readonly baseUrl?: string;
  /** Schema version sent as the `v` query parameter. Default `'0.5.6'`. */
  readonly version?: string;
  /** Per-request timeout in ms, covering the whole exchange: sending, the response headers and the whole body. Default `30_000`. */
  readonly timeout?: number;
  /**
   * Retry policy for every call ({@link RetryOptions}); `false` disables retries. Default: retry
   * 503 up to 4 times and 429 for up to 60 s, honouring `Retry-After`.
   */
  readonly retry?: RetryOptions | false;
  /** A `fetch` implementation to use instead of the global one (proxies, tests). Default `globalThis.fetch`. */
  readonly fetch?: typeof fetch;
  /** Where the token is sent. Default `'query'`. */
  readonly tokenIn?: TokenPlacement;
  /**
   * Keeps the request rate under the API's limit instead of collecting 429s. Every request to
   * the API counts (long polls and retries too; upload URLs do not). A 429 slows it down (the
   * rate halves, then recovers) and a `Retry-After` holds every request until it has passed.
   * - left out (default): ON at the dialect's rate (Max: 30/s; TamTam publishes none, 30/s is
   *   assumed) when `baseUrl` is the dialect's real server; OFF for any other host (the
   *   emulator, a proxy), whose limits are not the API's;
   * - `true`: on with those defaults whatever the host; `false`: off;
   * - `{ perSecond, burst, adaptive, recoverAfter }`: the built-in limiter ({@link tokenBucket}) with these;
   * - a {@link RateLimiter}: your own, e.g. one budget shared by several processes.
   */
  readonly rateLimit?: RateLimitSetting;
  /** Extra headers sent with every request (e.g. a `User-Agent`). Default none. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Per-call overrides, accepted as the last argument of every action.
 *
 * @example
 * getUpdates(api, { timeout: 30 }, { timeout: 45_000, retry: false });
 */
export interface CallOptions {
  /** Overrides the api's retry policy field by field; `false` disables retry for this call. */
  readonly retry?: RetryOptions | false;
  /** Request timeout in ms for this call. */
  readonly timeout?: number;
}
