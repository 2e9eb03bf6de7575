import type { RedisClient } from './client';
import { RedisScript } from './script';

/**
 * Records ARGV[1]'s heartbeat (or its leave, ARGV[3] = '0') in the sorted set KEYS[1] at the
 * server's clock, forgets members silent for ARGV[2] ms, answers the live members in order.
 */
const HEARTBEAT = new RedisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local ttl = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ttl)
if ARGV[3] == '1' then
  redis.call('ZADD', KEYS[1], now, ARGV[1])
else
  redis.call('ZREM', KEYS[1], ARGV[1])
end
redis.call('PEXPIRE', KEYS[1], ttl * 10)
return redis.call('ZRANGE', KEYS[1], 0, -1)
`);

/**
 * Announces worker `token` as alive in the group's member set `key` (live for `ttl` ms unless
 * announced again) and resolves with every live worker's token, sorted.
 *
 * @example
 * const workers = await heartbeat(client, 'bot:workers:g', token, 10_000); // ['a…', 'b…']
 */
export async function heartbeat(client: RedisClient, key: string, token: string, ttl: number): Promise<string[]> {
  return strings(await HEARTBEAT.run(client, [key], [token, String(ttl), '1']));
}

/**
 * Removes worker `token` from the member set at once (a graceful leave), so the others rebalance
 * without waiting for its heartbeat to expire.
 *
 * @example
 * await leave(client, 'bot:workers:g', token, 10_000);
 */
export async function leave(client: RedisClient, key: string, token: string, ttl: number): Promise<void> {
  await HEARTBEAT.run(client, [key], [token, String(ttl), '0']);
}

function strings(reply: unknown): string[] {
  return Array.isArray(reply) ? reply.map(String) : [];
}

/**
 * How many partitions each of `workers` live workers aims to own: an equal share, rounded up.
 *
 * @example
 * fairShare(16, 3); // 6 (so the workers own 6, 6 and 4)
 */
export function fairShare(partitions: number, workers: number): number {
  return Math.ceil(partitions / Math.max(1, workers));
}
