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
// Marker store, shared rate limit and per-chat state (issue 13, parts 1, 4, 5)
export { redisMarkerStore, type RedisMarkerStoreOptions } from './marker-store';
export { redisRateLimiter, type RedisRateLimiter, type RedisRateLimiterOptions } from './rate-limiter';
export { redisStateStore, type RedisStateStoreOptions } from './state-store';
