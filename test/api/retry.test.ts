import { defer, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_RETRY,
  TamTamApiError,
  TamTamNetworkError,
  TamTamTimeoutError,
  type RetryOptions,
} from '../../src/api/index';
import { retryDelay, retryPolicy } from '../../src/api/retry';
import { type ResolvedRetryOptions, resolveRetry } from '../../src/api/retry-options';

const context = { operation: 'getChats', method: 'GET', path: '/chats' };
const apiError = (status: number, code = `http.${status}`, retryAfter?: number) =>
  new TamTamApiError({ ...context, status, code, description: 'x', retryAfter });
const networkError = () => new TamTamNetworkError('getChats could not reach the API', context);

const exact = (options: RetryOptions = {}): ResolvedRetryOptions => {
  const resolved = resolveRetry(DEFAULT_RETRY, { jitter: 0, initialDelay: 100, ...options });
  if (resolved === false) throw new Error('unexpected');
  return resolved;
};

let scheduler: TestScheduler;
beforeEach(() => {
  scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
});

/** A source whose n-th subscription (0-based) behaves like attempts[n]. */
function attempts<T>(list: readonly (() => Observable<T>)[]): Observable<T> {
  let n = 0;
  return defer(() => {
    const next = list[Math.min(n, list.length - 1)];
    n += 1;
    if (!next) throw new Error('no attempts');
    return next();
  });
}

describe('retryPolicy in virtual time', () => {
  it('backs off exponentially on 503 and then succeeds', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const fail = () => cold<string>('-#', undefined, apiError(503));
      const source = attempts([fail, fail, () => cold('-(a|)')]);
      // attempt 1 fails at 1, waits 100; attempt 2 fails at 102, waits 200; attempt 3 emits at 303
      expectObservable(source.pipe(retryPolicy(exact(), 'GET', 'getChats'))).toBe('303ms (a|)');
    });
  });

  it('honours Retry-After on 429 instead of the backoff', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = attempts([
        () => cold<string>('#', undefined, apiError(429, 'too.many.requests', 5_000)),
        () => cold('(a|)'),
      ]);
      expectObservable(source.pipe(retryPolicy(exact(), 'POST', 'sendMessage'))).toBe('5000ms (a|)');
    });
  });

  it('caps the backoff at backoffLimit', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const fail = () => cold<string>('#', undefined, apiError(503));
      const source = attempts([fail, fail, fail, () => cold('(a|)')]);
      // 100, then 200 capped to 150, then 400 capped to 150
      expectObservable(source.pipe(retryPolicy(exact({ backoffLimit: 150 }), 'GET', 'getChats'))).toBe('400ms (a|)');
    });
  });

  it('gives up after `limit` retries with the last error', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const error = apiError(503);
      const source = attempts([() => cold<string>('#', undefined, error)]);
      // retries at 100, 300 (100+200); third failure is final
      expectObservable(source.pipe(retryPolicy(exact({ limit: 2 }), 'GET', 'getChats'))).toBe(
        '300ms #',
        undefined,
        error,
      );
    });
  });

  it.each([400, 401, 403, 404])('never retries %i', (status) => {
    scheduler.run(({ cold, expectObservable }) => {
      const error = apiError(status);
      const source = attempts([() => cold<string>('-#', undefined, error), () => cold('(a|)')]);
      expectObservable(source.pipe(retryPolicy(exact(), 'GET', 'getChats'))).toBe('-#', undefined, error);
    });
  });

  it('retries network errors and timeouts for GET only', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const timeout = new TamTamTimeoutError({ ...context, timeout: 10 });
      const get = attempts([
        () => cold<string>('#', undefined, networkError()),
        () => cold<string>('#', undefined, timeout),
        () => cold('(a|)'),
      ]);
      expectObservable(get.pipe(retryPolicy(exact(), 'GET', 'getChats'))).toBe('300ms (a|)');
      const error = networkError();
      const post = attempts([() => cold<string>('#', undefined, error), () => cold('(a|)')]);
      expectObservable(post.pipe(retryPolicy(exact(), 'POST', 'sendMessage'))).toBe('#', undefined, error);
    });
  });

  it('retries a 400 only for the configured API error codes', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const notReady = attempts([
        () => cold<string>('#', undefined, apiError(400, 'attachment.not.ready')),
        () => cold('(a|)'),
      ]);
      expectObservable(
        notReady.pipe(retryPolicy(exact({ errorCodes: ['attachment.not.ready'] }), 'POST', 'sendMessage')),
      ).toBe('100ms (a|)');
      const other = apiError(400, 'proto.payload');
      const bad = attempts([() => cold<string>('#', undefined, other), () => cold('(a|)')]);
      expectObservable(
        bad.pipe(retryPolicy(exact({ errorCodes: ['attachment.not.ready'] }), 'POST', 'sendMessage')),
      ).toBe('#', undefined, other);
    });
  });

  it('fails at once, with the typed give-up error, when Retry-After exceeds maxRetryAfter', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const error = apiError(429, 'too.many.requests', 600_000);
      const source = attempts([() => cold<string>('#', undefined, error), () => cold('(a|)')]);
      expectObservable(source.pipe(retryPolicy(exact({ maxRetryAfter: 60_000 }), 'GET', 'getChats'))).toBe(
        '#',
        undefined,
        expect.objectContaining({
          name: 'TamTamRateLimitError',
          status: 429,
          retryAfter: 600_000,
          attempts: 1,
          elapsed: 0,
        }),
      );
    });
  });

  it('reports every retry to onRetry before waiting', () => {
    const onRetry = vi.fn();
    scheduler.run(({ cold, expectObservable }) => {
      const fail = () => cold<string>('#', undefined, apiError(503));
      const source = attempts([fail, fail, () => cold('(a|)')]);
      expectObservable(source.pipe(retryPolicy(exact({ onRetry }), 'GET', 'getChats'))).toBe('300ms (a|)');
    });
    expect(onRetry.mock.calls.map(([info]) => [info.attempt, info.delay, info.operation, info.error.status])).toEqual([
      [1, 100, 'getChats', 503],
      [2, 200, 'getChats', 503],
    ]);
  });

  it('does nothing when retry is disabled', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const error = apiError(503);
      const source = attempts([() => cold<string>('#', undefined, error), () => cold('(a|)')]);
      expectObservable(source.pipe(retryPolicy(false, 'GET', 'getChats'))).toBe('#', undefined, error);
    });
  });

  it('unsubscribing during the backoff wait cancels the pending retry', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const first = cold<string>('#', undefined, apiError(503));
      const second = cold<string>('a|');
      const source = attempts([() => first, () => second]);
      expectObservable(source.pipe(retryPolicy(exact(), 'GET', 'getChats')), '50ms !').toBe('');
      expectSubscriptions(second.subscriptions).toBe([]);
    });
  });
});

describe('retryDelay', () => {
  it('draws jitter below the nominal delay', () => {
    const options = exact({ jitter: 0.5, random: () => 0.999 });
    const delay = retryDelay(options, 'GET', apiError(503), 3);
    expect(delay).toBeGreaterThanOrEqual(200);
    expect(delay).toBeLessThanOrEqual(400);
    expect(retryDelay(exact({ jitter: 0.5, random: () => 0 }), 'GET', apiError(503), 3)).toBe(400);
  });

  it('does not retry errors that are not TamTam errors (programming mistakes)', () => {
    expect(retryDelay(exact(), 'GET', new TypeError('x is undefined'), 1)).toBeUndefined();
  });
});

describe('resolveRetry', () => {
  it('layers options field by field and adds up errorCodes', () => {
    const resolved = resolveRetry(
      DEFAULT_RETRY,
      { limit: 9 },
      { errorCodes: ['attachment.not.ready'] },
      { initialDelay: 5 },
    );
    expect(resolved).toMatchObject({
      limit: 9,
      initialDelay: 5,
      errorCodes: ['attachment.not.ready'],
      statusCodes: [429, 503],
    });
  });

  it('false in any layer disables retry', () => {
    expect(resolveRetry(DEFAULT_RETRY, { limit: 9 }, false)).toBe(false);
  });

  it('rejects nonsense with a message naming the field', () => {
    expect(() => resolveRetry(DEFAULT_RETRY, { limit: -1 })).toThrow(/retry\.limit/);
    expect(() => resolveRetry(DEFAULT_RETRY, { limit: 1.5 })).toThrow(/retry\.limit/);
    expect(() => resolveRetry(DEFAULT_RETRY, { jitter: 2 })).toThrow(/retry\.jitter/);
    expect(() => resolveRetry(DEFAULT_RETRY, { factor: 0.5 })).toThrow(/retry\.factor/);
    expect(() => resolveRetry(DEFAULT_RETRY, { statusCodes: [429, 401] })).toThrow(/must not contain 401/);
  });
});
