/**
 * Settings of webhook delivery.
 */
import { TAMTAM_EMULATOR_DIALECT, type WebhookSchedule } from '../dialect';

/**
 * How the emulator delivers updates to webhook subscriptions. Delays grow from `retryDelayMs`
 * by `backoffFactor` up to `maxRetryDelayMs`, all multiplied by `timeScale` (use e.g. `0.001` in
 * tests so a 30 s wait takes 30 ms). Defaults follow the dialect: TamTam retries after 30 s,
 * then every 60 s, 10 attempts in all; Max after 60 s, 150 s, 375 s, … (×2.5), up to 10
 * retries, and removes a subscription whose deliveries have failed for 8 hours.
 *
 * @example
 * startEmulator({ webhook: { timeScale: 0.001, maxAttempts: 3 } });
 */
export interface WebhookOptions {
  /** Wait before the first retry, ms. Default 30 000 (TamTam), 60 000 (Max). */
  retryDelayMs?: number;
  /** Growth of the wait from one retry to the next. Default 2 (TamTam), 2.5 (Max). */
  backoffFactor?: number;
  /** Cap of the retry wait, ms. Default 60 000 (TamTam), none (Max). */
  maxRetryDelayMs?: number;
  /** Attempts per update (first try included) before giving up on it. Default 10 (TamTam), 11 (Max: 10 retries). */
  maxAttempts?: number;
  /**
   * Remove a subscription once its deliveries have failed without a success for this long, ms
   * (scaled by `timeScale`). Default none (TamTam), 8 hours (Max).
   */
  unsubscribeAfterMs?: number;
  /** Multiplier for every retry delay. Default 1. */
  timeScale?: number;
  /** Abort a delivery request that takes longer than this, ms (not scaled). Default 10 000 (TamTam), 30 000 (Max). */
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
  /** Present (`true`) when this failure ended the subscription (Max: 8 hours of failures). */
  unsubscribed?: true;
  /** When the attempt started, ms since epoch. */
  at: number;
  durationMs: number;
}

/**
 * {@link WebhookOptions} with defaults applied (`unsubscribeAfterMs: Infinity` = never).
 *
 * @example
 * resolveWebhookOptions({ timeScale: 0.01 }).maxAttempts; // 10
 * resolveWebhookOptions({}, MAX_EMULATOR_DIALECT.webhookSchedule).retryDelayMs; // 60000
 */
export function resolveWebhookOptions(
  options: WebhookOptions = {},
  schedule: WebhookSchedule = TAMTAM_EMULATOR_DIALECT.webhookSchedule,
): Required<WebhookOptions> {
  const resolved = {
    retryDelayMs: options.retryDelayMs ?? schedule.firstDelayMs,
    backoffFactor: options.backoffFactor ?? schedule.factor,
    maxRetryDelayMs: options.maxRetryDelayMs ?? schedule.maxDelayMs,
    maxAttempts: options.maxAttempts ?? schedule.maxRetries + 1,
    unsubscribeAfterMs: options.unsubscribeAfterMs ?? schedule.unsubscribeAfterMs ?? Number.POSITIVE_INFINITY,
    timeScale: options.timeScale ?? 1,
    requestTimeoutMs: options.requestTimeoutMs ?? schedule.answerWithinMs,
  };
  const unbounded = new Set(['maxRetryDelayMs', 'unsubscribeAfterMs']);
  for (const [key, value] of Object.entries(resolved)) {
    const finiteOrAllowed = Number.isFinite(value) || (unbounded.has(key) && value === Number.POSITIVE_INFINITY);
    if (!finiteOrAllowed || Number.isNaN(value) || value < 0)
      throw new RangeError(`webhook.${key} must be a non-negative number`);
  }
  if (resolved.backoffFactor < 1) throw new RangeError('webhook.backoffFactor must be at least 1');
  if (resolved.maxAttempts < 1 || !Number.isInteger(resolved.maxAttempts)) {
    throw new RangeError('webhook.maxAttempts must be an integer ≥ 1');
  }
  return resolved;
}
