/**
 * Settings of webhook delivery.
 */

/**
 * How the emulator delivers updates to webhook subscriptions. Delays grow exponentially from
 * `retryDelayMs` up to `maxRetryDelayMs`, all multiplied by `timeScale` (use e.g. `0.001` in
 * tests so a 30 s wait takes 30 ms).
 *
 * @example
 * startEmulator({ webhook: { timeScale: 0.001, maxAttempts: 3 } });
 */
export interface WebhookOptions {
  /** Wait before the first retry, ms. Default 30 000 (the real server retries after 30–60 s). */
  retryDelayMs?: number;
  /** Cap of the retry wait, ms. Default 60 000. */
  maxRetryDelayMs?: number;
  /** Attempts per update (first try included) before giving up on it. Default 10. */
  maxAttempts?: number;
  /** Multiplier for every retry delay. Default 1. */
  timeScale?: number;
  /** Abort a delivery request that takes longer than this, ms (not scaled). Default 10 000. */
  requestTimeoutMs?: number;
}

/**
 * One delivery attempt of one update to one webhook.
 *
 * @example
 * emulator.inspect.webhookDeliveries().filter((d) => !d.ok).length;
 */
export interface WebhookDelivery {
  url: string;
  updateType: string;
  /** The update as sent. */
  update: unknown;
  /** 1 for the first try. */
  attempt: number;
  /** HTTP status answered, or `null` when the request failed (refused, timeout). */
  status: number | null;
  /** `true` only for status 200. */
  ok: boolean;
  /** Why it failed, when it did. */
  error?: string;
  /** `true` on the last failed attempt, after which the update is dropped. */
  gaveUp: boolean;
  /** When the attempt started, ms since epoch. */
  at: number;
  durationMs: number;
}

/**
 * {@link WebhookOptions} with defaults applied.
 *
 * @example
 * resolveWebhookOptions({ timeScale: 0.01 }).maxAttempts; // 10
 */
export function resolveWebhookOptions(options: WebhookOptions = {}): Required<WebhookOptions> {
  const resolved = {
    retryDelayMs: options.retryDelayMs ?? 30_000,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
    maxAttempts: options.maxAttempts ?? 10,
    timeScale: options.timeScale ?? 1,
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
  };
  for (const [key, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`webhook.${key} must be a non-negative number`);
  }
  if (resolved.maxAttempts < 1 || !Number.isInteger(resolved.maxAttempts)) {
    throw new RangeError('webhook.maxAttempts must be an integer ≥ 1');
  }
  return resolved;
}
