import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/redis/client';
import { redisMarkerStore } from '../../src/redis/index';
import { createApi } from '../../src/api/index';
import { type ReleaseHold, holdUpdate } from '../../src/delivery/hold-update';
import { isRedelivery } from '../../src/delivery/index';
import { DEFAULT_WORLD_IDS, type Emulator, startEmulator } from '../../src/emulator/index';
import { fromLongPolling } from '../../src/sources/index';
import { waitFor } from '../../src/testing/index';
import type { Update } from '../../src/types/index';
import { markerStoreContract } from '../helpers/marker-store-contract';
import { type LocalRedisServer, startRedisServer } from '../helpers/redis-server';
import { sampleUpdates } from '../fixtures/updates';

let redis: LocalRedisServer;
let client: RedisClient;
/** Two more connections: consecutive stores use different ones, as two processes would. */
let machines: RedisClient[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
  client = await createClient({ url: redis.url }).connect();
  machines = [await client.duplicate().connect(), await client.duplicate().connect()];
}, 30_000);
afterAll(async () => {
  for (const c of [client, ...machines]) c?.destroy();
  await redis?.stop();
});

let keys = 0;
markerStoreContract('redisMarkerStore', {
  durable: true,
  setUp() {
    keys += 1;
    const key = `test:polling:${keys}`;
    let opened = 0;
    return {
      open: () => redisMarkerStore(machines[opened++ % machines.length] as RedisClient, { key }),
      corrupt: async (value) => {
        await client.set(key, value);
      },
      clear: async () => {
        await client.del(key);
      },
    };
  },
});

const textOf = (update: Update): string =>
  update.update_type === 'message_created' ? (update.message.body.text ?? '') : update.update_type;

/** One "machine": its own api and Redis connection, long polling with the shared key. */
async function machine(emulator: Emulator, key: string) {
  const connection: RedisClient = await createClient({ url: redis.url }).connect();
  const api = createApi({ token: emulator.token, baseUrl: emulator.url, retry: { initialDelay: 5, jitter: 0 } });
  const source = fromLongPolling(api, {
    store: redisMarkerStore(connection, { key }),
    timeout: 1,
    limit: 20,
    backoff: { initialDelay: 5, backoffLimit: 20, jitter: 0 },
  });
  return { source, connection };
}

describe('long polling moving between machines on one Redis key', () => {
  it('the second machine continues from the first one’s marker and replays its unhandled updates, flagged', async () => {
    const emulator = await startEmulator();
    const key = 'test:failover';
    try {
      const sent = Array.from({ length: 12 }, (_, i) => `u${i}`);
      for (const text of sent) emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot(text);

      // Machine A handles u0..u4 and is still working on the rest when it goes away.
      const a = await machine(emulator, key);
      const handledByA: string[] = [];
      const stuck: ReleaseHold[] = [];
      const subscription = a.source.subscribe((update) => {
        const release = holdUpdate(update);
        if (handledByA.length < 5) {
          handledByA.push(textOf(update));
          release('handled');
        } else stuck.push(release);
      });
      const observer = redisMarkerStore(client, { key });
      await waitFor(async () => (await observer.load())?.pending.length === 7, {
        what: 'A to save 7 unhandled updates',
        timeout: 15_000,
      });
      subscription.unsubscribe();
      a.connection.destroy();
      expect(handledByA).toEqual(sent.slice(0, 5));

      // Updates arrive while no machine polls.
      const later = ['n0', 'n1', 'n2'];
      for (const text of later) emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot(text);

      const b = await machine(emulator, key);
      const seenByB: { text: string; redelivered: boolean }[] = [];
      b.source.subscribe((update) => seenByB.push({ text: textOf(update), redelivered: isRedelivery(update) }));
      await waitFor(() => seenByB.length >= 10, { what: 'B to replay and continue', timeout: 15_000 });
      await b.source.stop();
      b.connection.destroy();
      expect(seenByB).toEqual([
        ...sent.slice(5).map((text) => ({ text, redelivered: true })),
        ...later.map((text) => ({ text, redelivered: false })),
      ]);
      const final = await observer.load();
      expect(final?.pending).toEqual([]);
      expect(final?.marker).toEqual(expect.any(Number));
    } finally {
      await emulator.close();
    }
  }, 60_000);
});

describe('redisMarkerStore misuse and failures', () => {
  it('refuses a missing client or key with a message saying what to pass', () => {
    expect(() => redisMarkerStore(undefined as never, { key: 'k' })).toThrow(/node-redis client/);
    expect(() => redisMarkerStore(client, { key: '' })).toThrow(/options\.key must be a non-empty Redis key/);
    expect(() => redisMarkerStore(client, undefined as never)).toThrow(/options\.key/);
  });

  it('a key of another Redis type fails load and save with the key named', async () => {
    await client.hSet('test:hash', 'a', '1');
    const store = redisMarkerStore(client, { key: 'test:hash' });
    await expect(store.load()).rejects.toThrow(/redisMarkerStore: could not read key "test:hash": WRONGTYPE/);
  });

  it('a save that cannot be serialized leaves the previous state', async () => {
    const store = redisMarkerStore(client, { key: 'test:cyclic' });
    await store.save({ marker: 1, pending: [sampleUpdates.bot_started] });
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    await expect(store.save({ marker: 2, pending: [cyclic as never] })).rejects.toThrow(/circular/);
    expect(await store.load()).toEqual({ marker: 1, pending: [sampleUpdates.bot_started] });
  });

  it('a closed connection is a clear error, not a hang', async () => {
    const closed: RedisClient = await createClient({ url: redis.url }).connect();
    closed.destroy();
    const store = redisMarkerStore(closed, { key: 'test:closed' });
    await expect(store.load()).rejects.toThrow(/redisMarkerStore: could not read key "test:closed"/);
    await expect(store.save({ marker: 1, pending: [] })).rejects.toThrow(/could not write key "test:closed"/);
  });
});
