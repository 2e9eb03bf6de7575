import type { RetryOptions } from '../api/retry-options';
import { withoutUndefined } from '../api/without-undefined';
import type { UnknownUpdate, UpdateType } from '../types/index';
import type { MarkerStore } from './marker-store';
import { memoryMarkerStore } from './marker-store';
import { warnOncePerType } from './warn-unknown-update';
import type { PollingStatus } from './polling-status';

/**
 * Options of `fromLongPolling`. Every field is optional; defaults are listed per field.
 *
 * @example
 * fromLongPolling(api, {
 *   types: ['message_created', 'message_callback'],
 *   store: fileMarkerStore('./polling.json'),
 *   onStatus: (s) => s.type === 'retry' && console.warn(s.error.message),
 * });
 */
export interface LongPollingOptions<K extends string = UpdateType> {
  /** Update types to receive (the api's dialect's names). Default: all. */
  readonly types?: readonly K[];
  /**
   * Most updates per poll, 1–1000. Default `150`: with `maxPending` it keeps the next batch
   * arriving while the last is handled, so a bot is not idle for a round trip between batches,
   * and a bot answering over 100 ms of latency is not capped by the poll rate (bench/echo.ts at
   * 100 ms: 1.9× the peer's rate with 100 per poll, 2.4× with 150; 200 gained nothing more and
   * cost at 20 ms). The servers' own default is 100.
   */
  readonly limit?: number;
  /** Seconds the server holds an idle poll, 0–90. Default `30`. The HTTP timeout is set above it. */
  readonly timeout?: number;
  /**
   * Where the marker and not-yet-handled updates are kept. Default: in memory. The source sends
   * the stored marker with every poll. On Max use a persistent store (`fileMarkerStore`, the
   * Redis one): without a marker Max answers only the latest update, so a start without a stored
   * marker — the first start, or any restart with the in-memory store — sees only the latest
   * update, not everything that arrived while the bot was down.
   */
  readonly store?: MarkerStore;
  /**
   * Most fetched-but-unhandled updates: the loop fetches the next batch only while
   * `pending + limit ≤ maxPending`. This bounds memory, the updates a crash can deliver
   * twice, and — with `perChat`, which runs every busy chat at once — the requests in flight.
   * At least `limit`. Default `5 × limit` (750): with `perChat` that many chats can be
   * answered at once, so a bot answering over 100 ms of latency is bound by how fast polls
   * bring updates, not by the round trips of its replies (bench/echo.ts at 100 ms: 1.1× the
   * peer's rate at 2 × limit, 1.9× at 5 ×, no further gain at 10 ×). Against
   * the real API the limiter paces the sends (Max: 30 requests/s), and 750 is ~25 s of them:
   * the limiter's wait is not part of a request's deadline, so none expires queued. A crash
   * delivers at most this many again (flagged by `isRedelivery`).
   */
  readonly maxPending?: number;
  /**
   * Backoff after a failed poll: 429/5xx, network errors, timeouts, malformed answers are
   * retried forever with these delays (`limit` is ignored); 400/401/403/404 end the stream.
   * Default: `{ initialDelay: 1000, factor: 2, backoffLimit: 30_000, jitter: 0.25 }`.
   */
  readonly backoff?: Omit<
    RetryOptions,
    | 'limit'
    | 'maxRetryTime'
    | 'statusCodes'
    | 'errorCodes'
    | 'networkErrorMethods'
    | 'unreadableAnswerMethods'
    | 'onRetry'
  >;
  /** Stops the source gracefully when aborted (like calling `stop()`). */
  readonly signal?: AbortSignal;
  /**
   * Longest time `stop()` waits for running handlers, in ms. Updates whose handling has not
   * finished by then stay in the store and are delivered again (flagged) on the next start.
   * Default `30_000`.
   */
  readonly stopTimeout?: number;
  /** Called with every status event (retries, batches, unknown updates...), like `status$`. */
  readonly onStatus?: (status: PollingStatus) => void;
  /**
   * Called for each update of a type this version does not know (also emitted on
   * `unknownUpdates$` and `status$`). Default: a console warning once per type. Such updates
   * are never emitted disguised as known ones.
   */
  readonly onUnknownUpdate?: (update: UnknownUpdate) => void;
  /**
   * What to do when a webhook subscription exists at start (long polling then gets nothing):
   * `false` (default) fails with an error naming the URL; `true` removes the subscriptions.
   */
  readonly deleteWebhook?: boolean;
}

/** Options with defaults applied and values checked. */
export interface ResolvedLongPollingOptions {
  readonly types: readonly string[] | undefined;
  readonly limit: number;
  readonly timeout: number;
  readonly store: MarkerStore;
  readonly maxPending: number;
  readonly backoff: Required<NonNullable<LongPollingOptions['backoff']>>;
  readonly signal: AbortSignal | undefined;
  readonly stopTimeout: number;
  readonly onStatus: (status: PollingStatus) => void;
  readonly onUnknownUpdate: (update: UnknownUpdate) => void;
  readonly deleteWebhook: boolean;
}

/**
 * Applies defaults once and checks every value, throwing a TypeError that names the option.
 *
 * @example
 * resolveLongPollingOptions({ limit: 500 }).maxPending; // 2500
 */
export function resolveLongPollingOptions(options: LongPollingOptions<string>): ResolvedLongPollingOptions {
  const limit = integerIn('limit', options.limit ?? 150, 1, 1000);
  const timeout = integerIn('timeout', options.timeout ?? 30, 0, 90);
  const maxPending = integerIn('maxPending', options.maxPending ?? 5 * limit, limit, Number.MAX_SAFE_INTEGER);
  if (options.types !== undefined && (!Array.isArray(options.types) || options.types.length === 0)) {
    throw new TypeError('fromLongPolling: types must be a non-empty array of update types, or left out for all');
  }
  return {
    types: options.types,
    limit,
    timeout,
    store: options.store ?? memoryMarkerStore(),
    maxPending,
    backoff: {
      initialDelay: 1000,
      factor: 2,
      backoffLimit: 30_000,
      jitter: 0.25,
      maxRetryAfter: Infinity,
      random: Math.random,
      ...withoutUndefined(options.backoff ?? {}),
    },
    signal: options.signal,
    stopTimeout: integerIn('stopTimeout', options.stopTimeout ?? 30_000, 0, 2_147_483_647),
    onStatus: options.onStatus ?? (() => {}),
    onUnknownUpdate: options.onUnknownUpdate ?? warnOncePerType('long polling', 'It was reported on status$.'),
    deleteWebhook: options.deleteWebhook ?? false,
  };
}

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`fromLongPolling: ${name} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}
