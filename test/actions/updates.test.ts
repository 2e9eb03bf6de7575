import { describe, expect, it } from 'vitest';
import { getMyInfo, getUpdates } from '../../src/actions/index';
import { createApi, isTamTamTimeoutError } from '../../src/api/index';
import type { UpdateType } from '../../src/types/index';
import { botInfo, updateList } from './responses';
import { TOKEN, expectGuards, expectOnlyRequest, expectRequest, failureOf, run, useWire } from './support';

const wire = useWire();

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('getUpdates: wire format', () => {
  it('GETs /updates with limit, timeout, marker and comma-separated types; emits the UpdateList', async () => {
    wire.server.queue({ body: updateList });
    const page = await run(
      getUpdates(wire.api, {
        limit: 1000,
        timeout: 0,
        marker: 1_717_245_300,
        types: ['message_created', 'bot_started'],
      }),
    );
    expect(page).toEqual(updateList);
    expect(page.updates.map((u) => u.update_type)).toContain('message_chat_created');
    expectOnlyRequest(wire.server, {
      method: 'GET',
      path: '/updates',
      query: { limit: '1000', timeout: '0', marker: '1717245300', types: 'message_created,bot_started' },
    });
  });

  it('sends no parameters when none are given (no marker = everything since the last commit)', async () => {
    wire.server.respond(() => ({ body: { updates: [], marker: null } }));
    expect(await run(getUpdates(wire.api))).toEqual({ updates: [], marker: null });
    await run(getUpdates(wire.api, { marker: null, types: [] }));
    expectRequest(wire.server.requests[0], { method: 'GET', path: '/updates' });
    expectRequest(wire.server.requests[1], { method: 'GET', path: '/updates' }); // no `types=` for an empty list
  });

  it('refuses out-of-range parameters and a request timeout not above the poll timeout, sending nothing', async () => {
    await expectGuards(wire.server, [
      [getUpdates(wire.api, { timeout: 91 }), /^getUpdates: timeout must be between 0 and 90, got 91/],
      [getUpdates(wire.api, { timeout: -1 }), /^getUpdates: timeout must be between 0 and 90/],
      [getUpdates(wire.api, { timeout: 1.5 }), /^getUpdates: timeout must be an integer/],
      [getUpdates(wire.api, { limit: 0 }), /^getUpdates: limit must be between 1 and 1000, got 0/],
      [getUpdates(wire.api, { limit: 1001 }), /^getUpdates: limit must be between 1 and 1000/],
      [
        getUpdates(wire.api, { timeout: 5 }, { timeout: 5_000 }),
        /^getUpdates: the request timeout \(5000 ms\) must be longer than the poll timeout \(5 s\)/,
      ],
      [
        getUpdates(wire.api, {}, { timeout: 10_000 }),
        /^getUpdates: the request timeout \(10000 ms\) must be longer than the poll timeout \(30 s\)/,
      ],
    ]);
  });

  it('is cold: nothing is sent before subscribe', async () => {
    wire.server.respond(() => ({ body: updateList }));
    const poll = getUpdates(wire.api, { timeout: 0, types: ['message_callback' satisfies UpdateType] });
    await delay(20);
    expect(wire.server.requests).toHaveLength(0);
    await run(poll);
    expect(wire.server.requests).toHaveLength(1);
  });
});

describe('getUpdates: long-poll timing', () => {
  it('raises the HTTP timeout above the poll timeout: a 1 s poll answered after 1.2 s succeeds on an api with timeout 1000', async () => {
    wire.server.respond(async (request) => {
      await delay(1_200);
      return { body: request.path === '/updates' ? updateList : botInfo };
    });
    const shortApi = createApi({ token: TOKEN, baseUrl: wire.server.url, timeout: 1_000, retry: false });
    const [page, other] = await Promise.allSettled([
      run(getUpdates(shortApi, { timeout: 1 })),
      run(getMyInfo(shortApi)),
    ]);
    expect(page).toEqual({ status: 'fulfilled', value: updateList });
    // the same api still cuts an ordinary call at 1000 ms
    expect(other.status).toBe('rejected');
    expect(isTamTamTimeoutError(other.status === 'rejected' ? other.reason : undefined)).toBe(true);
  });

  it('the margin above the poll timeout is the api timeout when that is under 15 s: a stalled poll ends at poll + api timeout', async () => {
    wire.server.respond(() => ({ hang: true }));
    const shortApi = createApi({ token: TOKEN, baseUrl: wire.server.url, timeout: 200, retry: false });
    const [idle, oneSecond] = await Promise.all([
      failureOf(getUpdates(shortApi, { timeout: 0 })),
      failureOf(getUpdates(shortApi, { timeout: 1 })),
    ]);
    expect(idle).toMatchObject({ name: 'TamTamTimeoutError', timeout: 200 });
    expect(oneSecond).toMatchObject({ name: 'TamTamTimeoutError', timeout: 1_200 });
  });

  it('honours a per-call request timeout above the poll timeout', async () => {
    wire.server.respond(() => ({ hang: true }));
    const started = Date.now();
    const error = await failureOf(getUpdates(wire.api, { timeout: 0 }, { timeout: 150, retry: false }));
    expect(isTamTamTimeoutError(error)).toBe(true);
    expect(error).toMatchObject({ timeout: 150, operation: 'getUpdates', path: '/updates' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('retries 503 by default but not with per-call retry: false', async () => {
    const unavailable = { status: 503, body: { code: 'service.unavailable', message: 'try later' } };
    wire.server.queue(unavailable, { body: updateList });
    expect(await run(getUpdates(wire.api, { timeout: 0 }))).toEqual(updateList);
    expect(wire.server.requests).toHaveLength(2);

    wire.server.queue(unavailable, { body: updateList });
    expect(await failureOf(getUpdates(wire.api, { timeout: 0 }, { retry: false }))).toMatchObject({
      status: 503,
      code: 'service.unavailable',
    });
    expect(wire.server.requests).toHaveLength(3);
  });

  it('unsubscribing a pending long poll aborts it: the server sees the socket close', async () => {
    wire.server.respond(() => ({ hang: true }));
    const subscription = getUpdates(wire.api, { timeout: 30 }).subscribe();
    await wire.server.waitForRequests(1);
    const closed = wire.server.waitForClosedConnection(2_000);
    const unsubscribedAt = Date.now();
    subscription.unsubscribe();
    expect((await closed) - unsubscribedAt).toBeLessThan(1_000);
  });
});
