import type { UnknownUpdate } from '../types/index';

/**
 * What a {@link fromRedisStream} worker is doing, on its `status$`:
 * - `started`: a subscription began (`consumer` is this worker's name in the group);
 * - `acquired`: it took a partition's lease; `replayed`: it replayed `count` entries the
 *   previous owner had left unacknowledged (flagged with `isRedelivery`);
 * - `released`: it handed a partition over (`rebalance`: another worker joined; `stop`);
 * - `lost`: a lease renewal was overdue or refused, so it stopped taking the partition's updates;
 * - `redis_error`: a Redis call failed (`operation`); it is tried again;
 * - `unknown_update` / `invalid_update`: an entry it could not emit (acknowledged, never lost silently);
 * - `stopped`: the last event.
 *
 * @example
 * worker.status$.pipe(filter((s) => s.type === 'lost')).subscribe((s) => log.warn(`lost partition ${s.partition}`));
 */
export type RedisStreamStatus =
  | { readonly type: 'started'; readonly consumer: string }
  | { readonly type: 'acquired'; readonly partition: number }
  | { readonly type: 'replayed'; readonly partition: number; readonly count: number }
  | { readonly type: 'released'; readonly partition: number; readonly reason: 'rebalance' | 'stop' }
  | { readonly type: 'lost'; readonly partition: number }
  | { readonly type: 'redis_error'; readonly operation: string; readonly error: unknown }
  | { readonly type: 'unknown_update'; readonly update: UnknownUpdate }
  | { readonly type: 'invalid_update'; readonly value: unknown; readonly reason: string }
  | { readonly type: 'stopped' };
