import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedisClient } from '../../src/redis/client';
import { redisStateStore } from '../../src/redis/index';
import { stateStoreContract } from '../../src/testing/index';
import { type LocalRedisServer, startRedisServer } from '../helpers/redis-server';

let redis: LocalRedisServer;
let client: RedisClient;
let other: RedisClient;
beforeAll(async () => {
  redis = await startRedisServer();
  client = await createClient({ url: redis.url }).connect();
  other = await client.duplicate().connect();
}, 30_000);
afterAll(async () => {
  client?.destroy();
  other?.destroy();
  await redis?.stop();
});

let stores = 0;
describe('redisStateStore passes the state store contract', () => {
  for (const check of stateStoreContract({
    // Redis expires on its own clock: the contract really waits, so a TTL a loaded machine reads well
    ttl: 1_500,
    setUp: async () => {
      stores += 1;
      const prefix = `contract:${stores}:`;
      return {
        store: redisStateStore(client, { prefix }),
        elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        reopen: () => redisStateStore(other, { prefix }), // another connection, as another worker
      };
    },
  })) {
    it(check.name, check.run, 30_000);
  }
});

describe('redisStateStore', () => {
  it('keeps values under prefix + key, with the TTL as Redis expiry', async () => {
    const store = redisStateStore<{ step: string }>(client, { prefix: 'bot:state:' });
    await store.set('chat:42', { step: 'size' }, { ttl: 60_000 });
    expect(await client.get('bot:state:chat:42')).toBe('{"step":"size"}');
    const pttl = await client.pTTL('bot:state:chat:42');
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(60_000);
    await store.set('chat:42', { step: 'done' });
    expect(await client.pTTL('bot:state:chat:42')).toBe(-1); // a write without ttl keeps it for good
    await store.set('chat:43', { step: 'x' }, { ttl: 0.5 }); // PX needs whole ms: rounded up
    expect(await client.pTTL('bot:state:chat:43')).toBeLessThanOrEqual(1);
  });

  it('refuses a value that is not JSON, and a key of another Redis type, naming the key', async () => {
    await client.set('p:chat:1', '{"step": "si');
    const store = redisStateStore(client, { prefix: 'p:' });
    await expect(store.get('chat:1')).rejects.toThrow(/key "p:chat:1" is not JSON .*DEL p:chat:1/);
    await client.hSet('p:chat:2', 'a', '1');
    await expect(store.get('chat:2')).rejects.toThrow(/could not read key "p:chat:2": WRONGTYPE/);
  });

  it('refuses what cannot be stored, and misuse, with messages saying what to pass', async () => {
    const store = redisStateStore(client, { prefix: '' });
    await expect(store.set('k', undefined)).rejects.toThrow(/JSON-serialisable/);
    await expect(store.set('k', 1, { ttl: -5 })).rejects.toThrow(/options\.ttl/);
    expect(() => redisStateStore(null as never, { prefix: '' })).toThrow(/node-redis client/);
    expect(() => redisStateStore(client, {} as never)).toThrow(/options\.prefix must be a string/);
  });

  it('a closed connection is a clear error, not a hang', async () => {
    const closed: RedisClient = await createClient({ url: redis.url }).connect();
    closed.destroy();
    const store = redisStateStore(closed, { prefix: 's:' });
    await expect(store.get('a')).rejects.toThrow(/redisStateStore: could not read key "s:a"/);
    await expect(store.set('a', 1)).rejects.toThrow(/could not write key "s:a"/);
    await expect(store.delete('a')).rejects.toThrow(/could not delete key "s:a"/);
  });
});
