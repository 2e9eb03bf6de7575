import { Observable } from 'rxjs';
import type { AcquireRequest, RateLimiter, ThrottleInfo } from '../api/rate-limit/rate-limiter';
import type { RedisClient } from './client';
import { limiterScripts } from './rate-limiter-scripts';

/**
 * Options of {@link redisRateLimiter}; `key` is required, the rest have the defaults of the
 * in-process limiter (`tokenBucket`).
 *
 * @example
 * const options: RedisRateLimiterOptions = { key: 'bot:42:rate', perSecond: 30 };
 */
export interface RedisRateLimiterOptions {
  /** The Redis key of the shared budget: every process of one bot uses the same key. */
  readonly key: string;
  /** Requests per second all processes together stay under. Default `30` (Max's limit). */
  readonly perSecond?: number;
  /**
   * Requests that may start at once after a quiet spell. Default `1`: requests are spaced
   * evenly, `1000 / perSecond` ms apart, across all processes.
   */
  readonly burst?: number;
  /**
   * Adapt to 429s, for every process at once: a 429 seen by any process halves the shared
   * rate (once a second at most, down to `perSecond / 16`), each `recoverAfter` ms without a
   * 429 doubles it back. A `Retry-After` pauses every process, adaptive or not. Default `true`.
   */
  readonly adaptive?: boolean;
  /** Quiet time in ms after which a halved rate doubles back. Default `5_000`. */
  readonly recoverAfter?: number;
  /**
   * Longest wait in ms for Redis to answer one call; beyond it the waiting `acquire()` (and so
   * the request) fails with an error saying Redis did not answer. Default `5_000`.
   */
  readonly timeout?: number;
}

/**
 * The shared {@link RateLimiter} with live figures.
 *
 * @example
 * const limiter = redisRateLimiter(client, { key: 'bot:rate' });
 * await limiter.currentRate(); // 30, or less for a while after a 429 in any process
 */
export interface RedisRateLimiter extends RateLimiter {
  /** Acquisitions of this process waiting for a slot. */
  readonly waiting: number;
  /** The shared rate now, requests/s (below `perSecond` for a while after a 429). */
  currentRate(): Promise<number>;
}

/** Lateness (ms) of a waiting request that still keeps its slot's time (as in `tokenBucket`). */
const CATCH_UP_MS = 100;
/** The shared state is forgotten after this long unused (the rate has recovered long before). */
const IDLE_TTL_MS = 60_000;

/** A waiting `acquire()`: removed from the queue when granted, failed or unsubscribed. */
interface Waiter {
  readonly priority: boolean;
  /** `performance.now()` when it asked. */
  readonly since: number;
  grant(): void;
  fail(error: unknown): void;
}

/**
 * A {@link RateLimiter} whose budget lives in Redis, so all processes of one bot together stay
 * under the bot's limit (Max: 30 requests/s): pass one to `createApi({ rateLimit })` in every
 * process, with the same key.
 *
 * It is the GCRA form of a token bucket, like the in-process `tokenBucket`, as a Lua script:
 * one hash holds the theoretical arrival time of the next request, and each process asks
 * Redis, which runs the script atomically on its own clock, whether a slot is free now — if
 * not, it learns how long to wait and asks again then. Nothing is reserved ahead, so
 * unsubscribing while waiting takes no slot, and the limiter keeps no timer and no queue entry
 * once nobody waits. A 429 in any process halves the shared rate and a `Retry-After` pauses
 * them all (see {@link RedisRateLimiterOptions.adaptive}). Within a process, waiting requests
 * are served first come first served, long polls (`priority`) first; between processes,
 * whoever asks first after a slot frees gets it.
 *
 * Why a script and not rate-limiter-flexible (which supports node-redis ≥ 4): its Redis
 * limiter counts points per fixed window, so two windows' worth can pass within a moment at
 * a window edge (a 429 from a server counting a sliding second); a shared 429 adaptation and a
 * cancellable wait would have to be built around it anyway; and it would be a second optional
 * dependency for users. The script is ~40 lines of standard GCRA.
 *
 * Redis unreachable: a waiting `acquire()` fails after `timeout` ms with an error saying so
 * (the request fails rather than waiting for ever). A slot granted while its request was being
 * unsubscribed goes to the next waiter of the process, or is lost when there is none.
 *
 * @example
 * import { createClient } from 'redis';
 * import { createApi, MAX_DIALECT } from 'tamtam-rx';
 * import { redisRateLimiter } from 'tamtam-rx/redis';
 *
 * const client = await createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }).connect();
 * const api = createApi({
 *   token: process.env.BOT_TOKEN ?? '',
 *   dialect: MAX_DIALECT,
 *   rateLimit: redisRateLimiter(client, { key: 'bot:rate', perSecond: 30 }),
 * });
 */
export function redisRateLimiter(client: RedisClient, options: RedisRateLimiterOptions): RedisRateLimiter {
  if (typeof client !== 'object' || client === null || typeof client.evalSha !== 'function') {
    throw new TypeError(
      'redisRateLimiter: the first argument must be a node-redis client (await createClient({ url }).connect())',
    );
  }
  const settings = validate(options);
  const run = limiterScripts(client, settings.key, settings.timeout);
  const common = [settings.perSecond, settings.recoverAfter, IDLE_TTL_MS];
  const queue: Waiter[] = [];
  let asking = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const stopTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  /** Asks Redis for the first waiter's slot, one question at a time; sleeps when told to wait. */
  const drain = (): void => {
    const head = queue[0];
    if (asking || timer !== undefined || head === undefined) return;
    asking = true;
    const waited = Math.max(0, performance.now() - head.since);
    run('acquire', [...common, settings.burst, waited, CATCH_UP_MS]).then(
      (answer) => {
        asking = false;
        const wait = Number(answer);
        if (wait > 0) {
          if (queue.length > 0) {
            timer = setTimeout(() => {
              timer = undefined;
              drain();
            }, wait);
          }
          return;
        }
        // The slot is taken: it goes to the first waiter now (the one it was asked for, or the
        // next, if that one left meanwhile).
        queue.shift()?.grant();
        drain();
      },
      (error: unknown) => {
        asking = false;
        for (const waiter of queue.splice(0)) waiter.fail(error);
      },
    );
  };

  return {
    get waiting() {
      return queue.length;
    },
    acquire(request?: AcquireRequest): Observable<void> {
      return new Observable<void>((subscriber) => {
        const waiter: Waiter = {
          priority: request?.priority === true,
          since: performance.now(),
          grant: () => {
            subscriber.next();
            subscriber.complete();
          },
          fail: (error) => subscriber.error(error),
        };
        if (waiter.priority) {
          const firstOrdinary = queue.findIndex((w) => !w.priority);
          queue.splice(firstOrdinary < 0 ? queue.length : firstOrdinary, 0, waiter);
        } else {
          queue.push(waiter);
        }
        drain();
        return () => {
          const index = queue.indexOf(waiter);
          if (index < 0) return; // granted or failed already
          queue.splice(index, 1);
          if (queue.length === 0) stopTimer();
        };
      });
    },
    throttled(info: ThrottleInfo): void {
      const retryAfter = info.retryAfter !== undefined && info.retryAfter > 0 ? info.retryAfter : 0;
      // A failure here (Redis down) shows in the next acquire(), which asks the same server.
      run('throttled', [...common, retryAfter, settings.adaptive ? 1 : 0]).then(
        () => {
          // Waiters sleeping on the old rate ask again now: the answer is a longer wait.
          if (timer !== undefined) {
            stopTimer();
            drain();
          }
        },
        () => {},
      );
    },
    async currentRate() {
      return Number(await run('rate', common));
    },
  };
}

interface Settings {
  readonly key: string;
  readonly perSecond: number;
  readonly burst: number;
  readonly adaptive: boolean;
  readonly recoverAfter: number;
  readonly timeout: number;
}

/** Applies the defaults once and refuses a bad value with a message saying what to pass. */
function validate(options: RedisRateLimiterOptions): Settings {
  const key = options?.key;
  if (typeof key !== 'string' || key === '') {
    throw new TypeError("redisRateLimiter: options.key must be a non-empty Redis key, e.g. { key: 'bot:rate' }");
  }
  const perSecond = options.perSecond ?? 30;
  if (typeof perSecond !== 'number' || !Number.isFinite(perSecond) || perSecond <= 0) {
    throw new TypeError(
      `redisRateLimiter: options.perSecond must be a positive number of requests per second, got ${String(perSecond)}`,
    );
  }
  const burst = options.burst ?? 1;
  if (!Number.isInteger(burst) || burst < 1) {
    throw new TypeError(`redisRateLimiter: options.burst must be a whole number ≥ 1, got ${String(burst)}`);
  }
  const recoverAfter = options.recoverAfter ?? 5_000;
  if (typeof recoverAfter !== 'number' || !Number.isFinite(recoverAfter) || recoverAfter < 0) {
    throw new TypeError(
      `redisRateLimiter: options.recoverAfter must be a non-negative number of milliseconds, got ${String(recoverAfter)}`,
    );
  }
  const timeout = options.timeout ?? 5_000;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0) {
    throw new TypeError(
      `redisRateLimiter: options.timeout must be a positive number of milliseconds, got ${String(timeout)}`,
    );
  }
  return { key, perSecond, burst, adaptive: options.adaptive ?? true, recoverAfter, timeout };
}
