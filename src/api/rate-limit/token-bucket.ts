import { Observable, type SchedulerLike, type Subscription, asyncScheduler } from 'rxjs';
import {
  type AcquireRequest,
  DEFAULT_REQUESTS_PER_SECOND,
  type RateLimitOptions,
  type RateLimiter,
  type ThrottleInfo,
} from './rate-limiter';

/**
 * The in-process {@link RateLimiter} `createApi` uses by default, with live figures for metrics
 * and tests.
 *
 * @example
 * const limiter = tokenBucket({ perSecond: 30 });
 * limiter.rate; // 30, 15 after a 429, back to 30 after 5 s without one
 */
export interface TokenBucket extends RateLimiter {
  /** Requests per second it lets through now (below `perSecond` for a while after a 429). */
  readonly rate: number;
  /** Acquisitions waiting for a slot. */
  readonly waiting: number;
}

/** A waiting `acquire()`; removed from the queue when granted or unsubscribed. */
interface Waiter {
  readonly priority: boolean;
  /** When it asked (scheduler time). */
  readonly since: number;
  grant(): void;
}

/**
 * A token bucket (in its GCRA form: a theoretical arrival time, no refill timer) that lets
 * `perSecond` requests a second through, up to `burst` at once, first come first served
 * (requests with `priority`, long polls, before the others). Slots
 * are handed out by RxJS timers on `scheduler` (default `asyncScheduler`), so it runs in
 * virtual time under `TestScheduler.run`. Adaptive by default: a 429 halves the rate (at most
 * once a second, down to `perSecond / 16`), every `recoverAfter` ms without a 429 doubles it
 * back, and a `Retry-After` holds every request until it has passed.
 *
 * Unsubscribing from a waiting `acquire()` removes it from the queue and takes no slot; the
 * bucket's only timer runs while someone waits.
 *
 * @example
 * const limiter = tokenBucket({ perSecond: 30 });
 * const api = createApi({ token, rateLimit: limiter });
 * // or by hand:
 * limiter.acquire().pipe(concatMap(() => send())).subscribe();
 */
export function tokenBucket(options: RateLimitOptions & { readonly scheduler?: SchedulerLike } = {}): TokenBucket {
  return new GcraBucket(options);
}

/** One halving per this many ms at most: the 429s of requests already in flight are one event. */
const HALVING_COOLDOWN_MS = 1000;
/** Lateness (ms) of a slot that is made up for by the next ones; beyond it, the slots are lost. */
const CATCH_UP_MS = 100;
/** The adaptive rate never drops below `perSecond / MIN_RATE_DIVISOR`. */
const MIN_RATE_DIVISOR = 16;

class GcraBucket implements TokenBucket {
  readonly #target: number;
  readonly #burst: number;
  readonly #adaptive: boolean;
  readonly #recoverAfter: number;
  readonly #scheduler: SchedulerLike;
  #rate: number;
  /** Theoretical arrival time of the next request at the current rate. */
  #tat = Number.NEGATIVE_INFINITY;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  #lastHalving = Number.NEGATIVE_INFINITY;
  #lastThrottle = Number.NEGATIVE_INFINITY;
  readonly #queue: Waiter[] = [];
  #timer: Subscription | undefined;
  #draining = false;

  constructor(options: RateLimitOptions & { readonly scheduler?: SchedulerLike }) {
    const perSecond = options.perSecond ?? DEFAULT_REQUESTS_PER_SECOND;
    if (typeof perSecond !== 'number' || !Number.isFinite(perSecond) || perSecond <= 0) {
      throw new TypeError(
        `rateLimit.perSecond must be a positive number of requests per second, got ${String(perSecond)}`,
      );
    }
    const burst = options.burst ?? 1;
    if (!Number.isInteger(burst) || burst < 1) {
      throw new TypeError(`rateLimit.burst must be a whole number ≥ 1, got ${String(burst)}`);
    }
    const recoverAfter = options.recoverAfter ?? 5_000;
    if (typeof recoverAfter !== 'number' || !Number.isFinite(recoverAfter) || recoverAfter < 0) {
      throw new TypeError(
        `rateLimit.recoverAfter must be a non-negative number of milliseconds, got ${String(recoverAfter)}`,
      );
    }
    this.#target = perSecond;
    this.#rate = perSecond;
    this.#burst = burst;
    this.#adaptive = options.adaptive ?? true;
    this.#recoverAfter = recoverAfter;
    this.#scheduler = options.scheduler ?? asyncScheduler;
  }

  get rate(): number {
    this.#recover(this.#scheduler.now());
    return this.#rate;
  }

  get waiting(): number {
    return this.#queue.length;
  }

  acquire(request?: AcquireRequest): Observable<void> {
    return new Observable<void>((subscriber) => {
      const waiter: Waiter = {
        priority: request?.priority === true,
        since: this.#scheduler.now(),
        grant: () => {
          subscriber.next();
          subscriber.complete();
        },
      };
      if (waiter.priority) {
        const firstOrdinary = this.#queue.findIndex((w) => !w.priority);
        this.#queue.splice(firstOrdinary < 0 ? this.#queue.length : firstOrdinary, 0, waiter);
      } else {
        this.#queue.push(waiter);
      }
      this.#drain();
      return () => {
        const index = this.#queue.indexOf(waiter);
        if (index < 0) return; // granted already
        this.#queue.splice(index, 1);
        if (this.#queue.length === 0) this.#stopTimer();
      };
    });
  }

  throttled(info: ThrottleInfo): void {
    const now = this.#scheduler.now();
    if (info.retryAfter !== undefined && info.retryAfter > 0)
      this.#pausedUntil = Math.max(this.#pausedUntil, now + info.retryAfter);
    if (this.#adaptive) {
      this.#recover(now);
      this.#lastThrottle = now;
      if (now - this.#lastHalving >= HALVING_COOLDOWN_MS) {
        this.#lastHalving = now;
        this.#rate = Math.max(this.#target / MIN_RATE_DIVISOR, this.#rate / 2);
      }
    }
    if (this.#queue.length > 0) {
      this.#stopTimer();
      this.#drain();
    }
  }

  /** Every `recoverAfter` ms without a 429 doubles a lowered rate, up to the target. */
  #recover(now: number): void {
    if (this.#rate >= this.#target) return;
    const steps = Math.floor((now - this.#lastThrottle) / this.#recoverAfter);
    if (!(steps >= 1)) return;
    this.#rate = Math.min(this.#target, this.#rate * 2 ** Math.min(steps, 16));
    this.#lastThrottle += steps * this.#recoverAfter;
  }

  /** Grants every waiter whose slot has come, then sleeps until the next one's. */
  #drain(): void {
    if (this.#draining) return; // a grant subscribed again: the loop below serves it
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        const now = this.#scheduler.now();
        this.#recover(now);
        const interval = 1000 / this.#rate;
        const earliest = Math.max(this.#pausedUntil, this.#tat - (this.#burst - 1) * interval);
        if (now < earliest) {
          if (this.#timer === undefined) {
            this.#timer = this.#scheduler.schedule(
              () => {
                this.#timer = undefined;
                this.#drain();
              },
              Math.ceil(earliest - now),
            );
          }
          return;
        }
        // A waiter that arrived before its slot takes the slot itself, though the timer or a busy
        // event loop let it through late (otherwise every late wake-up would lower the rate), up
        // to CATCH_UP_MS late; one that found the bucket idle, or waited out a pause, starts then.
        const waiter = this.#queue.shift() as Waiter;
        this.#tat = Math.max(this.#tat, waiter.since, this.#pausedUntil, now - CATCH_UP_MS) + interval;
        waiter.grant();
      }
    } finally {
      this.#draining = false;
    }
  }

  #stopTimer(): void {
    this.#timer?.unsubscribe();
    this.#timer = undefined;
  }
}
