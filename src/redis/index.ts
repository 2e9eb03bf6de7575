/**
 * `tamtam-rx/redis`: one bot on many processes, on Redis ≥ 7 through the `redis` (node-redis)
 * client, an optional peer dependency: install it (`npm install redis`) only to use this entry.
 * The root entry never loads it.
 *
 * @example
 * import { createClient } from 'redis';
 * import { redisMarkerStore } from 'tamtam-rx/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL }).connect();
 * fromLongPolling(api, { store: redisMarkerStore(client, { key: 'bot:polling' }) });
 *
 * @packageDocumentation
 *
 * @module tamtam-rx/redis
 */
export type { RedisClient } from './client';
// Stores and the shared rate limit
export { redisMarkerStore, type RedisMarkerStoreOptions } from './marker-store';
export { redisRateLimiter, type RedisRateLimiter, type RedisRateLimiterOptions } from './rate-limiter';
export { redisStateStore, type RedisStateStoreOptions } from './state-store';
// Ingress → partition streams → workers (stream scale-out)
export { toRedisStream, type StreamWrite } from './ingress';
export type { ToRedisStreamOptions } from './ingress-options';
export { StreamWriteError, isStreamWriteError } from './stream-write-error';
export { fromRedisStream, RedisStreamSource } from './stream-source';
export type { FromRedisStreamOptions } from './stream-source-options';
export type { RedisStreamStatus } from './stream-status';
export { partitionOf, partitionOfKey, partitionStreamKey } from './partition';
