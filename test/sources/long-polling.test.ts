import { firstValueFrom, mergeMap, tap, timer, type Observable } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { waitFor } from '../../src/testing/index';
import { createApi, isTamTamApiError, type Api } from '../../src/api/index';
import { subscribe as subscribeWebhook } from '../../src/actions/index';
import { DEFAULT_WORLD_IDS, startEmulator, type Emulator } from '../../src/emulator/index';
import { holdUpdate } from '../../src/delivery/hold-update';
import { isRedelivery } from '../../src/delivery/index';
import {
  fromLongPolling,
  memoryMarkerStore,
  type LongPollingOptions,
  type PollingStatus,
} from '../../src/sources/index';
import type { Update } from '../../src/types/index';
import { startLoopbackServer } from '../helpers/loopback-server';

const { alice, bob, group } = DEFAULT_WORLD_IDS;
const fastBackoff = { initialDelay: 5, backoffLimit: 20, jitter: 0 };

let emulator: Emulator;
let api: Api;
beforeEach(async () => {
  emulator = await startEmulator();
  api = createApi({ token: emulator.token, baseUrl: emulator.url, retry: { initialDelay: 5, jitter: 0 } });
});
afterEach(() => emulator.close());

function textOf(update: Update): string {
  return update.update_type === 'message_created' ? (update.message.body.text ?? '') : update.update_type;
}

/** Users write `count` messages named `${prefix}${i}`, alternating between a dialog and a group. */
function userMessages(prefix: string, count: number, from = 0): string[] {
  const texts: string[] = [];
  for (let i = from; i < from + count; i += 1) {
    const text = `${prefix}${i}`;
    if (i % 2 === 0) emulator.actAs(alice).sendToBot(text);
    else emulator.actAs(bob).sendMessage(group, text);
    texts.push(text);
  }
  return texts;
}

/** A handler that takes `ms` per update and holds it meanwhile, like perChat does. */
function slowHandler(ms: number, handled: string[]): (update: Update) => Observable<unknown> {
  return (update) => {
    const release = holdUpdate(update);
    return timer(ms).pipe(
      tap({
        next: () => handled.push(textOf(update)),
        complete: () => release('handled'),
        error: () => release('handled'),
        unsubscribe: () => release('abandoned'),
      }),
    );
  };
}

const polling = (options: LongPollingOptions = {}) =>
  fromLongPolling(api, { timeout: 1, limit: 20, backoff: fastBackoff, ...options });

describe('fromLongPolling against the emulator', () => {
  it('delivers every update exactly once, in order, across many batches', async () => {
    const sent = userMessages('m', 70);
    const seen: string[] = [];
    const updates$ = polling();
    const sub = updates$.subscribe((u) => seen.push(textOf(u)));
    await waitFor(() => seen.length >= 70, { what: 'the first 70 updates', timeout: 10_000 });
    sent.push(...userMessages('m', 30, 70)); // arrive while polling
    await waitFor(() => seen.length >= 100, { what: 'all 100 updates', timeout: 10_000 });
    await updates$.stop();
    sub.unsubscribe();
    expect(seen).toEqual(sent);
  });

  it('graceful stop + restart on the same store: exactly once, in order, and stop() waits for handlers', async () => {
    const store = memoryMarkerStore();
    const sent = userMessages('s', 60);
    const handled: string[] = [];
    const first = polling({ store, limit: 10 });
    first.pipe(mergeMap(slowHandler(20, handled))).subscribe();
    await waitFor(() => handled.length >= 15, { what: 'some handled updates', timeout: 10_000 });
    await first.stop();
    const handledAtStop = handled.length;
    expect(store.state?.pending).toEqual([]); // everything delivered was handled before stop resolved
    await new Promise((r) => setTimeout(r, 60));
    expect(handled.length).toBe(handledAtStop); // nothing ran after stop() resolved

    sent.push(...userMessages('s', 10, 60));
    const second = polling({ store, limit: 10 });
    const replayed: Update[] = [];
    second
      .pipe(
        tap((u) => isRedelivery(u) && replayed.push(u)),
        mergeMap(slowHandler(1, handled)),
      )
      .subscribe();
    await waitFor(() => handled.length >= 70, { what: 'the rest after restart', timeout: 10_000 });
    await second.stop();
    expect(handled).toEqual(sent);
    expect(replayed).toEqual([]);
  });

  it('unsubscribing abruptly keeps unhandled updates in the store and replays them, marked, on restart', async () => {
    const store = memoryMarkerStore();
    const sent = userMessages('u', 12);
    const handled: string[] = [];
    const first = polling({ store });
    const sub = first.pipe(mergeMap(slowHandler(10_000, handled))).subscribe();
    await waitFor(() => (store.state?.pending.length ?? 0) === 12, { what: 'a persisted batch', timeout: 10_000 });
    sub.unsubscribe(); // handlers cancelled: nothing was handled
    await new Promise((r) => setTimeout(r, 20));
    expect(store.state?.pending.map(textOf)).toEqual(sent);

    const second = polling({ store });
    const again: { text: string; redelivered: boolean }[] = [];
    second.subscribe((u) => again.push({ text: textOf(u), redelivered: isRedelivery(u) }));
    await waitFor(() => again.length >= 12, { what: 'the replay', timeout: 10_000 });
    await second.stop();
    expect(again).toEqual(sent.map((text) => ({ text, redelivered: true })));
  });

  it('shares one polling loop between subscribers', async () => {
    const updates$ = polling();
    const a: string[] = [];
    const b: string[] = [];
    updates$.subscribe((u) => a.push(textOf(u)));
    updates$.subscribe((u) => b.push(textOf(u)));
    await waitFor(() => emulator.updates.waiting() === 1, { what: 'a waiting poll', timeout: 10_000 });
    const sent = userMessages('x', 5);
    await waitFor(() => a.length === 5 && b.length === 5, { what: 'both subscribers', timeout: 10_000 });
    expect(emulator.updates.waiting()).toBeLessThanOrEqual(1);
    expect(a).toEqual(sent);
    expect(b).toEqual(sent);
    await updates$.stop();
  });

  it('stops fetching ahead when maxPending updates wait for handling', async () => {
    userMessages('p', 50);
    const handled: string[] = [];
    const store = memoryMarkerStore();
    const updates$ = polling({ store, limit: 10, maxPending: 20 });
    const sub = updates$.pipe(mergeMap(slowHandler(10_000, handled))).subscribe();
    await waitFor(() => (store.state?.pending.length ?? 0) >= 20, { what: 'two batches', timeout: 10_000 });
    await new Promise((r) => setTimeout(r, 100));
    expect(store.state?.pending.length).toBe(20);
    // two polls only: the second committed the first batch; 40 stay uncommitted on the server
    expect(emulator.inspect.requests().filter((r) => r.operation === 'getUpdates')).toHaveLength(2);
    expect(emulator.updates.pending().length).toBe(40);
    sub.unsubscribe();
  });

  it('ends with a TamTamApiError at once on a wrong token (no retry loop)', async () => {
    const wrong = createApi({ token: 'not-the-token', baseUrl: emulator.url });
    const error = await firstValueFrom(fromLongPolling(wrong, { timeout: 1 })).catch((e: unknown) => e);
    expect(isTamTamApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, code: 'verify.token' });
    expect(emulator.inspect.requests().filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('backs off on 503 and 429, reports every retry, and still delivers everything', async () => {
    emulator.faults.set({ burst503: { every: 3, length: 2 }, rateLimit: { perSecond: 8, retryAfterSeconds: 0 } });
    const sent = userMessages('f', 30);
    const seen: string[] = [];
    const statuses: PollingStatus[] = [];
    const onStatus = vi.fn((s: PollingStatus) => statuses.push(s));
    const updates$ = polling({ limit: 5, onStatus });
    updates$.subscribe((u) => seen.push(textOf(u)));
    await waitFor(() => seen.length >= 30, { what: 'all updates despite faults', timeout: 15_000 });
    await updates$.stop();
    expect(seen).toEqual(sent);
    const retries = statuses.filter((s) => s.type === 'retry');
    expect(retries.length).toBeGreaterThan(0);
    expect(retries.every((r) => r.type === 'retry' && r.error.name === 'TamTamApiError')).toBe(true);
  });

  it('refuses to start while a webhook is subscribed, naming it; removes it when asked', async () => {
    await firstValueFrom(subscribeWebhook(api, { url: 'https://bot.example.com/hook' }));
    const error = await firstValueFrom(polling()).catch((e: unknown) => e as Error);
    expect(String(error)).toMatch(/webhook subscription \(https:\/\/bot\.example\.com\/hook\).*deleteWebhook/);

    const statuses: PollingStatus[] = [];
    const updates$ = polling({ deleteWebhook: true, onStatus: (s) => statuses.push(s) });
    const seen: string[] = [];
    updates$.subscribe((u) => seen.push(textOf(u)));
    await waitFor(() => emulator.webhooks.list().length === 0, { what: 'webhook removal', timeout: 10_000 });
    userMessages('w', 2);
    await waitFor(() => seen.length === 2, { what: 'updates after removal', timeout: 10_000 });
    await updates$.stop();
    expect(statuses).toContainEqual({ type: 'webhook_removed', url: 'https://bot.example.com/hook' });
  });

  it('reports updates of unknown types without emitting them or stopping', async () => {
    const onUnknownUpdate = vi.fn();
    const seen: string[] = [];
    const updates$ = polling({ onUnknownUpdate });
    const streamed: string[] = [];
    updates$.unknownUpdates$.subscribe((u) => streamed.push(u.update_type));
    updates$.subscribe((u) => seen.push(textOf(u)));
    emulator.updates.inject({ update_type: 'dialog_muted', timestamp: Date.now(), chat_id: 1 });
    userMessages('k', 1);
    await waitFor(() => seen.length === 1 && onUnknownUpdate.mock.calls.length === 1, {
      what: 'both',
      timeout: 10_000,
    });
    await updates$.stop();
    expect(seen).toEqual(['k0']);
    expect(streamed).toEqual(['dialog_muted']);
    expect(onUnknownUpdate).toHaveBeenCalledWith(expect.objectContaining({ update_type: 'dialog_muted' }));
  });

  it('stop() is final: one promise, status$ and unknownUpdates$ complete, later subscribers complete at once', async () => {
    const updates$ = polling();
    const events: string[] = [];
    updates$.status$.subscribe({ next: (s) => events.push(s.type), complete: () => events.push('status$ complete') });
    updates$.unknownUpdates$.subscribe({ complete: () => events.push('unknownUpdates$ complete') });
    updates$.subscribe({ complete: () => events.push('source complete') });
    await waitFor(() => emulator.updates.waiting() === 1, { what: 'a waiting poll', timeout: 10_000 });
    const stopping = updates$.stop();
    expect(updates$.stop()).toBe(stopping);
    expect(await stopping).toEqual({ unfinished: 0 });
    expect(events).toEqual(['started', 'stopped', 'source complete', 'status$ complete', 'unknownUpdates$ complete']);
    let late = false;
    updates$.subscribe({ complete: () => (late = true) });
    expect(late).toBe(true);
  });

  it('stop() gives up on a handler after stopTimeout; that update stays stored and comes back flagged', async () => {
    const store = memoryMarkerStore();
    const handled: string[] = [];
    const first = polling({ store, stopTimeout: 20 });
    first.pipe(mergeMap(slowHandler(60_000, handled))).subscribe();
    userMessages('t', 1);
    await waitFor(() => (store.state?.pending.length ?? 0) === 1, {
      what: 'the update to be fetched',
      timeout: 10_000,
    });
    expect(await first.stop()).toEqual({ unfinished: 1 });
    expect(store.state?.pending.map(textOf)).toEqual(['t0']);

    const second = polling({ store });
    const again: [string, boolean][] = [];
    second.subscribe((u) => again.push([textOf(u), isRedelivery(u)]));
    await waitFor(() => again.length === 1, { what: 'the replay', timeout: 10_000 });
    await second.stop();
    expect(again).toEqual([['t0', true]]);
    expect(store.state?.pending).toEqual([]);
  });

  it('stops gracefully when its AbortSignal fires', async () => {
    const controller = new AbortController();
    const updates$ = polling({ signal: controller.signal });
    const done = new Promise<string>((resolve) => updates$.subscribe({ complete: () => resolve('completed') }));
    await waitFor(() => emulator.updates.waiting() === 1, { what: 'a waiting poll', timeout: 10_000 });
    controller.abort();
    expect(await done).toBe('completed');
    await waitFor(() => emulator.updates.waiting() === 0, { what: 'the poll released', timeout: 10_000 });
  });

  it('rejects bad options with a message naming the option', () => {
    expect(() => fromLongPolling(api, { limit: 0 })).toThrow(/limit must be a whole number from 1 to 1000/);
    expect(() => fromLongPolling(api, { timeout: 91 })).toThrow(/timeout/);
    expect(() => fromLongPolling(api, { types: [] })).toThrow(/types/);
    expect(() => fromLongPolling(api, { limit: 50, maxPending: 10 })).toThrow(/maxPending/);
    expect(() => fromLongPolling(api, { stopTimeout: -1 })).toThrow(/stopTimeout must be a whole number/);
  });
});

describe('fromLongPolling: cancelling the in-flight poll', () => {
  it('unsubscribing closes the poll socket within 100 ms', async () => {
    const server = await startLoopbackServer();
    try {
      server.respond((req) => (req.path === '/subscriptions' ? { body: { subscriptions: [] } } : { hang: true }));
      const loopbackApi = createApi({ token: 't', baseUrl: server.url });
      const sub = fromLongPolling(loopbackApi, { timeout: 30 }).subscribe();
      await server.waitForRequests(2);
      const closed = server.waitForClosedConnection(2_000);
      const at = Date.now();
      sub.unsubscribe();
      expect((await closed) - at).toBeLessThan(100);
    } finally {
      await server.close();
    }
  });
});
