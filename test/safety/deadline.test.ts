import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { firstValueFrom, take } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getMyInfo, getUpdates } from '../../src/actions/index';
import { createApi, isTamTamTimeoutError, type Api } from '../../src/api/index';
import { withinDeadline } from '../../src/api/read-response';
import { fromLongPolling } from '../../src/sources/index';
import { pollWithBackoff } from '../../src/sources/poll-with-backoff';
import { sampleUpdates } from '../fixtures/updates';

/**
 * A loopback server whose `handle` decides per request; it keeps the responses it stalls, so
 * the test can see the client give up (the socket closes) and close them at the end.
 */
let handle: (req: IncomingMessage, res: ServerResponse, n: number) => void;
let server: Server;
let baseUrl: string;
let requests = 0;
let closedStalls = 0;
beforeEach(async () => {
  requests = 0;
  closedStalls = 0;
  server = createServer((req, res) => {
    requests += 1;
    handle(req, res, requests);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Sends the headers and the start of a JSON body, then nothing more (until the client leaves). */
function stallMidBody(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
  res.write('{"user_id": 1, "name": "st');
  res.on('close', () => {
    closedStalls += 1;
  });
}

function answerJson(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('a request timeout covers the whole exchange, body included', () => {
  it('getMyInfo with { timeout: 400 } fails with TamTamTimeoutError when the server stalls mid-body, and closes the socket', async () => {
    handle = (_req, res) => stallMidBody(res);
    const api = createApi({ token: 'deadline-token', baseUrl, retry: false });
    const error = await failureOf(firstValueFrom(getMyInfo(api, { timeout: 400 })));
    expect(isTamTamTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ timeout: 400, operation: 'getMyInfo', path: '/me' });
    await expect.poll(() => closedStalls, { timeout: 5_000 }).toBe(1);
  });

  it('the api-wide timeout applies to the body as well', async () => {
    handle = (_req, res) => stallMidBody(res);
    const api = createApi({ token: 'deadline-token', baseUrl, retry: false, timeout: 300 });
    const error = await failureOf(firstValueFrom(getMyInfo(api)));
    expect(isTamTamTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ timeout: 300 });
  });

  it('a timed-out GET is retried like a network error and then succeeds', async () => {
    handle = (_req, res, n) => (n === 1 ? stallMidBody(res) : answerJson(res, { user_id: 7 }));
    const api = createApi({ token: 'deadline-token', baseUrl, retry: { initialDelay: 1, jitter: 0 } });
    expect(await firstValueFrom(getMyInfo(api, { timeout: 300 }))).toEqual({ user_id: 7 });
    expect(requests).toBe(2);
  });

  it('the long poll recovers after a poll that stalled mid-body', async () => {
    handle = (_req, res, n) => (n === 1 ? stallMidBody(res) : answerJson(res, { updates: [], marker: 42 }));
    const real = createApi({ token: 'deadline-token', baseUrl });
    // getUpdates raises its request timeout above the poll's `timeout`; shorten it for the test
    const shortPolls: Api = Object.assign(Object.create(real) as Api, {
      request: ((spec, options) => real.request({ ...spec, timeout: 300 }, options)) satisfies Api['request'],
    });
    const retries: Error[] = [];
    const backoff = {
      initialDelay: 1,
      factor: 2,
      backoffLimit: 5,
      jitter: 0,
      maxRetryAfter: Infinity,
      random: Math.random,
    };
    const list = await firstValueFrom(
      pollWithBackoff(
        shortPolls,
        { marker: null, limit: 10, timeout: 0, types: undefined },
        backoff,
        (_attempt, _delay, error) => retries.push(error),
      ),
    );
    expect(list).toEqual({ updates: [], marker: 42 });
    expect(retries).toHaveLength(1);
    expect(isTamTamTimeoutError(retries[0])).toBe(true);
  });

  it('fromLongPolling goes on after a poll that stalled mid-body and delivers the next update', async () => {
    let polls = 0;
    handle = (req, res) => {
      if (req.url?.startsWith('/subscriptions')) return answerJson(res, { subscriptions: [] });
      polls += 1;
      if (polls === 1) return stallMidBody(res);
      return answerJson(res, { updates: [sampleUpdates.bot_started], marker: 100 + polls });
    };
    const real = createApi({ token: 'deadline-token', baseUrl });
    const shortPolls: Api = Object.assign(Object.create(real) as Api, {
      request: ((spec, options) =>
        real.request(
          spec.operation === 'getUpdates' ? { ...spec, timeout: 300 } : spec,
          options,
        )) satisfies Api['request'],
    });
    const statuses: string[] = [];
    const updates$ = fromLongPolling(shortPolls, {
      timeout: 0,
      backoff: { initialDelay: 1, backoffLimit: 5, jitter: 0 },
      onStatus: (status) => statuses.push(status.type === 'retry' ? `retry ${status.error.name}` : status.type),
    });
    const first = await firstValueFrom(updates$.pipe(take(1)));
    await updates$.stop();
    expect(first.update_type).toBe('bot_started');
    expect(statuses).toContain('retry TamTamTimeoutError');
    await expect.poll(() => closedStalls, { timeout: 5_000 }).toBe(1);
  });

  it('getUpdates accepts a per-call timeout above the poll time and applies it to the body', async () => {
    handle = (_req, res) => stallMidBody(res);
    const api = createApi({ token: 'deadline-token', baseUrl, retry: false });
    const error = await failureOf(firstValueFrom(getUpdates(api, { timeout: 0 }, { timeout: 300 })));
    expect(isTamTamTimeoutError(error)).toBe(true);
  });
});

describe('withinDeadline', () => {
  it('settles at the deadline even when the exchange ignores the abort signal', async () => {
    const controller = new AbortController();
    const error = await failureOf(withinDeadline(50, controller, () => new Promise<never>(() => {})).result);
    expect(error.name).toBe('TimeoutError');
    expect(controller.signal.aborted).toBe(true);
  });

  it('passes the result through and never aborts a finished exchange', async () => {
    const controller = new AbortController();
    expect(await withinDeadline(50, controller, async () => 'done').result).toBe('done');
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(controller.signal.aborted).toBe(false);
  });

  it('passes a synchronous throw of the exchange through as a rejection', async () => {
    const error = await failureOf(
      withinDeadline(50, new AbortController(), () => {
        throw new Error('bad input');
      }).result,
    );
    expect(error.message).toBe('bad input');
  });

  it('abort() aborts the exchange and clears the timer, even when the exchange ignores the signal', () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const deadline = withinDeadline(30_000, controller, () => new Promise<never>(() => {}));
      deadline.result.catch(() => {});
      expect(vi.getTimerCount()).toBe(1);
      deadline.abort();
      expect(controller.signal.aborted).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('clears the timer once the exchange settles', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const deadline = withinDeadline(30_000, controller, async () => 'done');
      expect(await deadline.result).toBe('done');
      expect(vi.getTimerCount()).toBe(0);
      expect(controller.signal.aborted).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
