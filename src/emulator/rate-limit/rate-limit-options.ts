/**
 * The emulator's enforcement of a Bot API's request rate, per dialect: how many requests a
 * bot token may make and what a request beyond that gets.
 */

/**
 * How a 429 looks in each dialect: TamTam sends `Retry-After`; Max (30 requests/s per bot)
 * sends none.
 *
 * @example
 * const style: RateLimitStyle = 'max';
 */
export type RateLimitStyle = 'tamtam' | 'max';

/**
 * Settings of the emulated rate limit. Every field is optional.
 *
 * @example
 * startEmulator({ rateLimit: { perSecond: 30, style: 'max' } });
 */
export interface EmulatorRateLimit {
  /**
   * Requests per second per bot token: a token bucket of `perSecond` requests (that many may
   * arrive at once) refilled at `perSecond` a second. Requests answered 429 take nothing.
   * Default `30` (Max's documented limit).
   */
  perSecond?: number;
  /** The dialect whose 429 to answer with. Default: the emulator's dialect (`'tamtam'`). */
  style?: RateLimitStyle;
  /** `Retry-After` of a TamTam-style 429, in whole seconds (`'max'` sends none). Default `1`. */
  retryAfterSeconds?: number;
}

/**
 * The `rateLimit` option of `startEmulator`: `false` (off), `true` (on, the dialect's rule),
 * a dialect name (its rule) or settings. Default: on for the Max dialect, off for TamTam
 * (which publishes no limit).
 *
 * @example
 * startEmulator({ rateLimit: 'max' }); // 30 requests/s, 429 without Retry-After
 */
export type EmulatorRateLimitSetting = boolean | RateLimitStyle | EmulatorRateLimit;

/** The emulated rate limit with defaults applied. */
export interface ResolvedEmulatorRateLimit {
  readonly perSecond: number;
  readonly style: RateLimitStyle;
  /** `undefined` in the Max style: no `Retry-After` header. */
  readonly retryAfterSeconds: number | undefined;
}

/** Max's documented limit, used for both dialects (TamTam publishes none). */
const DEFAULT_PER_SECOND = 30;

/**
 * Applies the defaults of {@link EmulatorRateLimitSetting} for the emulator's `dialect`; `null`
 * means off. Throws a `RangeError` naming a bad value.
 *
 * @example
 * resolveEmulatorRateLimit(undefined, 'max'); // { perSecond: 30, style: 'max', retryAfterSeconds: undefined }
 * resolveEmulatorRateLimit(undefined, 'tamtam'); // null
 */
export function resolveEmulatorRateLimit(
  setting: EmulatorRateLimitSetting | undefined,
  dialect: RateLimitStyle = 'tamtam',
): ResolvedEmulatorRateLimit | null {
  if (setting === undefined) setting = dialect === 'max';
  if (setting === false) return null;
  const options: EmulatorRateLimit =
    setting === true
      ? {}
      : typeof setting === 'string'
        ? { style: setting }
        : typeof setting === 'object' && setting !== null
          ? setting
          : invalid(setting);
  const style = options.style ?? dialect;
  if (style !== 'tamtam' && style !== 'max')
    throw new RangeError(`Emulator option rateLimit.style must be 'tamtam' or 'max', got ${JSON.stringify(style)}`);
  const perSecond = options.perSecond ?? DEFAULT_PER_SECOND;
  if (typeof perSecond !== 'number' || !Number.isFinite(perSecond) || perSecond <= 0) {
    throw new RangeError(`Emulator option rateLimit.perSecond must be a positive number, got ${String(perSecond)}`);
  }
  const retryAfter = options.retryAfterSeconds ?? 1;
  if (!Number.isInteger(retryAfter) || retryAfter < 0) {
    throw new RangeError(
      `Emulator option rateLimit.retryAfterSeconds must be a non-negative integer, got ${String(retryAfter)}`,
    );
  }
  return { perSecond, style, retryAfterSeconds: style === 'max' ? undefined : retryAfter };
}

function invalid(setting: unknown): never {
  throw new RangeError(
    `Emulator option rateLimit must be true, false, 'tamtam', 'max' or { perSecond, style, retryAfterSeconds }, got ${String(setting)}`,
  );
}
