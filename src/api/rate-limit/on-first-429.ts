import { Observable, type SchedulerLike, asyncScheduler } from 'rxjs';
import type { AcquireRequest, RateLimiter, ThrottleInfo } from './rate-limiter';

/**
 * 429s within this many ms of the one that switched pacing on answer requests sent before it,
 * unpaced: they are one event, and they do not slow the limiter down (a `Retry-After` still
 * pauses it).
 */
const SAME_EVENT_MS = 1000;

/**
 * A {@link RateLimiter} on standby: it lets every request through at once until the server
 * first answers 429 without `Retry-After`, then paces every request with `limiter` from that
 * moment on (for the rest of the api's life). A 429 with `Retry-After` keeps it on standby: the
 * retry policy waits as told, and the host's limit may be above the guessed rate. `createApi` uses it, around a token bucket at the dialect's rate, for a
 * host other than the dialect's real server — the emulator, a test server, a proxy — whose
 * limit it cannot know: a host that never says 429 is never slowed down, and one that does
 * (the emulator in the Max dialect, a proxy to the real API) gets at most one burst of 429s,
 * which the retry policy sends again.
 *
 * The 429s of the requests that were in flight unpaced when pacing started (those within a
 * second of the first) switch it on without lowering `limiter`'s rate; later ones are passed
 * on, so an adaptive `limiter` slows down as usual. Once pacing, a `Retry-After` is always passed on.
 *
 * @example
 * const limiter = onFirst429(tokenBucket({ perSecond: 30 }));
 * createApi({ token, baseUrl: 'https://my-proxy.example', rateLimit: limiter });
 */
export function onFirst429(limiter: RateLimiter, options: { readonly scheduler?: SchedulerLike } = {}): StandbyLimiter {
  return new StandbyLimiter(limiter, options.scheduler ?? asyncScheduler);
}

/**
 * What {@link onFirst429} returns: a {@link RateLimiter} that also says whether it paces yet,
 * so a caller can skip `acquire` (an Observable per request) while it lets everything through.
 *
 * @example
 * const limiter = onFirst429(tokenBucket());
 * if (!limiter.pacing) send(); // what acquire() would have let through at once
 */
export class StandbyLimiter implements RateLimiter {
  /** When pacing started (the first 429 without `Retry-After`); `undefined` while on standby. */
  #since: number | undefined;

  constructor(
    private readonly limiter: RateLimiter,
    private readonly scheduler: SchedulerLike,
  ) {}

  /** False until the first 429 without `Retry-After`; then every request waits for `limiter`. */
  get pacing(): boolean {
    return this.#since !== undefined;
  }

  acquire(request?: AcquireRequest): Observable<void> {
    return new Observable<void>((subscriber) => {
      if (this.#since === undefined) {
        subscriber.next();
        subscriber.complete();
        return undefined;
      }
      return this.limiter.acquire(request).subscribe(subscriber);
    });
  }

  throttled(info: ThrottleInfo): void {
    const now = this.scheduler.now();
    if (this.#since === undefined) {
      // A 429 that names its pause (TamTam's Retry-After) says when to come back, and the
      // retry policy honours it per request: pacing at a guessed rate would only slow a host
      // whose limit is higher. A 429 without one (Max's way) says "over a limit I won't
      // tell": pace from now on.
      if (info.retryAfter === undefined) this.#since = now;
      return;
    }
    if (now - this.#since >= SAME_EVENT_MS) this.limiter.throttled(info);
    else if (info.retryAfter !== undefined && info.retryAfter > 0) this.limiter.throttled(info);
  }
}
