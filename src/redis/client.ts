import type { RedisClientType } from 'redis';

/**
 * A connected node-redis client, as `createClient(...).connect()` returns it (any modules,
 * functions, scripts, RESP version or type mapping). Every part of `tamtam-rx/redis` takes
 * one; the caller owns its lifecycle (connect before, `destroy()`/`close()` after).
 *
 * node-redis's client type is invariant in its type parameters (its methods are typed with
 * `this`), so only `any` in every position accepts every client a user can create.
 *
 * @example
 * const client: RedisClient = await createClient({ url: 'redis://127.0.0.1:6379' }).connect();
 */
// biome-ignore lint/suspicious/noExplicitAny: node-redis's own "any client" spelling; see above
export type RedisClient = RedisClientType<any, any, any, any, any>;
