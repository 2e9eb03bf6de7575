import { inspect } from 'node:util';
import { createServer } from 'node:net';
import { firstValueFrom, lastValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  API_VERSION,
  type TamTamApiError,
  createApi,
  isTamTamApiError,
  isTamTamNetworkError,
  isTamTamResponseError,
  isTamTamTimeoutError,
  type Api,
  type RequestSpec,
} from '../../src/api/index';
import { startLoopbackServer, type LoopbackServer } from '../helpers/loopback-server';

const TOKEN = 'secret-token-4f9a';
const getMe: RequestSpec<'getMyInfo'> = { operation: 'getMyInfo', method: 'GET', path: '/me' };

let server: LoopbackServer;
let api: Api;
beforeEach(async () => {
  server = await startLoopbackServer();
  api = createApi({ token: TOKEN, baseUrl: server.url, retry: { jitter: 0, initialDelay: 10 } });
});
afterEach(() => server.close());

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

function expectNoToken(error: Error): void {
  const cause = error.cause instanceof Error ? `${error.cause.message} ${error.cause.stack}` : String(error.cause);
  for (const text of [error.message, String(error), error.stack ?? '', inspect(error), JSON.stringify(error), cause]) {
    expect(text).not.toContain(TOKEN);
  }
}

describe('request: what goes on the wire', () => {
  it('sends token and version in the query, JSON body, comma-separated arrays', async () => {
    server.queue({ body: { success: true } });
    server.queue({ body: { members: [], marker: null } });
    const result = await firstValueFrom(
      api.request({ operation: 'addMembers', method: 'POST', path: '/chats/7/members', json: { user_ids: [3] } }),
    );
    expect(result).toEqual({ success: true });
    await firstValueFrom(
      api.request({
        operation: 'getMembers',
        method: 'GET',
        path: '/chats/7/members',
        query: { user_ids: [1, 2], marker: undefined },
      }),
    );
    const [posted, got] = server.requests;
    expect(posted).toMatchObject({ method: 'POST', path: '/chats/7/members', json: { user_ids: [3] } });
    expect(posted?.query).toEqual({ v: API_VERSION, access_token: TOKEN });
    expect(posted?.headers['content-type']).toMatch(/application\/json/);
    expect(got?.query).toEqual({ user_ids: '1,2', v: API_VERSION, access_token: TOKEN });
  });

  it('sends the token in the Authorization header when asked, and never in the query', async () => {
    const headerApi = createApi({
      token: TOKEN,
      baseUrl: server.url,
      tokenIn: 'header',
      headers: { 'user-agent': 'my-bot/1.0' },
    });
    await firstValueFrom(headerApi.request(getMe));
    const [seen] = server.requests;
    expect(seen?.headers.authorization).toBe(TOKEN);
    expect(seen?.headers['user-agent']).toBe('my-bot/1.0');
    expect(seen?.query).toEqual({ v: API_VERSION });
  });

  it('is cold: nothing is sent before subscribe', async () => {
    const call = api.request(getMe);
    await new Promise((r) => setTimeout(r, 30));
    expect(server.requests).toHaveLength(0);
    await firstValueFrom(call);
    await firstValueFrom(call);
    expect(server.requests).toHaveLength(2);
  });

  it('uses a custom fetch', async () => {
    const fetchSpy = vi.fn<typeof fetch>((input, init) => fetch(input, init));
    const custom = createApi({ token: TOKEN, baseUrl: server.url, fetch: fetchSpy });
    await firstValueFrom(custom.request(getMe));
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });
});

describe('request: failures become typed errors', () => {
  it('maps a JSON error body to TamTamApiError with status, code, method and path', async () => {
    server.queue({ status: 401, body: { code: 'verify.token', message: 'Invalid access_token' } });
    const error = await failureOf(firstValueFrom(api.request(getMe)));
    expect(isTamTamApiError(error, 'verify.token')).toBe(true);
    expect(error).toMatchObject({
      name: 'TamTamApiError',
      status: 401,
      code: 'verify.token',
      description: 'Invalid access_token',
      method: 'GET',
      path: '/me',
      operation: 'getMyInfo',
    });
    expect(server.requests).toHaveLength(1); // 401 is never retried
    expectNoToken(error);
  });

  it('still explains a non-JSON or empty error body', async () => {
    server.queue({ status: 502, body: '<html>Bad gateway</html>' }, { status: 400, body: '' });
    const html = await failureOf(firstValueFrom(api.request(getMe)));
    expect(html).toMatchObject({ status: 502, code: 'http.502' });
    expect(html.message).toContain('<html>Bad gateway</html>');
    const empty = (await failureOf(firstValueFrom(api.request(getMe)))) as TamTamApiError;
    expect(empty).toMatchObject({ status: 400, code: 'http.400' });
    expect(empty.description).toMatch(/empty body/);
  });

  it('reports a 2xx body that is not JSON as TamTamResponseError', async () => {
    server.queue({ status: 200, body: 'not json' });
    const error = await failureOf(firstValueFrom(api.request(getMe)));
    expect(isTamTamResponseError(error)).toBe(true);
    expect(error.message).toContain('not json');
  });

  it('times out with TamTamTimeoutError and no token in sight', async () => {
    server.respond(() => ({ hang: true }));
    const quick = createApi({ token: TOKEN, baseUrl: server.url, timeout: 100, retry: false });
    const error = await failureOf(firstValueFrom(quick.request(getMe)));
    expect(isTamTamTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ timeout: 100, path: '/me' });
    expectNoToken(error);
  });

  it('maps a refused connection to TamTamNetworkError without leaking the token', async () => {
    const port = await freePort();
    const offline = createApi({ token: TOKEN, baseUrl: `http://127.0.0.1:${port}`, retry: false });
    const error = await failureOf(firstValueFrom(offline.request(getMe)));
    expect(isTamTamNetworkError(error)).toBe(true);
    expect(isTamTamTimeoutError(error)).toBe(false);
    expect(error.message).toMatch(/could not reach the API/);
    expectNoToken(error);
  });

  it('redacts the token even when a custom fetch puts the URL in its error', async () => {
    const leaky: typeof fetch = async (input) => {
      throw new Error(`boom at ${input instanceof Request ? input.url : String(input)}`);
    };
    const error = await failureOf(
      firstValueFrom(createApi({ token: TOKEN, baseUrl: server.url, fetch: leaky, retry: false }).request(getMe)),
    );
    expect(error.message).toContain('boom at');
    expectNoToken(error);
  });
});

describe('request: cancellation and retry over loopback', () => {
  it('unsubscribing aborts the HTTP request: the server sees the socket close', async () => {
    server.respond(() => ({ hang: true }));
    const subscription = api.request(getMe).subscribe();
    await server.waitForRequests(1);
    const closed = server.waitForClosedConnection(2_000);
    const unsubscribedAt = Date.now();
    subscription.unsubscribe();
    expect((await closed) - unsubscribedAt).toBeLessThan(1_000);
  });

  it('retries 503 with backoff and 429 with Retry-After, then succeeds', async () => {
    server.queue(
      { status: 503, body: { code: 'service.unavailable', message: 'try later' } },
      { status: 429, headers: { 'retry-after': '0' }, body: { code: 'too.many.requests', message: 'slow down' } },
      { status: 200, body: { user_id: 1 } },
    );
    const onRetry = vi.fn();
    const retrying = createApi({ token: TOKEN, baseUrl: server.url, retry: { jitter: 0, initialDelay: 20, onRetry } });
    expect(await lastValueFrom(retrying.request(getMe))).toEqual({ user_id: 1 });
    expect(server.requests).toHaveLength(3);
    expect(onRetry.mock.calls.map(([info]) => [info.attempt, info.delay])).toEqual([
      [1, 20],
      [2, 0],
    ]);
  });

  it('does not retry a POST whose connection dropped (it may have been processed)', async () => {
    server.queue({ drop: true });
    const error = await failureOf(
      firstValueFrom(api.request({ operation: 'sendMessage', method: 'POST', path: '/messages', json: {} })),
    );
    expect(isTamTamNetworkError(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('per-call options override the api: retry off, shorter timeout', async () => {
    server.queue({ status: 503, body: {} });
    const error = await failureOf(firstValueFrom(api.request(getMe, { retry: false })));
    expect(error).toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('createApi: misuse guards', () => {
  it('refuses an empty or missing token with a hint', () => {
    expect(() => createApi({ token: '' })).toThrow(/token.*required.*PrimeBot/s);
    expect(() => createApi({ token: '   ' })).toThrow(/token/);
    expect(() => createApi({} as { token: string })).toThrow(/token/);
  });

  it('refuses a bad baseUrl, timeout, tokenIn or retry', () => {
    expect(() => createApi({ token: 't', baseUrl: 'botapi.tamtam.chat' })).toThrow(/baseUrl/);
    expect(() => createApi({ token: 't', baseUrl: 'ftp://x' })).toThrow(/http or https/);
    expect(() => createApi({ token: 't', baseUrl: 'https://x/?access_token=t' })).toThrow(/query/);
    expect(() => createApi({ token: 't', timeout: 0 })).toThrow(/timeout/);
    expect(() => createApi({ token: 't', timeout: Number.NaN })).toThrow(/timeout/);
    expect(() => createApi({ token: 't', tokenIn: 'cookie' as 'query' })).toThrow(/tokenIn/);
    expect(() => createApi({ token: 't', retry: { limit: -2 } })).toThrow(/retry\.limit/);
  });

  it('keeps the token out of logs of the api object', () => {
    const secretApi = createApi({ token: TOKEN, baseUrl: 'https://example.test/' });
    expect(inspect(secretApi, { depth: 5, showHidden: true })).not.toContain(TOKEN);
    expect(JSON.stringify(secretApi)).not.toContain(TOKEN);
    expect(secretApi.baseUrl).toBe('https://example.test');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
