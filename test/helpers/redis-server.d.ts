import { type ChildProcess } from 'node:child_process';
/** A `redis-server` this process started on a free loopback port. */
export interface LocalRedisServer {
    /** `redis://127.0.0.1:<port>`, for `createClient({ url })`. */
    readonly url: string;
    readonly port: number;
    readonly process: ChildProcess;
    /** Stops the server (SIGTERM, then SIGKILL after 2 s); resolves once it exited. */
    stop(): Promise<void>;
}
/** One line, for a machine without the prerequisite. */
export declare const REDIS_SERVER_MISSING = "redis-server not found: install Redis \u2265 7 (Debian: `apt-get install redis-server`); the Redis tests start their own server";
/** True when `redis-server` is on the PATH. */
export declare function hasRedisServer(): boolean;
/**
 * Starts a throwaway `redis-server` (no persistence, loopback only) on a free port and waits
 * until it accepts connections. Never a system instance. Throws {@link REDIS_SERVER_MISSING}
 * when the binary is absent. A port taken between the probe and the start is retried.
 *
 * @example
 * const redis = await startRedisServer();
 * const client = await createClient({ url: redis.url }).connect();
 * afterAll(() => redis.stop());
 */
export declare function startRedisServer(extraArgs?: readonly string[]): Promise<LocalRedisServer>;
