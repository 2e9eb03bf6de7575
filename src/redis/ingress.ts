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
 * Atomically: is the identity already known? then answer its entry; else XADD and remember
 * the identity for the window. KEYS: seen key, stream. ARGV: window ms, update JSON, ingress time.
 */
const WRITE = new RedisScript(`
local seen = redis.call('GET', KEYS[1])
if seen then return {0, seen} end
local id = redis.call('XADD', KEYS[2], '*', 'update', ARGV[2], 'at', ARGV[3])
redis.call('SET', KEYS[1], id, 'PX', ARGV[1])
return {1, id}
`);

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
 * - Updates of one partition are written in the order they arrived (writes pipelined in order).
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
        const queue = queues.get(partition);
        if (closed || busy.has(partition) || queue === undefined || queue.length === 0) return;
        queues.delete(partition);
        busy.add(partition);
        const stream = partitionStreamKey(prefix, partition);
        const at = String(Date.now());
        // one batch, pipelined in order on the connection; the next waits for it
        const writes = queue.map((item) => WRITE.run(client, [item.seenKey, stream], [window, item.json, at]));
        void Promise.allSettled(writes).then((results) => {
          busy.delete(partition);
          for (let i = 0; i < queue.length; i++) {
            const item = queue[i] as Pending<U>;
            const result = results[i] as PromiseSettledResult<unknown>;
            held.delete(item);
            inFlight -= 1;
            if (closed) {
              item.release('abandoned');
              continue;
            }
            const reply = result.status === 'fulfilled' ? parseReply(result.value) : undefined;
            if (reply === undefined) {
              item.release('abandoned');
              for (const rest of queue.slice(i + 1)) rest.release('abandoned');
              const cause = result.status === 'rejected' ? result.reason : new Error('unexpected reply from Redis');
              closed = true;
              subscriber.error(new StreamWriteError(partition, cause));
              return;
            }
            item.release('handled');
            subscriber.next({ update: item.update, partition, id: reply.id, duplicate: reply.duplicate });
          }
          flush(partition);
          completeIfDone();
        });
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
          // batch what arrives in this tick (a poll's whole batch) into one pipelined round trip
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

function parseReply(reply: unknown): { id: string; duplicate: boolean } | undefined {
  if (!Array.isArray(reply) || reply.length !== 2) return undefined;
  const [fresh, id] = reply as unknown[];
  if (typeof id !== 'string') return undefined;
  return { id, duplicate: fresh === 0 };
}
