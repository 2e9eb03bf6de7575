import { afterAll, beforeAll, describe, it } from 'vitest';
import { fromRedisStream, partitionOf, partitionStreamKey } from '../../src/redis/index';
import { type SourceContractHarness, textMessage, updateSourceContract } from '../../src/testing/index';
import type { Update } from '../../src/types/index';
import { type RedisFixture, entriesLeft, freshPrefix, redisFixture, textOf, writeUpdates } from './stream-helpers';

let redis: RedisFixture;
beforeAll(async () => {
  redis = await redisFixture();
}, 30_000);
afterAll(() => redis.close());

/**
 * A worker on a real redis-server, fed through the real ingress (one chat, so one partition).
 * Acknowledged: fed, and no longer in its stream (a handled entry is acked and deleted).
 */
const worker: SourceContractHarness = {
  keyOf: textOf,
  unknownUpdates: true,
  timeout: 15_000,
  async setUp() {
    const prefix = freshPrefix('contract');
    const fed = new Set<string>();
    return {
      start: () => fromRedisStream(redis.client, { prefix, partitions: 4, leaseMs: 2_000, block: 500 }),
      feed: async (keys) => {
        for (const key of keys) fed.add(key);
        await writeUpdates(
          redis.client,
          prefix,
          keys.map((k) => textMessage(k)),
        );
      },
      acknowledged: async () => {
        const left = new Set((await entriesLeft(redis.client, prefix)).map(textOf));
        return [...fed].filter((key) => !left.has(key));
      },
      feedUnknown: async (type) => {
        const update = { update_type: type, timestamp: Date.now(), chat_id: 1 };
        const partition = partitionOf(textMessage('x') as Update, 4);
        await redis.client.xAdd(partitionStreamKey(prefix, partition), '*', { update: JSON.stringify(update) });
      },
      close: () => {},
    };
  },
};

describe('fromRedisStream passes the update source contract', () => {
  for (const check of updateSourceContract(worker)) it(check.name, check.run, 60_000);
});
