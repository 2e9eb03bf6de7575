import { TestScheduler } from 'rxjs/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { TamTamApiError, TamTamNetworkError, TamTamResponseError } from '../../src/api/index';
import { isFatalPollError } from '../../src/sources/poll-with-backoff';
import { pollAfter, pollWithBackoff, retryLikePolls } from '../../src/sources/poll-with-backoff';
import { createFakeApi } from '../../src/testing/index';
import type { OperationResultOf } from '../../src/api/operation-table';
import type { PollingTable } from '../../src/sources/polling-api';

const ctx = { operation: 'getUpdates', method: 'GET', path: '/updates' };
const status = (s: number, retryAfter?: number) =>
  new TamTamApiError({ ...ctx, status: s, code: `http.${s}`, description: 'x', retryAfter });
const backoff = {
  initialDelay: 1000,
  factor: 2,
  backoffLimit: 5000,
  jitter: 0,
  maxRetryAfter: Infinity,
  random: Math.random,
};
const page = { updates: [], marker: 7 };
/** What a poll answers, in any dialect. */
type PollAnswer = OperationResultOf<PollingTable, 'getUpdates'>;
const request = { marker: 3, limit: 100, timeout: 30, types: undefined };

let scheduler: TestScheduler;
beforeEach(() => {
  scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
});

describe('pollWithBackoff (virtual time)', () => {
  it('keeps retrying transient failures with capped exponential backoff, far beyond a call retry limit', () => {
    const retries: [number, number][] = [];
    scheduler.run(({ cold, expectObservable }) => {
      const failures = [
        status(503),
        status(500),
        new TamTamNetworkError('down', ctx),
        status(502),
        status(504),
        new TamTamResponseError({ ...ctx, status: 200, bodySnippet: '<html>' }),
      ];
      const api = createFakeApi()
        .respondOnce('getUpdates', ...failures.map((failure) => cold<typeof page>('#', undefined, failure)))
        .respond('getUpdates', cold('(a|)', { a: page }));
      // delays 1000, 2000, 4000, 5000, 5000, 5000 (capped) = 22000
      expectObservable(pollWithBackoff(api, request, backoff, (attempt, delay) => retries.push([attempt, delay]))).toBe(
        '22000ms (a|)',
        { a: page },
      );
    });
    expect(retries).toEqual([
      [1, 1000],
      [2, 2000],
      [3, 4000],
      [4, 5000],
      [5, 5000],
      [6, 5000],
    ]);
  });

  it('honours Retry-After of a 429 exactly', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const api = createFakeApi()
        .respondOnce('getUpdates', cold<typeof page>('#', undefined, status(429, 12_000)))
        .respond('getUpdates', cold('(a|)', { a: page }));
      expectObservable(pollWithBackoff(api, request, backoff, () => {})).toBe('12000ms (a|)', { a: page });
    });
  });

  it.each([400, 401, 403, 404, 405])('ends at once on %i', (code) => {
    scheduler.run(({ cold, expectObservable }) => {
      const error = status(code);
      const api = createFakeApi().respond('getUpdates', cold<typeof page>('-#', undefined, error));
      expectObservable(pollWithBackoff(api, request, backoff, () => {})).toBe('-#', undefined, error);
    });
  });

  it('sends marker, limit, timeout and types, with its own retry off and a long HTTP timeout', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const api = createFakeApi().respond('getUpdates', cold('(a|)', { a: page }));
      expectObservable(pollWithBackoff(api, { ...request, types: ['message_created'] }, backoff, () => {})).toBe(
        '(a|)',
        { a: page },
      );
      scheduler.flush();
      expect(api.requests()).toHaveLength(1);
      const [poll] = api.requests('getUpdates');
      expect(poll).toMatchObject({
        operation: 'getUpdates',
        query: { marker: 3, limit: 100, timeout: 30, types: ['message_created'] },
      });
      expect(poll?.timeout).toBeGreaterThan(30_000);
      expect(poll?.options).toEqual({ retry: false });
    });
  });
});

describe('pollAfter: the rest of a poll whose first attempt failed outside RxJS (virtual time)', () => {
  it('treats the failure as the first error of the retry rule: reported, waited for, then polls again', () => {
    const retries: [number, number, string][] = [];
    scheduler.run(({ cold, expectObservable }) => {
      const api = createFakeApi()
        .respondOnce('getUpdates', cold<typeof page>('#', undefined, status(503)))
        .respond('getUpdates', cold('(a|)', { a: page }));
      const retry = retryLikePolls<PollAnswer>('GET', 'getUpdates', backoff, (attempt, delay, error) =>
        retries.push([attempt, delay, error.name]),
      );
      // the failure handed in waits 1000 ms (attempt 1), the 503 of the api 2000 ms (attempt 2)
      expectObservable(pollAfter(status(429, 500), api, request, retry)).toBe('2500ms (a|)', { a: page });
      scheduler.flush();
      expect(api.requests('getUpdates')).toHaveLength(2);
    });
    expect(retries).toEqual([
      [1, 500, 'TamTamApiError'],
      [2, 2000, 'TamTamApiError'],
    ]);
  });

  it('retries a network error of the first attempt like any other', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const api = createFakeApi().respond('getUpdates', cold('(a|)', { a: page }));
      const retry = retryLikePolls<PollAnswer>('GET', 'getUpdates', backoff, () => {});
      expectObservable(pollAfter(new TamTamNetworkError('reset', ctx), api, request, retry)).toBe('1000ms (a|)', {
        a: page,
      });
      scheduler.flush();
      expect(api.requests('getUpdates')[0]).toMatchObject({ query: { marker: 3, limit: 100, timeout: 30 } });
    });
  });

  it.each([401, 404])('ends at once on a first attempt that failed with %i, without polling again', (code) => {
    const retries: number[] = [];
    scheduler.run(({ expectObservable }) => {
      const api = createFakeApi();
      const retry = retryLikePolls<PollAnswer>('GET', 'getUpdates', backoff, (attempt) => retries.push(attempt));
      const error = status(code);
      expectObservable(pollAfter(error, api, request, retry)).toBe('#', undefined, error);
      scheduler.flush();
      expect(api.requests()).toHaveLength(0);
    });
    expect(retries).toEqual([]);
  });
});

describe('isFatalPollError', () => {
  it('treats client errors (but 429) and programming errors as fatal', () => {
    expect(isFatalPollError(status(401))).toBe(true);
    expect(isFatalPollError(status(429))).toBe(false);
    expect(isFatalPollError(status(503))).toBe(false);
    expect(isFatalPollError(new TypeError('oops'))).toBe(true);
    expect(isFatalPollError(new TamTamNetworkError('x', ctx))).toBe(false);
  });
});
