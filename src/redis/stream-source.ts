import { Observable } from 'rxjs';
import type { DialectChoice, DialectOf, UpdateOfTable } from '../api/dialect';
import { SourceControl } from '../sources/source-control';
import type { UpdateSource, UpdateSourceStopResult } from '../sources/update-source';
import type { UnknownUpdate, Update } from '../types/index';
import type { RedisClient } from './client';
import { type FromRedisStreamOptions, resolveStreamSourceOptions } from './stream-source-options';
import { StreamSession } from './stream-session';
import type { RedisStreamStatus } from './stream-status';

/**
 * A worker of a bot on many processes: an {@link UpdateSource} reading the partition streams
 * {@link toRedisStream} writes, sharing them with the other workers of its consumer group.
 * Create it with {@link fromRedisStream}; see there for the guarantees.
 *
 * @example
 * const worker = fromRedisStream(client, { prefix: 'mybot', group: 'workers' });
 * worker.pipe(ofType('message_created'), perChat((u) => reply(api, u, { text: 'Hi' }))).subscribe();
 * process.once('SIGTERM', () => void worker.stop());
 */
export class RedisStreamSource<U extends object = Update>
  extends Observable<U>
  implements UpdateSource<U, RedisStreamStatus>
{
  /** Leases taken, replayed, released and lost; Redis errors; start and stop. Hot; completes after `stop()`. */
  readonly status$: Observable<RedisStreamStatus>;
  /** Entries of update types the worker's dialect does not know (acknowledged, never emitted). Hot. */
  readonly unknownUpdates$: Observable<UnknownUpdate>;
  readonly #control: SourceControl<RedisStreamStatus>;

  constructor(client: RedisClient, options: FromRedisStreamOptions<DialectChoice> = {}) {
    if (client === null || typeof client !== 'object' || typeof client.duplicate !== 'function')
      throw new TypeError(
        'fromRedisStream: the first argument must be a connected node-redis client: await createClient({ url }).connect()',
      );
    const resolved = resolveStreamSourceOptions(options);
    const control = new SourceControl<RedisStreamStatus>(
      (subscriber, report) => new StreamSession(client, resolved, subscriber, report),
      resolved.onStatus,
      { type: 'stopped' },
    );
    // The session emits exactly the updates classified against the chosen dialect, which is
    // what U stands for (fromRedisStream derives it from the same dialect).
    const loop = control.shared() as Observable<object> as Observable<U>;
    super((subscriber) => loop.subscribe(subscriber));
    this.#control = control;
    this.status$ = control.status.asObservable();
    this.unknownUpdates$ = control.unknown.asObservable();
  }

  /**
   * Stops gracefully and for good: takes no new updates, lets running handlers finish (up to
   * `stopTimeout`), writes their acknowledgements, then releases its partitions so other
   * workers take them over at once (nothing is handled twice). Calling it again returns the
   * same promise.
   *
   * @example
   * process.once('SIGTERM', () => void worker.stop().then(({ unfinished }) => process.exit(unfinished === 0 ? 0 : 1)));
   */
  stop(): Promise<UpdateSourceStopResult> {
    return this.#control.stop();
  }
}

/**
 * A worker source for a bot on many processes: reads the partition streams that
 * {@link toRedisStream} writes, as one consumer of a Redis consumer group, and is an
 * {@link UpdateSource} like `fromLongPolling` and `webhook` (it passes the same source contract).
 *
 * - **One owner per partition.** Each partition has a lease (a key with an expiry, renewed every
 *   `leaseMs / 4`); only its owner reads it. A worker whose renewal is overdue stops taking the
 *   partition's updates before its lease can expire, so per-chat order holds across the cluster.
 * - **Fair share.** Workers announce themselves with heartbeats; each aims for
 *   `ceil(partitions / workers)` partitions, takes free ones and hands extras over (after their
 *   running handlers finished) when a worker joins; a dead worker's partitions are taken over
 *   within `leaseMs`.
 * - **Acknowledged when handled.** An entry is `XACK`ed (and deleted, see `deleteHandled`) only
 *   once every hold on its update (`perChat`, `isolate`) is released; an ack whose write fails
 *   is written again on the next lease round.
 * - **Takeover replays.** A new owner first emits what the previous one left unacknowledged
 *   (`XAUTOCLAIM`), flagged with `isRedelivery`, then new entries.
 * - **Graceful stop.** `stop()` waits for running handlers, writes their acks and releases the
 *   leases, so the other workers continue at once without a duplicate.
 *
 * Blocking reads use a connection of their own (`client.duplicate()`), closed when the last
 * subscriber leaves or on `stop()`; the `client` stays the caller's.
 *
 * @example
 * import { createClient } from 'redis';
 * import { fromRedisStream } from 'tamtam-rx/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * const updates$ = fromRedisStream(client, { prefix: 'mybot', group: 'workers', consumer: `w-${process.pid}` });
 * updates$.pipe(ofType('message_created'), perChat((u) => reply(api, u, { text: 'Hi' }))).subscribe();
 * process.once('SIGTERM', () => void updates$.stop().then(() => client.close()));
 */
export function fromRedisStream<C extends DialectChoice = 'tamtam'>(
  client: RedisClient,
  options: FromRedisStreamOptions<C> = {},
): RedisStreamSource<UpdateOfTable<DialectOf<C>['operations']>> {
  return new RedisStreamSource<UpdateOfTable<DialectOf<C>['operations']>>(client, options);
}
