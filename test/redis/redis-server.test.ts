import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalRedisServer, startRedisServer } from '../helpers/redis-server';

describe('the Redis test harness', () => {
  let redis: LocalRedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis.stop());

  it('starts a Redis ≥ 7 on a free loopback port that node-redis can use', async () => {
    const client = await createClient({ url: redis.url }).connect();
    try {
      expect(await client.ping()).toBe('PONG');
      const info = await client.info('server');
      const major = Number(/redis_version:(\d+)/.exec(info)?.[1]);
      expect(major).toBeGreaterThanOrEqual(7);
    } finally {
      client.destroy();
    }
  });
});
