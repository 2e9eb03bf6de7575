/**
 * The one retry rule (src/api/retry.ts), pinned for both of its users: api calls (the default
 * options) and long polling (LONG_POLL_RETRY). Delays run in virtual time.
 */
import { defer, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY,
  TamTamApiError,
  TamTamNetworkError,
  TamTamResponseError,
  TamTamTimeoutError,
  type HttpMethod,
} from '../../src/api/index';
import { LONG_POLL_RETRY, NEVER_RETRIED_STATUSES, isRetryable, retryPolicy } from '../../src/api/retry';
import { resolveRetry, type ResolvedRetryOptions } from '../../src/api/retry-options';
import { isFatalPollError } from '../../src/sources/poll-with-backoff';
import { pollWithBackoff } from '../../src/sources/poll-with-backoff';
import { createFakeApi } from '../../src/testing/index';

const context = { operation: 'getChats', method: 'GET', path: '/chats' };
const apiError = (status: number, code = `http.${status}`, retryAfter?: number) =>
  new TamTamApiError({ ...context, status, code, description: 'x', retryAfter });
const failures = {
  network: () => new TamTamNetworkError('getChats could not reach the API', context),
  timeout: () => new TamTamTimeoutError({ ...context, timeout: 10 }),
  malformed: () => new TamTamResponseError({ ...context, status: 200, bodySnippet: '{"chats":[' }),
  bug: () => new TypeError('x is undefined'),
};

const callOptions = (): ResolvedRetryOptions => {
  const resolved = resolveRetry(DEFAULT_RETRY, { jitter: 0, initialDelay: 100 });
  if (resolved === false) throw new Error('unexpected');
  return resolved;
};
const pollBackoff = {
  initialDelay: 100,
  factor: 2,
  backoffLimit: 1_000,
  jitter: 0,
  maxRetryAfter: 60_000,
  random: Math.random,
};

let scheduler: TestScheduler;
beforeEach(() => {
  scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
});

/** A source whose n-th subscription (0-based) behaves like attempts[n] (the last one repeats). */
function attempts<T>(list: readonly (() => Observable<T>)[]): Observable<T> {
  let n = 0;
  return defer(() => {
    const next = list[Math.min(n, list.length - 1)];
    n += 1;
    if (!next) throw new Error('no attempts');
    return next();
  });
}

describe('which failures are retried', () => {
  // status → [retried by a call, retried by the long poll]
  const statuses: readonly (readonly [number, boolean, boolean])[] = [
    [400, false, false],
    [401, false, false],
    [403, false, false],
    [404, false, false],
    [405, false, false],
    [409, false, false],
    [413, false, false],
    [429, true, true],
    [500, false, true],
    [502, false, true],
    [503, true, true],
    [504, false, true],
  ];

  it.each(statuses)('status %i: call %s, long poll %s', (status, byCall, byPoll) => {
    const error = apiError(status);
    expect(isRetryable(callOptions(), 'GET', error)).toBe(byCall);
    expect(isRetryable(callOptions(), 'POST', error)).toBe(byCall);
    expect(isRetryable(LONG_POLL_RETRY, 'GET', error)).toBe(byPoll);
    expect(isFatalPollError(error)).toBe(!byPoll);
  });

  it.each(['network', 'timeout'] as const)(
    'a %s failure is retried for GET only, and always by the long poll',
    (kind) => {
      const error = failures[kind]();
      const byMethod = (method: HttpMethod) => isRetryable(callOptions(), method, error);
      expect([byMethod('GET'), byMethod('POST'), byMethod('PUT'), byMethod('PATCH'), byMethod('DELETE')]).toEqual([
        true,
        false,
        false,
        false,
        false,
      ]);
      expect(isFatalPollError(error)).toBe(false);
    },
  );

  it('an unreadable answer is retried by the long poll, and by a call only where unreadableAnswerMethods says', () => {
    const error = failures.malformed();
    expect(isRetryable(callOptions(), 'GET', error)).toBe(false);
    expect(isFatalPollError(error)).toBe(false);
    const opted = resolveRetry(DEFAULT_RETRY, { unreadableAnswerMethods: ['GET'] });
    if (opted === false) throw new Error('unexpected');
    expect(isRetryable(opted, 'GET', error)).toBe(true);
    expect(isRetryable(opted, 'POST', error)).toBe(false);
  });

  it('errors that are not TamTam errors (bugs) are never retried', () => {
    expect(isRetryable(callOptions(), 'GET', failures.bug())).toBe(false);
    expect(isFatalPollError(failures.bug())).toBe(true);
  });

  it('400/401/403/404 cannot be made retryable by status; an operation may declare an error code transient', () => {
    for (const status of NEVER_RETRIED_STATUSES) {
      expect(() => resolveRetry(DEFAULT_RETRY, { statusCodes: [429, status] })).toThrow(
        new RegExp(`must not contain ${status}`),
      );
    }
    const sendOptions = resolveRetry(DEFAULT_RETRY, { errorCodes: ['attachment.not.ready'] });
    if (sendOptions === false) throw new Error('unexpected');
    expect(isRetryable(sendOptions, 'POST', apiError(400, 'attachment.not.ready'))).toBe(true);
    expect(isRetryable(sendOptions, 'POST', apiError(400, 'proto.payload'))).toBe(false);
  });
});

describe('how long to wait (virtual time)', () => {
  it('a call waits Retry-After on 429 and 503, otherwise backs off', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = attempts([
        () => cold<string>('#', undefined, apiError(429, 'too.many.requests', 3_000)),
        () => cold<string>('#', undefined, apiError(503, 'service.unavailable', 2_000)),
        () => cold<string>('#', undefined, apiError(503)),
        () => cold('(a|)'),
      ]);
      // 3000 (Retry-After) + 2000 (Retry-After) + 400 (third backoff step)
      expectObservable(source.pipe(retryPolicy(callOptions(), 'POST', 'sendMessage'))).toBe('5400ms (a|)');
    });
  });

  it('a call gives up at once on a Retry-After above maxRetryAfter; the long poll waits maxRetryAfter and asks again', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const tooLong = apiError(429, 'too.many.requests', 3_600_000);
      const call = attempts([() => cold<string>('#', undefined, tooLong), () => cold('(a|)')]);
      expectObservable(call.pipe(retryPolicy(callOptions(), 'GET', 'getChats'))).toBe(
        '#',
        undefined,
        expect.objectContaining({ name: 'TamTamRateLimitError', status: 429, retryAfter: 3_600_000, attempts: 1 }),
      );

      const page = { updates: [], marker: 1 };
      const api = createFakeApi()
        .respondOnce('getUpdates', cold<typeof page>('#', undefined, tooLong))
        .respond('getUpdates', cold('(a|)', { a: page }));
      const poll = pollWithBackoff(
        api,
        { marker: null, limit: 100, timeout: 30, types: undefined },
        pollBackoff,
        () => {},
      );
      expectObservable(poll).toBe('60000ms (a|)', { a: page });
    });
  });

  it('the long poll retries far beyond a call limit, with capped backoff', () => {
    const delays: number[] = [];
    scheduler.run(({ cold, expectObservable }) => {
      const page = { updates: [], marker: 1 };
      const failed = Array.from({ length: 20 }, (_, n) =>
        cold<typeof page>('#', undefined, n % 2 === 0 ? apiError(502) : failures.network()),
      );
      const api = createFakeApi()
        .respondOnce('getUpdates', ...failed)
        .respond('getUpdates', cold('(a|)', { a: page }));
      const poll = pollWithBackoff(
        api,
        { marker: null, limit: 100, timeout: 30, types: undefined },
        pollBackoff,
        (_, delay) => delays.push(delay),
      );
      // 100, 200, 400, 800, then 16 × 1000 (the cap)
      expectObservable(poll).toBe('17500ms (a|)', { a: page });
    });
    expect(delays).toHaveLength(20);
    expect(delays.slice(0, 5)).toEqual([100, 200, 400, 800, 1_000]);
  });

  it.each(NEVER_RETRIED_STATUSES)('%i fails a call and ends the long poll at once', (status) => {
    scheduler.run(({ cold, expectObservable }) => {
      const error = apiError(status);
      const call = attempts([() => cold<string>('-#', undefined, error), () => cold('(a|)')]);
      expectObservable(call.pipe(retryPolicy(callOptions(), 'GET', 'getChats'))).toBe('-#', undefined, error);
      const api = createFakeApi().respond('getUpdates', cold<never>('-#', undefined, error));
      expectObservable(
        pollWithBackoff(api, { marker: null, limit: 100, timeout: 30, types: undefined }, pollBackoff, () => {}),
      ).toBe('-#', undefined, error);
    });
  });
});
