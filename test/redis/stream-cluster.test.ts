/**
 * Workers sharing partitions on a real redis-server: lease loss, takeover, rebalance, graceful
 * handover. Every worker is an in-process `fromRedisStream` with its own client (a process's
 * view); a "crash" is a client whose connection is gone, so its leases are no longer renewed.
 */
import { NEVER, type Subscription, mergeMap, timer } from 'rxjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { holdUpdate, isRedelivery } from '../../src/delivery/index';
import { perChat } from '../../src/operators/index';
import type { RedisClient } from '../../src/redis/client';
import { type RedisStreamSource, type RedisStreamStatus, fromRedisStream } from '../../src/redis/index';
import { TEST_USERS, textMessage, waitFor } from '../../src/testing/index';
import type { Update, User } from '../../src/types/index';
import { type RedisFixture, entriesLeft, freshPrefix, redisFixture, textOf, writeUpdates } from './stream-helpers';

let redis: RedisFixture;
beforeAll(async () => {
  redis = await redisFixture();
}, 30_000);
afterAll(() => redis.close());

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Seen {
  readonly worker: string;
  readonly text: string;
  readonly redelivery: boolean;
}

/** One worker: its source, its own client, the partitions it owns now, an event log shared by all. */
async function startWorker(
  name: string,
  prefix: string,
  log: (string | Seen)[],
  options: { partitions: number; handle?: 'hold' | number; client?: RedisClient; leaseMs?: number },
) {
  const client = options.client ?? (await redis.connect());
  const owned = new Set<number>();
  const onStatus = (s: RedisStreamStatus): void => {
    if (s.type === 'acquired') owned.add(s.partition);
    if (s.type === 'released' || s.type === 'lost') owned.delete(s.partition);
    if (s.type === 'acquired' || s.type === 'released' || s.type === 'lost')
      log.push(`${name} ${s.type} ${s.partition}`);
  };
  const source: RedisStreamSource = fromRedisStream(client, {
    prefix,
    partitions: options.partitions,
    consumer: name,
    leaseMs: options.leaseMs ?? 1_000,
    block: 200,
    onStatus,
  });
  const record = (u: Update): void => void log.push({ worker: name, text: textOf(u), redelivery: isRedelivery(u) });
  const handle = options.handle ?? 5;
  const subscription: Subscription =
    handle === 'hold'
      ? source.pipe(mergeMap((u) => (record(u), holdUpdate(u), NEVER))).subscribe()
      : source.pipe(perChat((u) => (record(u), timer(handle)))).subscribe();
  cleanup.push(async () => {
    subscription.unsubscribe();
    await source.stop();
  });
  return { source, owned, subscription, client };
}

const seen = (log: readonly (string | Seen)[]): Seen[] => log.filter((e): e is Seen => typeof e !== 'string');
const users: User[] = Array.from({ length: 12 }, (_, i) => ({
  ...TEST_USERS.alice,
  user_id: 9_000 + i,
  name: `U${i}`,
}));
/** `count` messages round-robin over the users' dialogs, texts `<tag>-<n>`. */
const messages = (tag: string, count: number): Update[] =>
  Array.from({ length: count }, (_, n) => textMessage(`${tag}-${n}`, { from: users[n % users.length] as User }));

describe('fromRedisStream workers', () => {
  it('a worker whose lease was taken stops taking that partition’s updates', async () => {
    const prefix = freshPrefix('lease-loss');
    const log: (string | Seen)[] = [];
    const worker = await startWorker('w1', prefix, log, { partitions: 1 });
    await waitFor(() => worker.owned.has(0), { timeout: 10_000 });
    await writeUpdates(redis.client, prefix, [textMessage('before')], 1);
    await waitFor(() => seen(log).length === 1, { timeout: 10_000 });
    // another owner took the lease (as after an expiry the worker did not notice)
    await redis.client.set(`${prefix}:lease:workers:0`, 'intruder', { PX: 60_000 });
    await waitFor(() => log.includes('w1 lost 0'), { timeout: 10_000 });
    await writeUpdates(redis.client, prefix, [textMessage('after')], 1);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(seen(log).map((s) => s.text)).toEqual(['before']);
    expect((await entriesLeft(redis.client, prefix, 1)).map(textOf)).toEqual(['after']);
    expect(await redis.client.get(`${prefix}:lease:workers:0`)).toBe('intruder');
  });

  it('a takeover first replays what the dead owner left unacknowledged, flagged, then goes on', async () => {
    const prefix = freshPrefix('takeover');
    const log: (string | Seen)[] = [];
    const doomed = await redis.connect();
    const a = await startWorker('a', prefix, log, { partitions: 2, handle: 'hold', client: doomed });
    await waitFor(() => a.owned.size === 2, { timeout: 10_000 });
    await writeUpdates(redis.client, prefix, messages('m', 6), 2);
    await waitFor(() => seen(log).length === 6, { timeout: 10_000 });
    doomed.destroy(); // a's renewals fail from now on: it must stop before its leases expire
    const b = await startWorker('b', prefix, log, { partitions: 2 });
    await waitFor(() => b.owned.size === 2, { timeout: 15_000 });
    await writeUpdates(redis.client, prefix, messages('n', 6), 2);
    await waitFor(() => seen(log).filter((s) => s.worker === 'b').length === 12, { timeout: 15_000 });
    const byB = seen(log).filter((s) => s.worker === 'b');
    expect(byB.filter((s) => s.text.startsWith('m-')).every((s) => s.redelivery)).toBe(true);
    expect(byB.filter((s) => s.text.startsWith('n-')).every((s) => !s.redelivery)).toBe(true);
    expect(byB.map((s) => s.text).sort()).toEqual([...messages('m', 6), ...messages('n', 6)].map(textOf).sort());
    // a took nothing once b had taken a partition over
    const firstTakeover = log.findIndex((e) => typeof e === 'string' && e.startsWith('b acquired'));
    expect(log.slice(firstTakeover).some((e) => typeof e !== 'string' && e.worker === 'a')).toBe(false);
    await waitFor(async () => (await entriesLeft(redis.client, prefix, 2)).length === 0, { timeout: 10_000 });
  });

  it('rebalances when a worker joins and when it leaves, handling every update once', async () => {
    const prefix = freshPrefix('rebalance');
    const log: (string | Seen)[] = [];
    const a = await startWorker('a', prefix, log, { partitions: 8 });
    await waitFor(() => a.owned.size === 8, { timeout: 10_000 });
    await writeUpdates(redis.client, prefix, messages('x', 24), 8);
    const b = await startWorker('b', prefix, log, { partitions: 8 });
    await waitFor(() => a.owned.size === 4 && b.owned.size === 4, { timeout: 15_000 });
    expect([...a.owned].some((p) => b.owned.has(p))).toBe(false);
    await writeUpdates(redis.client, prefix, messages('y', 24), 8);
    await waitFor(() => seen(log).length >= 48, { timeout: 15_000 });
    await b.source.stop();
    await waitFor(() => a.owned.size === 8, { timeout: 15_000 });
    await writeUpdates(redis.client, prefix, messages('z', 24), 8);
    await waitFor(() => seen(log).length >= 72, { timeout: 15_000 });
    const texts = seen(log).map((s) => s.text);
    expect(texts).toHaveLength(72);
    expect(new Set(texts).size).toBe(72);
    expect(seen(log).filter((s) => s.worker === 'b').length).toBeGreaterThan(0);
  });

  it('stop() hands partitions over with no update lost, none handled twice, per-chat order kept', async () => {
    const prefix = freshPrefix('handover');
    const log: (string | Seen)[] = [];
    // leases long enough that a stalled event loop on a loaded machine does not lose one (a
    // lost lease is taken over and replayed, flagged: correct, but not the graceful path)
    const a = await startWorker('a', prefix, log, { partitions: 4, handle: 20, leaseMs: 5_000 });
    const b = await startWorker('b', prefix, log, { partitions: 4, handle: 20, leaseMs: 5_000 });
    await waitFor(() => a.owned.size === 2 && b.owned.size === 2, { timeout: 15_000 });
    const sent = messages('s', 240);
    await writeUpdates(redis.client, prefix, sent.slice(0, 120), 4);
    await waitFor(() => seen(log).some((s) => s.worker === 'a'), { timeout: 10_000 });
    const stopped = a.source.stop(); // while its handlers run and its partitions hold more
    await writeUpdates(redis.client, prefix, sent.slice(120), 4);
    expect(await stopped).toEqual({ unfinished: 0 });
    await waitFor(() => seen(log).length >= 240, { timeout: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more may come
    const handled = seen(log);
    expect(handled.map((s) => s.text).sort()).toEqual(sent.map(textOf).sort());
    expect(handled.filter((s) => s.redelivery)).toEqual([]);
    for (const user of users) {
      const inChat = sent.filter(
        (u) => u.update_type === 'message_created' && u.message.sender?.user_id === user.user_id,
      );
      const order = handled.map((s) => s.text).filter((t) => inChat.some((u) => textOf(u) === t));
      expect(order).toEqual(inChat.map(textOf));
    }
    expect(b.owned.size).toBe(4);
  });

  it('an acknowledgement that failed is written again on the next lease round: nothing stays pending, nothing is handled twice', async () => {
    const prefix = freshPrefix('ack-retry');
    const log: (string | Seen)[] = [];
    const real = await redis.connect();
    let failAcks = 2;
    // the real client, except that its first two acknowledgement scripts fail (a dropped connection)
    const flaky = new Proxy(real, {
      get(target, property) {
        if (property === 'sendCommand') {
          return (args: string[]) =>
            args[0] === 'EVALSHA' && String(args[3]).startsWith(`${prefix}:stream:`) && failAcks-- > 0
              ? Promise.reject(new Error('injected: connection reset'))
              : target.sendCommand(args);
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const errors: string[] = [];
    const source = fromRedisStream(flaky, {
      prefix,
      partitions: 1,
      consumer: 'w',
      leaseMs: 1_000,
      block: 200,
      onStatus: (s) => {
        if (s.type === 'redis_error') errors.push(s.operation);
        if (s.type === 'acquired' || s.type === 'lost') log.push(`w ${s.type} ${s.partition}`);
      },
    });
    const subscription = source
      .pipe(perChat((u) => (log.push({ worker: 'w', text: textOf(u), redelivery: isRedelivery(u) }), timer(1))))
      .subscribe();
    cleanup.push(async () => {
      subscription.unsubscribe();
      await source.stop();
    });
    await waitFor(() => log.includes('w acquired 0'), { timeout: 10_000 });
    await writeUpdates(redis.client, prefix, messages('a', 6), 1);
    await waitFor(() => seen(log).length === 6, { timeout: 10_000 });
    await waitFor(() => errors.filter((e) => e === 'ack').length === 2, { timeout: 10_000 });
    const pending = async () =>
      Number(((await redis.client.sendCommand(['XPENDING', `${prefix}:stream:0`, 'workers'])) as unknown[])[0]);
    await waitFor(async () => (await pending()) === 0, { timeout: 10_000, what: 'the failed acks written again' });
    expect(await entriesLeft(redis.client, prefix, 1)).toEqual([]);
    expect(seen(log).map((s) => s.text)).toEqual(messages('a', 6).map(textOf));
    expect(log).not.toContain('w lost 0');
  });
});
