import { Observable, Subject, firstValueFrom, from, lastValueFrom, take, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitTracked } from '../../src/delivery/index';
import { chatKey } from '../../src/operators/index';
import {
  isStreamWriteError,
  partitionOf,
  partitionOfKey,
  partitionStreamKey,
  toRedisStream,
} from '../../src/redis/index';
import { canonicalIdentity } from '../../src/redis/update-identity';
import { TEST_CHATS, TEST_USERS, textMessage, waitFor } from '../../src/testing/index';
import type { Update } from '../../src/types/index';
import {
  type RedisFixture,
  entriesLeft,
  freshPrefix,
  redisFixture,
  streamUpdates,
  textOf,
  writeUpdates,
} from './stream-helpers';

let redis: RedisFixture;
beforeAll(async () => {
  redis = await redisFixture();
}, 30_000);
afterAll(() => redis.close());

/** A source that emits `updates` tracked and records which were handled or abandoned. */
function trackedSource(updates: readonly Update[]) {
  const handled: string[] = [];
  const abandoned: string[] = [];
  const source = new Observable<Update>((subscriber) => {
    for (const update of updates) {
      emitTracked(update, (u) => subscriber.next(u), {
        handled: () => handled.push(textOf(update)),
        abandoned: () => abandoned.push(textOf(update)),
      });
    }
    subscriber.complete();
  });
  return { source, handled, abandoned };
}

/** A deep copy with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(reversedKeys);
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

describe('toRedisStream', () => {
  it('writes each update to the partition of its chat (the perChat key), in order within a chat', async () => {
    const prefix = freshPrefix('partition');
    const updates = [
      textMessage('a1', { from: TEST_USERS.alice }),
      textMessage('b1', { from: TEST_USERS.bob }),
      textMessage('g1', { chat: TEST_CHATS.group }),
      textMessage('a2', { from: TEST_USERS.alice }),
      textMessage('g2', { chat: TEST_CHATS.group }),
      textMessage('b2', { from: TEST_USERS.bob }),
    ];
    const writes = await writeUpdates(redis.client, prefix, updates, 8);
    expect(writes.map((w) => w.duplicate)).toEqual(updates.map(() => false));
    for (const write of writes) expect(write.partition).toBe(partitionOfKey(chatKey(write.update), 8));
    for (const update of updates) {
      const texts = (await streamUpdates(redis.client, partitionStreamKey(prefix, partitionOf(update, 8)))).map(textOf);
      const chat = chatKey(update);
      const sameChat = updates.filter((u) => chatKey(u) === chat).map(textOf);
      expect(texts.filter((t) => sameChat.includes(t))).toEqual(sameChat);
    }
  });

  it('does not write an update delivered again (same identity, any key order) within the window', async () => {
    const prefix = freshPrefix('dedupe');
    const updates = [textMessage('d1'), textMessage('d2'), textMessage('d3')];
    const first = await writeUpdates(redis.client, prefix, updates);
    // a replay after an ingress crash: the same updates, parsed again (new objects, other key order)
    const again = updates.map((u) => reversedKeys(u) as Update);
    again.push(textMessage('d4'));
    const second = await writeUpdates(redis.client, prefix, again);
    expect(second.map((w) => w.duplicate)).toEqual([true, true, true, false]);
    expect(second.slice(0, 3).map((w) => w.id)).toEqual(first.map((w) => w.id));
    expect((await entriesLeft(redis.client, prefix)).map(textOf).sort()).toEqual(['d1', 'd2', 'd3', 'd4']);
    expect(canonicalIdentity(again[0] as Update)).toBe(canonicalIdentity(updates[0] as Update));
  });

  it('forgets an identity after dedupeWindow', async () => {
    const prefix = freshPrefix('window');
    const update = textMessage('w1');
    const write = () =>
      lastValueFrom(from([update]).pipe(toRedisStream(redis.client, { prefix, partitions: 4, dedupeWindow: 50 })));
    expect((await write()).duplicate).toBe(false);
    await waitFor(async () => (await redis.client.keys(`${prefix}:seen:*`)).length === 0, { timeout: 10_000 });
    expect((await write()).duplicate).toBe(false);
    expect(await entriesLeft(redis.client, prefix)).toHaveLength(2);
  });

  it('counts an update as handled for its source only once Redis acknowledged the write', async () => {
    const prefix = freshPrefix('hold');
    const { source, handled } = trackedSource([textMessage('h1'), textMessage('h2')]);
    const admin = await redis.connect();
    await admin.sendCommand(['CLIENT', 'PAUSE', '60000', 'WRITE']); // Redis accepts no write for now
    const done = lastValueFrom(source.pipe(toRedisStream(redis.client, { prefix, partitions: 4 }), toArray()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(handled).toEqual([]);
    expect(await entriesLeft(admin, prefix)).toEqual([]); // (the paused client's connection waits)
    await admin.sendCommand(['CLIENT', 'UNPAUSE']);
    const writes = await done;
    expect(handled).toEqual(['h1', 'h2']);
    expect(writes.map((w) => textOf(w.update))).toEqual(['h1', 'h2']);
    expect((await entriesLeft(redis.client, prefix)).map(textOf)).toEqual(['h1', 'h2']);
  });

  it('fails with a StreamWriteError and leaves the update unacknowledged (abandoned) when the write fails', async () => {
    const prefix = freshPrefix('fail');
    const broken = await redis.connect();
    broken.destroy();
    const { source, handled, abandoned } = trackedSource([textMessage('f1')]);
    const error = await lastValueFrom(source.pipe(toRedisStream(broken, { prefix }))).catch((e: unknown) => e);
    expect(isStreamWriteError(error)).toBe(true);
    expect(String(error)).toMatch(/partition \d+ failed .*deliver it again/);
    expect(handled).toEqual([]);
    expect(abandoned).toEqual(['f1']);
  });

  it('abandons updates still being written when unsubscribed', async () => {
    const prefix = freshPrefix('unsubscribe');
    const admin = await redis.connect();
    await admin.sendCommand(['CLIENT', 'PAUSE', '60000', 'WRITE']);
    try {
      const input = new Subject<Update>();
      const abandoned: string[] = [];
      const source = new Observable<Update>((subscriber) =>
        input.subscribe((u) =>
          emitTracked(u, (x) => subscriber.next(x), { handled: () => {}, abandoned: () => abandoned.push(textOf(u)) }),
        ),
      );
      const subscription = source.pipe(toRedisStream(redis.client, { prefix })).subscribe();
      input.next(textMessage('u1'));
      subscription.unsubscribe();
      expect(abandoned).toEqual(['u1']);
    } finally {
      await admin.sendCommand(['CLIENT', 'UNPAUSE']);
    }
  });

  it('guards against misuse with messages that say how to fix it', () => {
    expect(() => toRedisStream({} as never)).toThrow(/connected node-redis client.*createClient/);
    expect(() => toRedisStream(redis.client, { partitions: 0 })).toThrow(
      /partitions must be a whole number from 1 to 1024/,
    );
    expect(() => toRedisStream(redis.client, { prefix: '' })).toThrow(/prefix must be a non-empty string/);
    expect(() => toRedisStream(redis.client, { dedupeWindow: 0.5 })).toThrow(/dedupeWindow must be a whole number/);
  });

  it('emits its writes as they become durable, so a pipeline can log them', async () => {
    const prefix = freshPrefix('emit');
    const write = await firstValueFrom(
      from([textMessage('e1')]).pipe(toRedisStream(redis.client, { prefix }), take(1)),
    );
    expect(write).toMatchObject({ duplicate: false, partition: partitionOf(write.update, 16) });
    expect(write.id).toMatch(/^\d+-\d+$/);
  });
});
