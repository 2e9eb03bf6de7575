import { NEVER, firstValueFrom, toArray, take } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  TamTamApiError,
  TamTamNetworkError,
  TamTamResponseError,
  createApi,
  isTamTamApiError,
} from '../../src/api/index';
import { fromLongPolling, isWebhookConflictError, type PollingStatus } from '../../src/sources/index';
import { createFakeApi, textMessage } from '../../src/testing/index';
import type { Subscription } from '../../src/types/index';

const ctx = (operation: string, method = 'GET', path = '/subscriptions') => ({ operation, method, path });
const status = (s: number, operation = 'getSubscriptions') =>
  new TamTamApiError({ ...ctx(operation), status: s, code: `http.${s}`, description: 'x' });
const dropped = (operation = 'getSubscriptions') => new TamTamNetworkError('socket hang up', ctx(operation));
const malformed = () => new TamTamResponseError({ ...ctx('getSubscriptions'), status: 200, bodySnippet: '{"subscr' });
/** Tiny real-time backoff: these tests are about what is retried, not how long it waits. */
const backoff = { initialDelay: 1, backoffLimit: 2, jitter: 0 };
const update = textMessage('hi');

/** A webhook subscription at `url`. */
const webhook = (url: string): Subscription => ({ url, time: 0, update_types: null, version: null });

/** An api whose getSubscriptions fails with `start` in turn (then answers `subscriptions`); polls answer one update, then never. */
function startingApi(start: readonly Error[], subscriptions: Subscription[] = []) {
  return createFakeApi()
    .respondOnce('getSubscriptions', ...start)
    .respond('getSubscriptions', { subscriptions })
    .respond('unsubscribe', { success: true })
    .respondOnce('getUpdates', { updates: [update], marker: 1 })
    .respond('getUpdates', NEVER);
}

describe('long polling start-up faults', () => {
  it('retries a 500, a malformed answer and many dropped connections at start, then polls', async () => {
    const failures = [
      status(500),
      malformed(),
      ...Array.from({ length: 8 }, () => dropped()),
      status(429),
      status(503),
    ];
    const api = startingApi(failures);
    const statuses: PollingStatus[] = [];
    const updates$ = fromLongPolling(api, { backoff, onStatus: (s) => statuses.push(s) });
    const first = await firstValueFrom(updates$);
    expect(first.update_type).toBe('message_created');
    const retries = statuses.filter((s) => s.type === 'retry');
    expect(retries).toHaveLength(failures.length);
    expect(retries.every((s) => s.type === 'retry' && s.operation === 'getSubscriptions')).toBe(true);
    await updates$.stop();
  });

  it('retries a 2xx JSON answer of the wrong shape at start (a proxy, a changed API), never a TypeError', async () => {
    const token = 'echoed-Secret-token';
    const api = createFakeApi()
      .respondOnce(
        'getSubscriptions',
        { weird: `GET /subscriptions?access_token=${token}` } as never,
        { subscriptions: 5 } as never,
        { subscriptions: [{ nourl: 1 }] } as never,
      )
      .respond('getSubscriptions', { subscriptions: [] })
      .respondOnce('getUpdates', { updates: [update], marker: 1 })
      .respond('getUpdates', NEVER);
    const statuses: PollingStatus[] = [];
    const updates$ = fromLongPolling(api, { backoff, onStatus: (s) => statuses.push(s) });
    const first = await firstValueFrom(updates$);
    expect(first.update_type).toBe('message_created');
    const errors = statuses.flatMap((s) => (s.type === 'retry' ? [s.error] : []));
    expect(errors).toHaveLength(3);
    for (const error of errors) {
      expect(error).toBeInstanceOf(TamTamResponseError);
      expect(error.message).toMatch(/getSubscriptions returned an answer without `subscriptions`/);
      expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(token);
    }
    expect((errors[0] as TamTamResponseError).bodySnippet).toBe('');
    await updates$.stop();
  });

  it('retries a getUpdates answer of the wrong shape (no updates array, a marker that is no number), loses nothing', async () => {
    const second = textMessage('second');
    const api = createFakeApi()
      .respond('getSubscriptions', { subscriptions: [] })
      .respondOnce(
        'getUpdates',
        { updates: [update], marker: 1 },
        { updates: 5, marker: 2 } as never,
        { marker: 2 } as never,
        { updates: [second], marker: 'x' } as never,
        null as never,
        { updates: [second], marker: 2 },
      )
      .respond('getUpdates', NEVER);
    const statuses: PollingStatus[] = [];
    const updates$ = fromLongPolling(api, { backoff, onStatus: (s) => statuses.push(s) });
    const got = await firstValueFrom(updates$.pipe(take(2), toArray()));
    expect(got).toEqual([update, second]);
    const retries = statuses.filter((s) => s.type === 'retry');
    expect(retries.map((s) => s.type === 'retry' && s.operation)).toEqual([
      'getUpdates',
      'getUpdates',
      'getUpdates',
      'getUpdates',
    ]);
    expect(retries.every((s) => s.type === 'retry' && s.error instanceof TamTamResponseError)).toBe(true);
    await updates$.stop();
  });

  it('retries a getUpdates answer of the wrong shape on createApi (the prepared poll) too', async () => {
    const second = textMessage('second');
    const answers: unknown[] = [
      { updates: [update], marker: 1 },
      { updates: 5, marker: 2 },
      { marker: 2 },
      { updates: [second], marker: 2 },
    ];
    const fetch = async (input: RequestInfo | URL): Promise<Response> => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const body =
        url.pathname === '/subscriptions' ? { subscriptions: [] } : (answers.shift() ?? { updates: [], marker: 2 });
      if (answers.length === 0 && url.pathname === '/updates') await new Promise((r) => setTimeout(r, 50));
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    };
    const api = createApi({ token: 't', baseUrl: 'http://127.0.0.1:9', fetch });
    const statuses: PollingStatus[] = [];
    const updates$ = fromLongPolling(api, { backoff, onStatus: (s) => statuses.push(s) });
    const got = await firstValueFrom(updates$.pipe(take(2), toArray()));
    expect(got).toEqual([update, second]);
    const retries = statuses.filter((s) => s.type === 'retry');
    expect(retries).toHaveLength(2);
    expect(retries.every((s) => s.type === 'retry' && s.error instanceof TamTamResponseError)).toBe(true);
    await updates$.stop();
  });

  it.each([401, 403])('ends at once on %i at start, with the API error', async (code) => {
    const api = startingApi([status(code)]);
    const error = await firstValueFrom(fromLongPolling(api, { backoff })).catch((e: unknown) => e);
    expect(isTamTamApiError(error) && error.status).toBe(code);
    expect(api.requests('getSubscriptions')).toHaveLength(1);
  });

  it('ends on a webhook subscription with a typed error naming it', async () => {
    const api = startingApi([], [webhook('https://bot.example.com/hook')]);
    const error = await firstValueFrom(fromLongPolling(api, { backoff })).catch((e: unknown) => e);
    expect(isWebhookConflictError(error)).toBe(true);
    expect(isWebhookConflictError(error) && error.urls).toEqual(['https://bot.example.com/hook']);
    expect(String(error)).toMatch(/deleteWebhook: true/);
  });

  it('retries the removal of a webhook (deleteWebhook) through dropped connections', async () => {
    const api = startingApi([], [webhook('https://bot.example.com/hook')]).respondOnce(
      'unsubscribe',
      dropped('unsubscribe'),
      dropped('unsubscribe'),
      dropped('unsubscribe'),
    );
    const statuses: PollingStatus[] = [];
    const updates$ = fromLongPolling(api, { backoff, deleteWebhook: true, onStatus: (s) => statuses.push(s) });
    await firstValueFrom(updates$);
    expect(statuses.filter((s) => s.type === 'retry').map((s) => s.type === 'retry' && s.operation)).toEqual([
      'unsubscribe',
      'unsubscribe',
      'unsubscribe',
    ]);
    expect(statuses.some((s) => s.type === 'webhook_removed')).toBe(true);
    await updates$.stop();
  });

  it('unsubscribing during start-up retries ends them; stop() completes the stream', async () => {
    const api = createFakeApi().respond('getSubscriptions', status(500));
    const updates$ = fromLongPolling(api, { backoff: { initialDelay: 5, backoffLimit: 5, jitter: 0 } });
    const sub = updates$.subscribe();
    await new Promise((r) => setTimeout(r, 30));
    sub.unsubscribe();
    const calls = api.requests().length;
    expect(calls).toBeGreaterThan(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(api.requests()).toHaveLength(calls);

    const other = fromLongPolling(createFakeApi().respond('getSubscriptions', status(500)), { backoff });
    const all = firstValueFrom(other.pipe(take(1), toArray()));
    await new Promise((r) => setTimeout(r, 10));
    await other.stop();
    expect(await all).toEqual([]);
  });
});
