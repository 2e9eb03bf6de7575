import { Observable, type OperatorFunction } from 'rxjs';
import { type ReleaseHold, holdUpdate } from '../delivery/hold-update';
import type { UpdateLike } from '../operators/update-like';
import type { RedisClient } from './client';
import { type ToRedisStreamOptions, resolveIngressOptions } from './ingress-options';
import { partitionOfKey, partitionStreamKey } from './partition';
import { RedisScript } from './script';
import { StreamWriteError } from './stream-write-error';

/**
 * One update `toRedisStream` wrote (or recognised as written before), emitted once Redis
 * acknowledged it.
 *
 * @example
 * updates$.pipe(toRedisStream(client)).subscribe((w) => log.debug(`${w.partition}/${w.id} duplicate=${w.duplicate}`));
 */
export interface StreamWrite<U> {
  /** The update as the source emitted it. */
  readonly update: U;
  /** Its partition (`0 … partitions - 1`). */
  readonly partition: number;
  /** The stream entry id; for a duplicate, the id of the entry written the first time. */
  readonly id: string;
  /** True when the update was written before, within the dedupe window, and was not written again. */
  readonly duplicate: boolean;
}

/**
 * Writes a batch of updates to one stream, each atomically: an identity already known answers
 * its entry; else XADD and remember the identity for the window. KEYS: the stream, then one
 * seen key per update. ARGV: window ms, ingress time, then one update JSON per update.
 * Answers `fresh, id` pairs (fresh 1 = written now, 0 = written before).
 */
const WRITE = new RedisScript(`
local out = {}
for i = 2, #KEYS do
  local seen = redis.call('GET', KEYS[i])
  if seen then
    out[#out + 1] = 0
    out[#out + 1] = seen
  else
    local id = redis.call('XADD', KEYS[1], '*', 'update', ARGV[i + 1], 'at', ARGV[2])
    redis.call('SET', KEYS[i], id, 'PX', ARGV[1])
    out[#out + 1] = 1
    out[#out + 1] = id
  end
end
return out
`);
/** Most updates per write script (one round trip, a short time the script holds Redis). */
const WRITE_BATCH = 200;

interface Pending<U> {
  readonly update: U;
  readonly partition: number;
  readonly seenKey: string;
  readonly json: string;
  readonly release: ReleaseHold;
}

/**
 * The ingress of a bot on many processes: writes every update of any source (long polling, a
 * webhook, N webhook instances behind a load balancer) to one of `partitions` Redis streams,
 * chosen by its chat (the key `perChat` uses), for workers reading them with
 * {@link fromRedisStream}.
 *
 * - The source counts an update as handled only once Redis acknowledged the write (the
 *   operator holds it until then): long polling commits its marker only after the write, and
 *   a webhook with `ack: 'handled'` answers 200 only once the update is durable in Redis.
 * - The same update delivered again (a crashed ingress's replay, a webhook retry) within
 *   `dedupeWindow` is not written again: the check and the write are one atomic script.
 * - Updates of one partition are written in the order they arrived: in batches (one script call
 *   each, up to 200 updates), a batch only after the previous one was acknowledged.
 * - A failed write ends the output with a {@link StreamWriteError}; the update is not
 *   acknowledged, so the source delivers it again (add `retry({ delay: 1000 })` to resubscribe).
 *
 * Emits one {@link StreamWrite} per update once it is durable.
 *
 * @example
 * import { createClient } from 'redis';
 * import { toRedisStream } from 'tamtam-rx/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * fromLongPolling(api, { store: fileMarkerStore('./ingress.json') })
 *   .pipe(toRedisStream(client, { prefix: 'mybot', partitions: 16 }), retry({ delay: 1_000 }))
 *   .subscribe();
 */
export function toRedisStream<U extends UpdateLike>(
  client: RedisClient,
  options: ToRedisStreamOptions<U> = {},
): OperatorFunction<U, StreamWrite<U>> {
  if (client === null || typeof client !== 'object' || typeof client.sendCommand !== 'function')
    throw new TypeError(
      'toRedisStream: the first argument must be a connected node-redis client: await createClient({ url }).connect()',
    );
  const { prefix, partitions, dedupeWindow, key, identity } = resolveIngressOptions(options);
  const window = String(dedupeWindow);

  return (source) =>
    new Observable<StreamWrite<U>>((subscriber) => {
      /** Per partition: updates waiting for the batch in flight to be acknowledged. */
      const queues = new Map<number, Pending<U>[]>();
      const busy = new Set<number>();
      let inFlight = 0;
      let sourceDone = false;
      let closed = false;
      const held = new Set<Pending<U>>();

      const completeIfDone = (): void => {
        if (sourceDone && inFlight === 0 && !closed) subscriber.complete();
      };

      const flush = (partition: number): void => {
        const waiting = queues.get(partition);
        if (closed || busy.has(partition) || waiting === undefined || waiting.length === 0) return;
        const batch = waiting.splice(0, WRITE_BATCH);
        if (waiting.length === 0) queues.delete(partition);
        busy.add(partition);
        const stream = partitionStreamKey(prefix, partition);
        const keys = [stream, ...batch.map((item) => item.seenKey)];
        const args = [window, String(Date.now()), ...batch.map((item) => item.json)];
        // the next batch of this partition waits for this one: order is kept even on failure
        void WRITE.run(client, keys, args).then(
          (reply) => settle(partition, batch, parseReplies(reply, batch.length), undefined),
          (error: unknown) => settle(partition, batch, undefined, error),
        );
      };

      const settle = (
        partition: number,
        batch: readonly Pending<U>[],
        replies: readonly { id: string; duplicate: boolean }[] | undefined,
        error: unknown,
      ): void => {
        busy.delete(partition);
        inFlight -= batch.length;
        for (const item of batch) held.delete(item);
        if (closed) {
          for (const item of batch) item.release('abandoned');
          return;
        }
        if (replies === undefined) {
          for (const item of batch) item.release('abandoned');
          closed = true;
          subscriber.error(new StreamWriteError(partition, error ?? new Error('unexpected reply from Redis')));
          return;
        }
        batch.forEach((item, i) => {
          const reply = replies[i] as { id: string; duplicate: boolean };
          item.release('handled');
          subscriber.next({ update: item.update, partition, id: reply.id, duplicate: reply.duplicate });
        });
        flush(partition);
        completeIfDone();
      };

      const subscription = source.subscribe({
        next: (update) => {
          let item: Pending<U>;
          try {
            const partition = partitionOfKey(key(update), partitions);
            item = {
              update,
              partition,
              seenKey: `${prefix}:seen:${identity(update)}`,
              json: JSON.stringify(update),
              release: holdUpdate(update),
            };
          } catch (error) {
            closed = true;
            subscriber.error(error);
            return;
          }
          held.add(item);
          inFlight += 1;
          const queue = queues.get(item.partition);
          if (queue === undefined) queues.set(item.partition, [item]);
          else queue.push(item);
          // batch what arrives in this tick (a poll’s whole batch) into one round trip
          if (!busy.has(item.partition)) queueMicrotask(() => flush(item.partition));
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          completeIfDone();
        },
      });

      return () => {
        closed = true;
        subscription.unsubscribe();
        for (const item of held) item.release('abandoned');
        held.clear();
        queues.clear();
      };
    });
}

function parseReplies(reply: unknown, count: number): { id: string; duplicate: boolean }[] | undefined {
  if (!Array.isArray(reply) || reply.length !== count * 2) return undefined;
  const replies: { id: string; duplicate: boolean }[] = [];
  for (let i = 0; i < reply.length; i += 2) {
    const id: unknown = reply[i + 1];
    if (typeof id !== 'string') return undefined;
    replies.push({ id, duplicate: reply[i] === 0 });
  }
  return replies;
}
