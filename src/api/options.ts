import type { DialectChoice } from './dialect';
import type { RateLimitSetting } from './rate-limit/resolve-rate-limit';
import type { RetryOptions } from './retry-options';

/**
 * Where the access token travels. `'query'` (TamTam's default) sends `access_token=<token>`
 * like the TamTam API documents; `'header'` sends `Authorization: <token>` (raw, no `Bearer`)
 * for gateways that strip or log query strings — and is the only placement Max accepts.
 *
 * @example
 * createApi({ token, tokenIn: 'header' });
 */
export type TokenPlacement = 'query' | 'header';

/**
 * Options of {@link createApi}. Only `token` is required. `C` is the dialect chosen
 * (`ApiOptions` alone: TamTam; `ApiOptions<'max'>`: Max).
 *
 * @example
 * const api = createApi({
 *   token: process.env.TAMTAM_TOKEN!,
 *   timeout: 15_000,
 *   retry: { limit: 6 },
 * });
 */
export interface ApiOptions<C extends DialectChoice = 'tamtam'> {
  /**
   * Which Bot API: `'tamtam'` (default), `'max'`, or a {@link Dialect} value. It sets the
   * defaults below (base URL, version, token placement) and the types of everything the api
   * is passed to: actions the dialect lacks do not compile, sources emit its updates.
   */
  readonly dialect?: C;
  /** The bot's access token (TamTam: from @PrimeBot; Max: from @MasterBot). Required; never appears in errors or logs. */
  readonly token: string;
  /** API root. Default: the dialect's (`https://botapi.tamtam.chat`, `https://platform-api2.max.ru`); point it at the emulator in development. */
  readonly baseUrl?: string;
  /** Schema version sent as the `v` query parameter (`''` sends none). Default: the dialect's (`'0.5.6'` for TamTam, none for Max). */
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
  /** Where the token is sent. Default: the dialect's (TamTam `'query'`, Max `'header'`); Max refuses `'query'`. */
  readonly tokenIn?: TokenPlacement;
  /**
   * Keeps the request rate under the API's limit instead of collecting 429s. Every request to
   * the API counts (long polls and retries too; upload URLs do not). A 429 slows it down (the
   * rate halves, then recovers) and a `Retry-After` holds every request until it has passed.
   * - left out (default): ON at the dialect's rate (Max: 30/s; TamTam publishes none, 30/s is
   *   assumed) when `baseUrl` is the dialect's real server. For any other host (the emulator,
   *   a test server, a proxy), whose limit is unknown, on STANDBY: no request waits until the
   *   host first answers 429 without `Retry-After` (one with it is retried after the pause it
   *   names), then every request is paced at that rate. A host without a limit
   *   is never slowed down; one with a limit (the Max-dialect emulator, a proxy to the real
   *   API) costs one burst of 429s, which the retry policy sends again;
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
