import { finalize, mergeMap, timer } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTamTamApiError } from '../../../src/api/index';
import { type FakeApi, apiError, waitFor } from '../../../src/testing/index';
import { holdUpdate } from '../../../src/delivery/hold-update';
import { listen } from '../../../src/node/index';
import {
  type Webhook,
  type WebhookOptions,
  isWebhookSubscriptionError,
  webhook,
} from '../../../src/sources/webhook/index';
import type { Update } from '../../../src/types';
import { type VirtualClock, createdBody, post, subscriptionsApi, subscriptionsOf, virtualClock } from './helpers';

const URL = 'https://bot.example.com/tamtam/Life-secret';
let api: FakeApi;
const hooks: Webhook[] = [];
beforeEach(async () => {
  api = await subscriptionsApi();
});
afterEach(async () => {
  await Promise.allSettled(hooks.splice(0).map((h) => h.stop()));
});
function make(options: WebhookOptions = {}): Webhook {
  const hook = webhook(options);
  hooks.push(hook);
  return hook;
}
const request = { method: 'POST', url: '/', headers: {}, body: createdBody };

/** Subscribes a pipeline that holds each update for `ms` of `clock`; returns the list of handled updates. */
function holdFor(hook: Webhook, ms: number, clock: VirtualClock): Update[] {
  const handled: Update[] = [];
  hook
    .pipe(
      mergeMap((u) => {
        const release = holdUpdate(u);
        return timer(ms, clock.scheduler).pipe(finalize(() => (handled.push(u), release())));
      }),
    )
    .subscribe();
  return handled;
}

describe('webhook lifecycle', () => {
  it('listen subscribes url when api and url are given; stop removes it with removeOnStop', async () => {
    const hook = make({ api, url: URL, types: ['message_created'], removeOnStop: true });
    const server = await listen(hook, 0, '127.0.0.1');
    expect(await subscriptionsOf(api)).toMatchObject([{ url: URL, update_types: ['message_created'] }]);
    await hook.stop();
    expect(api.requests().at(-1)).toMatchObject({ method: 'DELETE', query: { url: URL } });
    expect(await subscriptionsOf(api)).toEqual([]);
    await expect(fetch(server.url, { method: 'POST', body: createdBody })).rejects.toThrow(); // closed
  });

  it('leaves the subscription in place on stop without removeOnStop', async () => {
    const hook = make({ api, url: URL });
    await listen(hook, 0, '127.0.0.1');
    await hook.stop();
    expect(api.requests().map((r) => r.method)).toEqual(['GET', 'POST']);
    expect((await subscriptionsOf(api)).map((s) => s.url)).toEqual([URL]);
  });

  it('listen fails, and closes its server, when subscribing fails', async () => {
    const invalidToken = apiError(401, 'verify.token', 'Invalid access_token');
    api.respond('getSubscriptions', invalidToken).respond('subscribe', invalidToken);
    const hook = make({ api, url: URL });
    const error = await listen(hook, 0, '127.0.0.1').catch((e: unknown) => e);
    expect(isTamTamApiError(error, 'verify.token')).toBe(true);
  });

  it('a refused subscribe or unsubscribe never shows the secret riding in the url (message, url field, echoed reason)', async () => {
    const secret = 'Life-secret';
    api.respond('subscribe', { success: false, message: `port not allowed: ${URL}` });
    const hook = make({ api, url: URL, secret });
    const error = await listen(hook, 0, '127.0.0.1').catch((e: unknown) => e);
    expect(isWebhookSubscriptionError(error)).toBe(true);
    expect(String(error)).toMatch(/subscribe of webhook https:\/\/bot\.example\.com\/tamtam\/\*\*\* was refused/);
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain(secret);

    const other = make({
      api: (await subscriptionsApi()).respond('unsubscribe', { success: false, message: URL }),
      url: URL,
      secret,
      removeOnStop: true,
    });
    await listen(other, 0, '127.0.0.1');
    const stopError = await other.stop().catch((e: unknown) => e);
    expect(isWebhookSubscriptionError(stopError)).toBe(true);
    expect(JSON.stringify(stopError) + String(stopError) + (stopError as Error).stack).not.toContain(secret);
  });

  it('ensureSubscription without api or url rejects with a message saying what is missing', async () => {
    await expect(make().ensureSubscription()).rejects.toThrow(/needs both `api` and `url`/);
  });

  it('stop completes updates$ and unknownUpdates$, and later requests get 503 webhook.stopped', async () => {
    const hook = make();
    const events: string[] = [];
    hook.updates$.subscribe({ complete: () => events.push('updates complete') });
    hook.unknownUpdates$.subscribe({ complete: () => events.push('unknown complete') });
    expect(await hook.stop()).toEqual({ unfinished: 0 });
    expect(events).toEqual(['updates complete', 'unknown complete']);
    const answer = await hook.handle(request);
    expect(answer).toMatchObject({ status: 503, body: { code: 'webhook.stopped' }, headers: { 'retry-after': '5' } });
  });

  it('stop waits for in-flight handling (holds) before resolving', async () => {
    const clock = virtualClock();
    const hook = make({ scheduler: clock.scheduler });
    const handled = holdFor(hook, 150, clock);
    await hook.handle(request);
    await hook.handle({ ...request, body: createdBody.replace('}', ',"n":2}') });
    expect(hook.inFlight).toBe(2);
    let result: unknown;
    const stopping = hook.stop().then((r) => (result = r));
    await clock.advance(149);
    expect(result).toBeUndefined();
    await clock.advance(1);
    await stopping;
    expect(result).toEqual({ unfinished: 0 });
    expect(handled).toHaveLength(2);
  });

  it('stop gives up waiting after stopTimeout and reports what is unfinished', async () => {
    const clock = virtualClock();
    const hook = make({ stopTimeout: 50, scheduler: clock.scheduler });
    holdFor(hook, 1_000, clock);
    await hook.handle(request);
    let result: unknown;
    const stopping = hook.stop().then((r) => (result = r));
    await clock.advance(49);
    expect(result).toBeUndefined();
    await clock.advance(1);
    await stopping;
    expect(result).toEqual({ unfinished: 1 });
    expect(hook.inFlight).toBe(1);
  });

  it("with ack 'handled', a request in flight during stop is answered 200 once handling ends", async () => {
    const clock = virtualClock();
    const hook = make({ ack: 'handled', scheduler: clock.scheduler });
    const server = await listen(hook, 0, '127.0.0.1');
    const handled = holdFor(hook, 150, clock);
    const reply = post(server.url, createdBody);
    await waitFor(() => hook.inFlight === 1, { what: 'the update to be emitted' });
    const stopping = hook.stop();
    await clock.advance(150);
    expect(handled).toHaveLength(1);
    expect((await reply).status).toBe(200);
    expect(await stopping).toEqual({ unfinished: 0 });
  });

  it('stop is idempotent: every call returns the same promise', async () => {
    api = await subscriptionsApi({ url: URL, version: '0.5.6' });
    const hook = make({ api, url: URL, removeOnStop: true });
    const first = hook.stop();
    expect(hook.stop()).toBe(first);
    await first;
    expect(api.requests().filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(await subscriptionsOf(api)).toEqual([]);
  });
});
