import type { RedisClientType, RedisFunctions, RedisModules, RedisScripts, RespVersions } from 'redis';

/**
 * A connected node-redis client, as `createClient(...).connect()` returns it (any modules,
 * scripts or RESP version). Every part of `tamtam-rx/redis` takes one; the caller owns its
 * lifecycle (connect before, `quit()`/`close()` after).
 *
 * @example
 * const client: RedisClient = await createClient({ url: 'redis://127.0.0.1:6379' }).connect();
 */
// biome-ignore lint/suspicious/noExplicitAny: node-redis's own "any client" spelling
export type RedisClient = RedisClientType<RedisModules, RedisFunctions, RedisScripts, RespVersions, any>;
