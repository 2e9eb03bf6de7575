import { createClient } from 'redis';
import { describe, expectTypeOf, it } from 'vitest';
import type { RedisClient } from '../../src/redis/index';

describe('RedisClient', () => {
  it('accepts the clients users create: default, RESP2, RESP3, with scripts', () => {
    expectTypeOf(createClient()).toExtend<RedisClient>();
    expectTypeOf(createClient({ RESP: 2 })).toExtend<RedisClient>();
    expectTypeOf(createClient({ RESP: 3 })).toExtend<RedisClient>();
    expectTypeOf(createClient({ scripts: {} })).toExtend<RedisClient>();
  });
});
