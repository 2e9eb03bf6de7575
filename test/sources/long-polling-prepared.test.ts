import { firstValueFrom, take, toArray } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getUpdates } from '../../src/actions/index';
import { TAMTAM_OPERATIONS, createApi, isTamTamApiError, isTamTamNetworkError } from '../../src/api/index';
import { prepareGet } from '../../src/api/prepared-get';
import { buildRequest } from '../../src/api/request-spec';
import { type LongPolling, fromLongPolling } from '../../src/sources/index';
import type { PollingStatus } from '../../src/sources/polling-status';
import { sampleUpdates } from '../fixtures/updates';
import { type LoopbackServer, type RecordedRequest, startLoopbackServer } from '../helpers/loopback-server';

/**
 * The long poll's prepared request (one promise per attempt instead of the RxJS call chain):
 * the same request, the same retry rule, status events, deadline, abort and redaction as the
 * Observable path, over real HTTP.
 */
let server: LoopbackServer;
const sources: LongPolling<object>[] = [];
beforeEach(async () => {
  server = await startLoopbackServer();
});
afterEach(async () => {
  await Promise.all(sources.splice(0).map((source) => source.stop()));
  await server.close();
});

const TOKEN = 'prepared-secret-token';
const fast = { initialDelay: 1, backoffLimit: 5, jitter: 0 } as const;
/** The poll's request as long polling prepares it (the query without the marker). */
const pollSpec = (query: {
  readonly limit?: number;
  readonly timeout?: number;
  readonly types?: readonly 'message_edited'[];
}) => buildRequest(TAMTAM_OPERATIONS, 'getUpdates', { query, timeout: 45_000 });
const polls = () => server.requests.filter((r) => r.path === '/updates');

/** Answers the start-up check with no subscription and polls from `answers`, in order; later polls hang. */
function serve(
  ...answers: ((poll: RecordedRequest) => {
    status?: number;
    headers?: Record<string, string>;
    body?: unknown;
    drop?: boolean;
  })[]
) {
  let next = 0;
  server.respond((request) => {
    if (request.path === '/subscriptions') return { body: { subscriptions: [] } };
    const answer = answers[next++];
    return answer === undefined ? { hang: true } : answer(request);
  });
}

const batch =
  (marker: number, ...updates: object[]) =>
  () => ({ body: { updates, marker } });

function track<S extends LongPolling<object>>(source: S): S {
  sources.push(source);
  return source;
}

describe('the prepared poll sends what getUpdates sends', () => {
  it('TamTam: limit, timeout, types and the stored marker in the query, with the token and version', async () => {
    serve(batch(7, sampleUpdates.message_created), batch(8, sampleUpdates.bot_started));
    const api = createApi({ token: TOKEN, baseUrl: server.url });
    const updates$ = track(
      fromLongPolling(api, { limit: 20, timeout: 5, types: ['message_created', 'bot_started'], backoff: fast }),
    );
    const got = await firstValueFrom(updates$.pipe(take(2), toArray()));
    expect(got.map((u) => u.update_type)).toEqual(['message_created', 'bot_started']);
    const [first, second] = polls();
    expect(first?.query).toEqual({
      limit: '20',
      timeout: '5',
      types: 'message_created,bot_started',
      v: api.version,
      access_token: TOKEN,
    });
    expect(second?.query).toEqual({ ...first?.query, marker: '7' });
    expect(first?.headers['authorization']).toBeUndefined();
    expect(first?.headers['accept']).toBe('application/json');
  });

  it('Max: the token only in the Authorization header, the marker in the query', async () => {
    serve(batch(41, sampleUpdates.bot_started), batch(42, sampleUpdates.bot_started));
    const api = createApi({ dialect: 'max', token: TOKEN, baseUrl: server.url });
    const updates$ = track(fromLongPolling(api, { limit: 5, backoff: fast }));
    await firstValueFrom(updates$.pipe(take(2), toArray()));
    const [first, second] = polls();
    expect(first?.query).toEqual({ limit: '5', timeout: '30' }); // Max has no version parameter
    expect(second?.query).toEqual({ ...first?.query, marker: '41' });
    for (const poll of [first, second]) {
      expect(poll?.headers['authorization']).toBe(TOKEN);
      expect(JSON.stringify(poll?.query)).not.toContain(TOKEN);
    }
  });

  it('equals the request of a getUpdates call with the same parameters', async () => {
    serve(batch(3), batch(3));
    const api = createApi({ token: TOKEN, baseUrl: server.url });
    const params = { limit: 50, timeout: 10, types: ['message_edited'] } as const;
    const prepared = prepareGet(api, pollSpec(params), 'marker');
    await prepared?.attempt(99)?.result;
    await firstValueFrom(getUpdates(api, { ...params, marker: 99 }));
    const [viaPrepared, viaAction] = polls();
    expect(viaPrepared?.query).toEqual({ ...viaAction?.query });
    expect(viaPrepared?.query).toMatchObject({ marker: '99', types: 'message_edited', access_token: TOKEN });
    expect(viaPrepared?.headers).toEqual(viaAction?.headers);
  });

  it('is not used for a wrapped api, whose own request decides what is sent', () => {
    const api = createApi({ token: TOKEN, baseUrl: server.url });
    const spec = pollSpec({});
    expect(prepareGet(api, spec, 'marker')).toBeDefined();
    expect(prepareGet(Object.create(api) as typeof api, spec, 'marker')).toBeUndefined();
    expect(prepareGet({ ...api, request: api.request.bind(api) }, spec, 'marker')).toBeUndefined();
  });
});

describe('a failed prepared poll continues under the one retry rule', () => {
  it('retries a 429 (after its Retry-After), a 503 and a dropped connection, reporting each, and loses nothing', async () => {
    serve(
      () => ({
        status: 429,
        headers: { 'retry-after': '0' },
        body: { code: 'too.many.requests', message: 'slow down' },
      }),
      () => ({ status: 503, body: { code: 'service.unavailable', message: 'later' } }),
      () => ({ drop: true }),
      batch(11, sampleUpdates.message_created),
    );
    const statuses: PollingStatus[] = [];
    const api = createApi({ token: TOKEN, baseUrl: server.url });
    const updates$ = track(fromLongPolling(api, { backoff: fast, onStatus: (status) => statuses.push(status) }));
    const seen: string[] = [];
    updates$.subscribe((update) => seen.push(update.update_type));
    await server.waitForRequests(6); // the start-up check, 4 polls, the poll that commits marker 11
    expect(seen).toEqual(['message_created']);
    const retries = statuses.flatMap((s) => (s.type === 'retry' ? [s] : []));
    expect(retries.map((r) => [r.operation, r.attempt, r.delay])).toEqual([
      ['getUpdates', 1, 0],
      ['getUpdates', 2, 2],
      ['getUpdates', 3, 4],
    ]);
    const [tooMany, unavailable, dropped] = retries.map((r) => r.error);
    expect(isTamTamApiError(tooMany) && tooMany.status).toBe(429);
    expect(isTamTamApiError(unavailable) && unavailable.status).toBe(503);
    expect(isTamTamNetworkError(dropped)).toBe(true);
    for (const error of [tooMany, unavailable, dropped]) {
      expect(`${error?.message} ${error?.stack} ${JSON.stringify(error)}`).not.toContain(TOKEN);
    }
    // each retry polled from the same (unset) marker; the batch after them was committed by the next poll
    expect(polls().map((p) => p.query['marker'])).toEqual([undefined, undefined, undefined, undefined, '11']);
  });

  it('ends the stream at once on a 401, without another poll', async () => {
    serve(() => ({ status: 401, body: { code: 'verify.token', message: 'Invalid access_token' } }));
    const api = createApi({ token: TOKEN, baseUrl: server.url });
    const updates$ = track(fromLongPolling(api, { backoff: fast }));
    const error = await firstValueFrom(updates$).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(isTamTamApiError(error) && error.status).toBe(401);
    expect(polls()).toHaveLength(1);
  });

  it('a 429 without Retry-After turns the standby rate limiter on: later polls wait for it (the Observable path)', async () => {
    serve(() => ({ status: 429, body: { code: 'too.many.requests', message: 'slow down' } }), batch(5));
    const api = createApi({ token: TOKEN, baseUrl: server.url });
    const spec = pollSpec({});
    const prepared = prepareGet(api, spec, 'marker');
    const attempt = prepared?.attempt(null);
    expect(attempt).toBeDefined();
    const failure = await attempt?.result.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(isTamTamApiError(failure) && failure.status).toBe(429);
    expect(prepared?.attempt(null)).toBeUndefined();
  });
});

describe('the deadline and the abort of a prepared poll', () => {
  it('the deadline covers the body: a poll stalled mid-body fails with a timeout, its request is aborted, and it is retried', async () => {
    let stalled = 0;
    let aborted = 0;
    server.respond((request) => {
      if (request.path === '/subscriptions') return { body: { subscriptions: [] } };
      return { body: { updates: [sampleUpdates.bot_started], marker: 2 } };
    });
    // the first poll is answered with a body that never ends
    const api = createApi({
      token: TOKEN,
      baseUrl: server.url,
      timeout: 300,
      fetch: (async (input: Request) => {
        const url = new URL(input.url);
        if (url.pathname === '/updates' && stalled++ === 0) {
          const body = new ReadableStream<Uint8Array>({
            start: (controller) => controller.enqueue(new TextEncoder().encode('{"updates": [')),
          });
          input.signal.addEventListener(
            'abort',
            () => {
              aborted += 1;
              void body.cancel().catch(() => {});
            },
            { once: true },
          );
          return new Response(body, { headers: { 'content-type': 'application/json' } });
        }
        return fetch(input);
      }) as typeof fetch,
    });
    const statuses: string[] = [];
    const updates$ = track(
      fromLongPolling(api, {
        timeout: 0,
        backoff: fast,
        onStatus: (status) => statuses.push(status.type === 'retry' ? `retry ${status.error.name}` : status.type),
      }),
    );
    const first = await firstValueFrom(updates$);
    expect(first.update_type).toBe('bot_started');
    expect(statuses).toContain('retry TamTamTimeoutError');
    expect(aborted).toBe(1);
  });

  it('stop() during a poll aborts its request and clears its deadline timer', async () => {
    serve(); // every poll hangs
    const timers = new Map<unknown, number>();
    const setSpy = vi.spyOn(globalThis, 'setTimeout');
    const clearSpy = vi.spyOn(globalThis, 'clearTimeout');
    try {
      const api = createApi({ token: TOKEN, baseUrl: server.url, timeout: 7_777 });
      const updates$ = fromLongPolling(api, { timeout: 1 }); // deadline 1 s + 7.777 s margin = 8 777 ms
      const subscription = updates$.subscribe();
      await vi.waitFor(() => expect(polls()).toHaveLength(1), { timeout: 10_000 });
      for (const [index, call] of setSpy.mock.calls.entries()) {
        if (call[1] === 8_777) timers.set(setSpy.mock.results[index]?.value, 0);
      }
      expect(timers.size).toBe(1);
      await updates$.stop();
      subscription.unsubscribe();
      const cleared = clearSpy.mock.calls.map((call) => call[0]);
      for (const timer of timers.keys()) expect(cleared).toContain(timer);
      expect(await server.waitForClosedConnection(10_000)).toBeGreaterThan(0);
    } finally {
      setSpy.mockRestore();
      clearSpy.mockRestore();
    }
  });

  it('unsubscribing during a poll aborts it too, and a new subscriber polls again from the stored marker', async () => {
    serve(batch(21, sampleUpdates.bot_started)); // then every poll hangs
    const api = createApi({ token: TOKEN, baseUrl: server.url });
    const updates$ = track(fromLongPolling(api, { backoff: fast }));
    const subscription = updates$.subscribe();
    await vi.waitFor(() => expect(polls()).toHaveLength(2), { timeout: 10_000 });
    subscription.unsubscribe();
    expect(await server.waitForClosedConnection(10_000)).toBeGreaterThan(0);
    const again = updates$.subscribe();
    await vi.waitFor(() => expect(polls()).toHaveLength(3), { timeout: 10_000 });
    again.unsubscribe();
    expect(polls()[2]?.query['marker']).toBe('21');
  });
});
