import type { DialectChoice } from '../api/dialect';
import { resolveDialect } from '../api/dialect';
import { checkPartitions } from './partition';
import type { RedisStreamStatus } from './stream-status';

/**
 * Options of {@link fromRedisStream}. `prefix` and `partitions` must match the ingress's
 * ({@link toRedisStream}); every worker of one bot uses the same `group`.
 *
 * @example
 * fromRedisStream(client, { prefix: 'mybot', group: 'workers', consumer: `worker-${process.pid}`, leaseMs: 10_000 });
 */
export interface FromRedisStreamOptions<C extends DialectChoice = 'tamtam'> {
  /** Namespace of every key, as in the ingress. Default `'tamtam-rx'`. */
  readonly prefix?: string;
  /** How many partition streams, as in the ingress (1–1024). Default `16`. */
  readonly partitions?: number;
  /** The consumer group: the workers sharing the partitions. Default `'workers'`. */
  readonly group?: string;
  /**
   * This worker's name in the group (shown by `XINFO CONSUMERS`). Default a random
   * `worker-…`; a stable name per process makes the group easier to inspect.
   */
  readonly consumer?: string;
  /**
   * How long (ms) a partition's lease lasts unless renewed (every `leaseMs / 4`); after a
   * crash, the partitions of the dead worker are taken over after at most this long. A worker
   * stops taking a partition's updates once a renewal is overdue, before its lease can expire.
   * Default `10_000`; at least `200`.
   */
  readonly leaseMs?: number;
  /** Most entries read from one partition per read. Default `100`. */
  readonly batch?: number;
  /**
   * Most updates being handled at once (emitted, not yet handled) before reading more: bounds
   * memory, and what a crash leaves to replay. Default `1000`.
   */
  readonly maxInFlight?: number;
  /**
   * Longest wait (ms) of one blocking read; a new update is read as soon as it is written.
   * At most `leaseMs / 5` (a lost partition's read must end before its lease expires), and
   * below the client's command timeout (node-redis: 5 s). Default `1_000`.
   */
  readonly block?: number;
  /** How long `stop()` waits for running handlers (ms). Default `30_000`. */
  readonly stopTimeout?: number;
  /**
   * Delete an entry from its stream once it is handled (`XACK` + `XDEL`), so streams stay small.
   * Set `false` when other consumer groups read the same streams (then trim them yourself).
   * Default `true`.
   */
  readonly deleteHandled?: boolean;
  /** The dialect whose update types are known; others go to `unknownUpdates$`. Default `'tamtam'`. */
  readonly dialect?: C;
  /** Hears every status event (the same as `status$`, without subscribing). */
  readonly onStatus?: (status: RedisStreamStatus) => void;
}

/** {@link FromRedisStreamOptions} with defaults applied and checked. */
export interface ResolvedStreamSourceOptions {
  readonly prefix: string;
  readonly partitions: number;
  readonly group: string;
  readonly consumer: string;
  readonly leaseMs: number;
  readonly batch: number;
  readonly maxInFlight: number;
  readonly block: number;
  readonly stopTimeout: number;
  readonly deleteHandled: boolean;
  readonly knownTypes: ReadonlySet<string>;
  readonly onStatus: (status: RedisStreamStatus) => void;
}

/**
 * Applies defaults once and guards against misuse, with messages that say how to fix it.
 *
 * @example
 * const resolved = resolveStreamSourceOptions({ group: 'workers' });
 */
export function resolveStreamSourceOptions<C extends DialectChoice>(
  options: FromRedisStreamOptions<C>,
): ResolvedStreamSourceOptions {
  const text = (name: string, value: string): string => {
    if (typeof value !== 'string' || value === '' || /\s/.test(value))
      throw new TypeError(
        `fromRedisStream: options.${name} must be a non-empty string without spaces, got ${JSON.stringify(value)}`,
      );
    return value;
  };
  const whole = (name: string, value: number, min: number, hint: string): number => {
    if (!Number.isInteger(value) || value < min)
      throw new TypeError(
        `fromRedisStream: options.${name} must be a whole number ≥ ${min} (${hint}), got ${String(value)}`,
      );
    return value;
  };
  if (options.onStatus !== undefined && typeof options.onStatus !== 'function')
    throw new TypeError('fromRedisStream: options.onStatus must be a function (status) => void');
  const leaseMs = whole('leaseMs', options.leaseMs ?? 10_000, 200, 'ms a lease lasts, e.g. 10_000');
  return {
    prefix: text('prefix', options.prefix ?? 'tamtam-rx'),
    partitions: checkPartitions('fromRedisStream', options.partitions ?? 16),
    group: text('group', options.group ?? 'workers'),
    consumer: text('consumer', options.consumer ?? `worker-${Math.random().toString(36).slice(2, 10)}`),
    leaseMs,
    batch: whole('batch', options.batch ?? 100, 1, 'entries per read'),
    maxInFlight: whole('maxInFlight', options.maxInFlight ?? 1000, 1, 'updates handled at once'),
    block: Math.min(whole('block', options.block ?? 1_000, 1, 'ms a read may block'), Math.floor(leaseMs / 5)),
    stopTimeout: whole('stopTimeout', options.stopTimeout ?? 30_000, 0, 'ms stop() waits for handlers'),
    deleteHandled: options.deleteHandled ?? true,
    knownTypes: new Set<string>(resolveDialect(options.dialect ?? 'tamtam').updateTypes),
    onStatus: options.onStatus ?? (() => {}),
  };
}
