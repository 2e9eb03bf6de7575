import type { UpdateLike } from '../operators/update-like';
import { chatKey } from '../operators/per-chat';
import { checkPartitions } from './partition';
import { canonicalIdentity } from './update-identity';

/**
 * Options of {@link toRedisStream}. `prefix` and `partitions` must be the same in the ingress
 * and in every worker ({@link fromRedisStream}).
 *
 * @example
 * updates$.pipe(toRedisStream(client, { prefix: 'mybot', partitions: 16, dedupeWindow: 6 * 3_600_000 }));
 */
export interface ToRedisStreamOptions<U> {
  /** Namespace of every key written (`<prefix>:stream:<n>`, `<prefix>:seen:<id>`). Default `'tamtam-rx'`. */
  readonly prefix?: string;
  /** How many partition streams (1–1024). More lets more workers share the load. Default `16`. */
  readonly partitions?: number;
  /**
   * How long (ms) an update's identity is remembered, so that the same update delivered again
   * (an ingress restarted after a crash, a webhook retry) is not written twice. Cover the
   * longest redelivery of your source: a webhook server retries for hours. Each remembered
   * update costs about 120 bytes of Redis memory. Default 24 h.
   */
  readonly dedupeWindow?: number;
  /**
   * Which updates must stay in order: updates with one key go to one partition. Must match the
   * `key` of the workers' `perChat`. Default `chatKey` (the chat, else the user).
   */
  readonly key?: (update: U) => string;
  /**
   * The identity of an update, equal for the same update delivered twice and different for
   * two updates. Default: a SHA-1 of the update's JSON with sorted keys.
   */
  readonly identity?: (update: U) => string;
}

/** {@link ToRedisStreamOptions} with defaults applied and checked. */
export interface ResolvedIngressOptions<U> {
  readonly prefix: string;
  readonly partitions: number;
  readonly dedupeWindow: number;
  readonly key: (update: U) => string;
  readonly identity: (update: U) => string;
}

const DAY = 86_400_000;

/**
 * Applies defaults once and guards against misuse, with messages that say how to fix it.
 *
 * @example
 * const resolved = resolveIngressOptions({ partitions: 8 });
 */
export function resolveIngressOptions<U extends UpdateLike>(
  options: ToRedisStreamOptions<U>,
): ResolvedIngressOptions<U> {
  const prefix = options.prefix ?? 'tamtam-rx';
  if (typeof prefix !== 'string' || prefix === '')
    throw new TypeError("toRedisStream: options.prefix must be a non-empty string, e.g. 'mybot'");
  const dedupeWindow = options.dedupeWindow ?? DAY;
  if (!Number.isInteger(dedupeWindow) || dedupeWindow < 1)
    throw new TypeError(
      `toRedisStream: options.dedupeWindow must be a whole number of ms ≥ 1 (e.g. 3_600_000 for an hour), got ${String(dedupeWindow)}`,
    );
  if (options.key !== undefined && typeof options.key !== 'function')
    throw new TypeError('toRedisStream: options.key must be a function (update) => string, like perChat’s key');
  if (options.identity !== undefined && typeof options.identity !== 'function')
    throw new TypeError('toRedisStream: options.identity must be a function (update) => string');
  return {
    prefix,
    partitions: checkPartitions('toRedisStream', options.partitions ?? 16),
    dedupeWindow,
    key: options.key ?? chatKey,
    identity: options.identity ?? canonicalIdentity,
  };
}
