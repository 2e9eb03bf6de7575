import { type Observable, type SchedulerLike, type Subscription, asyncScheduler, defer, lastValueFrom } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY,
  TamTamApiError,
  type TamTamRateLimitError,
  buildRequest,
  createApi,
  isRateLimiter,
  isTamTamApiError,
  isTamTamRateLimitError,
  tokenBucket,
  TAMTAM_DIALECT,
  TAMTAM_OPERATIONS,
  type RateLimiter,
  type RetryOptions,
  type ThrottleInfo,
} from '../../src/api/index';
import { onFirst429 } from '../../src/api/rate-limit/on-first-429';
import { resolveRateLimit } from '../../src/api/rate-limit/resolve-rate-limit';
import { retryPolicy } from '../../src/api/retry';
import { type ResolvedRetryOptions, resolveRetry } from '../../src/api/retry-options';

let scheduler: TestScheduler;
beforeEach(() => {
  scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
});

/** Subscribes to `n` acquisitions at virtual time `at` and records when each was granted. */
function grantTimes(limiter: RateLimiter, n: number, granted: number[], at = 0): Subscription[] {
  const subs: Subscription[] = [];
  scheduler.schedule(() => {
    for (let i = 0; i < n; i++) subs.push(limiter.acquire().subscribe(() => granted.push(scheduler.now())));
  }, at);
  return subs;
}

/** A scheduler counting the timers it has running, to prove nothing is left behind. */
function countingScheduler(inner: SchedulerLike): SchedulerLike & { live: number } {
  const counting = {
    live: 0,
    now: () => inner.now(),
    schedule: (work: never, delay?: number, state?: never) => {
      counting.live++;
      const sub = inner.schedule(work, delay, state);
      sub.add(() => counting.live--);
      return sub;
    },
  };
  return counting as unknown as SchedulerLike & { live: number };
}

describe('tokenBucket (virtual time)', () => {
  it('spaces requests 1000 / perSecond ms apart by default (burst 1)', () => {
    const granted: number[] = [];
    scheduler.run(() => {
      grantTimes(tokenBucket({ perSecond: 10 }), 5, granted);
    });
    expect(granted).toEqual([0, 100, 200, 300, 400]);
  });

  it('lets `burst` through at once after a quiet spell, then perSecond a second', () => {
    const granted: number[] = [];
    scheduler.run(() => {
      const limiter = tokenBucket({ perSecond: 10, burst: 3 });
      grantTimes(limiter, 5, granted);
      grantTimes(limiter, 3, granted, 2000); // quiet for long enough: the bucket is full again
    });
    expect(granted).toEqual([0, 0, 0, 100, 200, 2000, 2000, 2000]);
  });

  it('unsubscribing while waiting takes no slot and leaves no timer or queue entry behind', () => {
    const granted: number[] = [];
    let counting!: SchedulerLike & { live: number };
    let limiter!: ReturnType<typeof tokenBucket>;
    scheduler.run(() => {
      counting = countingScheduler(asyncScheduler);
      limiter = tokenBucket({ perSecond: 10, scheduler: counting });
      limiter.acquire().subscribe(() => granted.push(scheduler.now())); // t=0
      const waiting = limiter.acquire().subscribe(() => granted.push(-1)); // would be t=100
      expect(limiter.waiting).toBe(1);
      expect(counting.live).toBe(1);
      waiting.unsubscribe();
      expect(limiter.waiting).toBe(0);
      expect(counting.live).toBe(0);
      // the slot it waited for is still free: a later caller gets it
      scheduler.schedule(() => limiter.acquire().subscribe(() => granted.push(scheduler.now())), 150);
    });
    expect(granted).toEqual([0, 150]);
    expect(counting.live).toBe(0);
  });

  it('a request with priority (a long poll) is served before waiting ones without it', () => {
    const order: string[] = [];
    scheduler.run(() => {
      const limiter = tokenBucket({ perSecond: 10 });
      for (const name of ['s1', 's2', 's3'])
        limiter.acquire({ operation: 'sendMessage' }).subscribe(() => order.push(`${name}@${scheduler.now()}`));
      limiter
        .acquire({ operation: 'getUpdates', priority: true })
        .subscribe(() => order.push(`poll@${scheduler.now()}`));
      limiter
        .acquire({ operation: 'getUpdates', priority: true })
        .subscribe(() => order.push(`poll2@${scheduler.now()}`));
    });
    expect(order).toEqual(['s1@0', 'poll@100', 'poll2@200', 's2@300', 's3@400']);
  });

  it('a slot let through late (a busy event loop) is made up for by the next ones, up to 100 ms', () => {
    const granted: number[] = [];
    scheduler.run(() => {
      const lateClock = {
        now: () => scheduler.now(),
        schedule: (work: never, delay = 0, state?: never) => scheduler.schedule(work, delay + 25, state),
      };
      const limiter = tokenBucket({ perSecond: 10, scheduler: lateClock as unknown as SchedulerLike });
      grantTimes(limiter, 4, granted); // slots 0, 100, 200, 300; every wake-up comes 25 ms late
    });
    // without catching up: 0, 125, 250, 375
    expect(granted).toEqual([0, 125, 225, 325]);
  });

  it('a 429 without Retry-After halves the rate, which recovers after recoverAfter ms without one', () => {
    const granted: number[] = [];
    scheduler.run(() => {
      const limiter = tokenBucket({ perSecond: 10, recoverAfter: 1000 });
      scheduler.schedule(() => limiter.throttled({ retryAfter: undefined }), 0);
      scheduler.schedule(() => limiter.throttled({ retryAfter: undefined }), 1); // same overload: one halving
      grantTimes(limiter, 3, granted, 10);
      scheduler.schedule(() => expect(limiter.rate).toBe(5), 10);
      scheduler.schedule(() => expect(limiter.rate).toBe(10), 1001);
      grantTimes(limiter, 3, granted, 2000);
    });
    expect(granted).toEqual([10, 210, 410, 2000, 2100, 2200]);
  });

  it('never halves below perSecond / 16', () => {
    scheduler.run(() => {
      const limiter = tokenBucket({ perSecond: 32 });
      for (let i = 0; i < 10; i++) scheduler.schedule(() => limiter.throttled({ retryAfter: undefined }), i * 1000);
      scheduler.schedule(() => expect(limiter.rate).toBe(2), 9000);
    });
  });

  it('a Retry-After holds every request until it has passed', () => {
    const granted: number[] = [];
    scheduler.run(() => {
      const limiter = tokenBucket({ perSecond: 10, adaptive: false });
      grantTimes(limiter, 3, granted); // 0, 100, 200
      scheduler.schedule(() => limiter.throttled({ retryAfter: 1000 }), 50);
    });
    expect(granted).toEqual([0, 1050, 1150]);
  });

  it('checks its settings', () => {
    expect(() => tokenBucket({ perSecond: 0 })).toThrow(/perSecond must be a positive number/);
    expect(() => tokenBucket({ burst: 1.5 })).toThrow(/burst must be a whole number/);
    expect(() => tokenBucket({ recoverAfter: -1 })).toThrow(/recoverAfter/);
  });
});

describe('the default limiter of createApi', () => {
  const limits = { requestsPerSecond: 30 };
  const context = (baseUrl: string) => ({ baseUrl, dialectBaseUrl: 'https://platform-api2.max.ru', limits });

  it('is on at the dialect rate for the real host, on standby for other hosts (the emulator), as asked otherwise', () => {
    const real: number[] = [];
    const other: number[] = [];
    scheduler.run(() => {
      grantTimes(resolveRateLimit(undefined, context('https://platform-api2.max.ru')) as RateLimiter, 3, real);
      grantTimes(resolveRateLimit(undefined, context('http://127.0.0.1:8090')) as RateLimiter, 3, other);
    });
    expect(real).toEqual([0, 34, 67]); // paced from the first request
    expect(other).toEqual([0, 0, 0]); // not paced before the host's first 429
    expect(isRateLimiter(resolveRateLimit(true, context('http://127.0.0.1:8090')))).toBe(true);
    expect(resolveRateLimit(false, context('https://platform-api2.max.ru'))).toBeUndefined();
    const own: RateLimiter = { acquire: () => defer(async () => undefined), throttled: () => {} };
    expect(resolveRateLimit(own, context('http://127.0.0.1:8090'))).toBe(own);
    expect(() => resolveRateLimit(42 as never, context('http://x'))).toThrow(/rateLimit must be/);
  });

  it('uses the dialect rate (30/s for Max and for TamTam, which publishes none)', () => {
    const granted: number[] = [];
    scheduler.run(() => {
      const limiter = resolveRateLimit(undefined, {
        baseUrl: TAMTAM_DIALECT.baseUrl,
        dialectBaseUrl: TAMTAM_DIALECT.baseUrl,
        limits: TAMTAM_DIALECT.limits,
      });
      grantTimes(limiter as RateLimiter, 4, granted);
    });
    expect(granted).toEqual([0, 34, 67, 100]); // 1000 / 30 ms apart, on the next whole ms
  });

  it('asks the limiter before every attempt, retries included, and tells it about each 429', async () => {
    const acquired: number[] = [];
    const throttled: ThrottleInfo[] = [];
    const requests: unknown[] = [];
    const limiter: RateLimiter = {
      acquire: (request) =>
        defer(async () => {
          acquired.push(acquired.length);
          requests.push(request);
        }),
      throttled: (info) => void throttled.push(info),
    };
    const answers = [
      new Response(JSON.stringify({ code: 'too.many.requests', message: 'slow down' }), { status: 429 }),
      new Response(JSON.stringify({ code: 'too.many.requests', message: 'slow down' }), {
        status: 429,
        headers: { 'retry-after': '0' },
      }),
      new Response(JSON.stringify({ chats: [], marker: null }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    ];
    const api = createApi({
      token: 't',
      baseUrl: 'http://127.0.0.1:1',
      rateLimit: limiter,
      retry: { initialDelay: 1, jitter: 0 },
      fetch: async () => answers.shift() as Response,
    });
    await lastValueFrom(api.request(buildRequest(TAMTAM_OPERATIONS, 'getChats', {})));
    expect(acquired).toEqual([0, 1, 2]);
    expect(requests).toEqual([
      { operation: 'getChats', priority: false },
      { operation: 'getChats', priority: false },
      { operation: 'getChats', priority: false },
    ]);
    expect(throttled).toEqual([{ retryAfter: undefined }, { retryAfter: 0 }]);
  });
});

describe('onFirst429: the default limiter of a host other than the real API (virtual time)', () => {
  it('lets everything through until the first 429, then paces every request', () => {
    const granted: number[] = [];
    scheduler.run(() => {
      const limiter = onFirst429(tokenBucket({ perSecond: 10, scheduler }), { scheduler });
      grantTimes(limiter, 3, granted, 0);
      scheduler.schedule(() => limiter.throttled({ retryAfter: undefined }), 5);
      grantTimes(limiter, 3, granted, 10);
    });
    expect(granted).toEqual([0, 0, 0, 10, 110, 210]);
  });

  it('does not slow down for the 429s of requests sent before pacing began, but does for later ones', () => {
    const rates: number[] = [];
    scheduler.run(() => {
      const bucket = tokenBucket({ perSecond: 30, scheduler });
      const limiter = onFirst429(bucket, { scheduler });
      // a burst of unpaced requests comes back 429 over 200 ms: one event, the rate stays
      for (let t = 0; t <= 200; t += 50) scheduler.schedule(() => limiter.throttled({ retryAfter: undefined }), t);
      scheduler.schedule(() => rates.push(bucket.rate), 300);
      // a 429 despite pacing: the server's limit is lower, halve
      scheduler.schedule(() => limiter.throttled({ retryAfter: undefined }), 1500);
      scheduler.schedule(() => rates.push(bucket.rate), 1501);
    });
    expect(rates).toEqual([30, 15]);
  });

  it('stays on standby after a 429 with Retry-After (the retry waits as told; the host may allow more than the guess)', () => {
    const granted: number[] = [];
    scheduler.run(() => {
      const limiter = onFirst429(tokenBucket({ perSecond: 10, scheduler, adaptive: false }), { scheduler });
      scheduler.schedule(() => limiter.throttled({ retryAfter: 2000 }), 0);
      grantTimes(limiter, 2, granted, 1);
    });
    expect(granted).toEqual([1, 1]);
  });

  it('once pacing, honours a Retry-After for every request', () => {
    const granted: number[] = [];
    scheduler.run(() => {
      const limiter = onFirst429(tokenBucket({ perSecond: 10, scheduler, adaptive: false }), { scheduler });
      scheduler.schedule(() => limiter.throttled({ retryAfter: undefined }), 0);
      scheduler.schedule(() => limiter.throttled({ retryAfter: 2000 }), 1);
      grantTimes(limiter, 2, granted, 2);
    });
    expect(granted).toEqual([2001, 2101]);
  });

  it('unsubscribing a waiting acquisition leaves nothing queued in the bucket', () => {
    scheduler.run(() => {
      const bucket = tokenBucket({ perSecond: 1, scheduler });
      const limiter = onFirst429(bucket, { scheduler });
      limiter.throttled({ retryAfter: undefined });
      const subs = grantTimes(limiter, 3, [], 0);
      scheduler.schedule(() => {
        expect(bucket.waiting).toBe(2);
        for (const sub of subs) sub.unsubscribe();
        expect(bucket.waiting).toBe(0);
      }, 10);
    });
  });
});

describe('429 is retried for maxRetryTime, then gives up with TamTamRateLimitError (virtual time)', () => {
  const context = { operation: 'sendMessage', method: 'POST', path: '/messages' };
  const tooMany = (retryAfter?: number) =>
    new TamTamApiError({ ...context, status: 429, code: 'too.many.requests', description: 'x', retryAfter });
  const exact = (options: RetryOptions = {}): ResolvedRetryOptions =>
    resolveRetry(DEFAULT_RETRY, { jitter: 0, ...options }) as ResolvedRetryOptions;
  function attempts<T>(make: (n: number) => Observable<T>): Observable<T> {
    let n = 0;
    return defer(() => make(n++));
  }

  it('keeps retrying a 429 without Retry-After far beyond `limit` and delivers the send', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = attempts((n) => (n < 7 ? cold<string>('#', undefined, tooMany()) : cold('(a|)')));
      // 500, 1000, 2000, 4000, 8000, 16000 = 31.5 s, then 30 000 (the cap) would pass 60 s: cut to 28.5 s
      expectObservable(source.pipe(retryPolicy(exact(), 'POST', 'sendMessage'))).toBe('60000ms (a|)');
    });
  });

  it('gives up when maxRetryTime is spent, saying how long and how often it tried', () => {
    let error: unknown;
    scheduler.run(({ cold }) => {
      const source = attempts(() => cold<string>('#', undefined, tooMany()));
      source.pipe(retryPolicy(exact(), 'POST', 'sendMessage')).subscribe({ error: (e) => (error = e) });
    });
    expect(isTamTamRateLimitError(error)).toBe(true);
    expect(isTamTamApiError(error)).toBe(true); // still a 429 API error for existing checks
    const e = error as TamTamRateLimitError;
    expect([e.name, e.status, e.attempts, e.elapsed]).toEqual(['TamTamRateLimitError', 429, 8, 60_000]);
    expect(e.message).toMatch(/gave up after 8 attempts in 60000 ms/);
  });

  it('honours Retry-After, and gives up at once when it asks beyond what is left', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const ok = attempts((n) => (n < 3 ? cold<string>('#', undefined, tooMany(2000)) : cold('(a|)')));
      expectObservable(ok.pipe(retryPolicy(exact(), 'POST', 'sendMessage'))).toBe('6000ms (a|)');
      const late = attempts((n) => cold<string>('#', undefined, tooMany(n === 0 ? 50_000 : 20_000)));
      expectObservable(late.pipe(retryPolicy(exact(), 'POST', 'sendMessage'))).toBe(
        '50000ms #',
        undefined,
        expect.objectContaining({ name: 'TamTamRateLimitError', attempts: 2, elapsed: 50_000 }),
      );
    });
  });

  it('maxRetryTime is configurable; limit 0 and retry: false still turn retries off', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const always = () => attempts(() => cold<string>('#', undefined, tooMany()));
      expectObservable(always().pipe(retryPolicy(exact({ maxRetryTime: 1000 }), 'POST', 'sendMessage'))).toBe(
        '1000ms #',
        undefined,
        expect.objectContaining({ name: 'TamTamRateLimitError', attempts: 3 }),
      );
      expectObservable(always().pipe(retryPolicy(exact({ limit: 0 }), 'POST', 'sendMessage'))).toBe(
        '#',
        undefined,
        tooMany(),
      );
      expectObservable(always().pipe(retryPolicy(false, 'POST', 'sendMessage'))).toBe('#', undefined, tooMany());
    });
  });

  it('other retried failures stay bounded by limit', () => {
    const unavailable = new TamTamApiError({ ...context, status: 503, code: 'http.503', description: 'x' });
    scheduler.run(({ cold, expectObservable }) => {
      const source = attempts(() => cold<string>('#', undefined, unavailable));
      // 500 + 1000 + 2000 + 4000
      expectObservable(source.pipe(retryPolicy(exact(), 'POST', 'sendMessage'))).toBe(
        '7500ms #',
        undefined,
        unavailable,
      );
    });
  });
});
