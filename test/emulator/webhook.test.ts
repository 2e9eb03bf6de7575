import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import type { WebhookClock } from '../../src/emulator/updates/webhook-dispatcher';
import { WebhookDispatcher } from '../../src/emulator/updates/webhook-dispatcher';
import { messageCreated } from '../../src/testing';
import { call, start } from './helpers';

interface Receiver {
  url: string;
  received: Array<{ body: any; contentType: string | undefined }>;
  /** Resolves when the next request has arrived (its body read). */
  nextRequest(): Promise<void>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise((r) => {
          s.closeAllConnections();
          s.close(r);
        }),
    ),
  );
});

/**
 * A webhook receiver answering the given statuses in turn (then 200). `'hold'` never answers
 * that request, so the delivery stays in flight.
 */
async function receiver(statuses: Array<number | 'hold'> = []): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const arrived: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        contentType: req.headers['content-type'],
      });
      const status = statuses.shift() ?? 200;
      if (status !== 'hold') {
        res.statusCode = status;
        res.end('ok');
      }
      for (const wake of arrived.splice(0)) wake();
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    nextRequest: () => new Promise<void>((r) => arrived.push(r)),
  };
}

interface ManualSleep {
  ms: number;
  signal: AbortSignal;
}

/**
 * A clock under the test's control. `now()` is virtual. With `auto`, every sleep advances the
 * virtual time by its length and returns at once; otherwise a sleep only ends when its signal
 * fires an abort event, like a timer with an abort listener (so a sleep begun after the abort
 * never ends). `nextSleep()` resolves when a sleep begins.
 */
function manualClock(
  mode: 'auto' | 'until-abort',
): WebhookClock & { time: number; sleeps: ManualSleep[]; nextSleep(): Promise<ManualSleep> } {
  const begun: Array<(sleep: ManualSleep) => void> = [];
  const clock = {
    time: 0,
    sleeps: [] as ManualSleep[],
    now: () => clock.time,
    sleep(ms: number, signal: AbortSignal): Promise<void> {
      const sleep = { ms, signal };
      clock.sleeps.push(sleep);
      for (const wake of begun.splice(0)) wake(sleep);
      if (mode === 'auto') {
        clock.time += ms;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    },
    nextSleep: () => new Promise<ManualSleep>((r) => begun.push(r)),
  };
  return clock;
}

function subscribe(hooks: WebhookDispatcher, url: string): void {
  hooks.subscribe({ url, time: 0, update_types: null, version: null });
}

const fast = { webhook: { timeScale: 0.001, maxAttempts: 3 } };

describe('webhook delivery', () => {
  it('POSTs each update as JSON and retries non-200 answers', async () => {
    const emulator = await start(fast);
    const hook = await receiver([500, 404]);
    await call(emulator, 'POST', '/subscriptions', { body: { url: hook.url } });
    const message = emulator.actAs(ids.alice).sendToBot('hi');
    await emulator.webhooks.idle();
    expect(hook.received).toHaveLength(3);
    expect(hook.received[2]).toEqual({
      body: { update_type: 'message_created', timestamp: message.timestamp, message, user_locale: 'en-US' },
      contentType: 'application/json; charset=utf-8',
    });
    const deliveries = emulator.inspect.webhookDeliveries();
    expect(deliveries.map((d) => [d.attempt, d.status, d.ok, d.gaveUp])).toEqual([
      [1, 500, false, false],
      [2, 404, false, false],
      [3, 200, true, false],
    ]);
    expect(deliveries[0]?.error).toBe('answered 500');
  });

  it('keeps order per subscription and gives up after maxAttempts', async () => {
    const emulator = await start(fast);
    const hook = await receiver([500, 500, 500]);
    await call(emulator, 'POST', '/subscriptions', { body: { url: hook.url } });
    const alice = emulator.actAs(ids.alice);
    alice.sendToBot('first');
    alice.sendToBot('second');
    await emulator.webhooks.idle();
    expect(hook.received.map((r) => r.body.message.body.text)).toEqual(['first', 'first', 'first', 'second']);
    expect(emulator.inspect.webhookDeliveries().map((d) => d.gaveUp)).toEqual([false, false, true, false]);
  });

  it('records refused connections and filters by update_types', async () => {
    const emulator = await start({ webhook: { timeScale: 0.001, maxAttempts: 2 } });
    const hook = await receiver();
    await call(emulator, 'POST', '/subscriptions', { body: { url: hook.url, update_types: ['bot_started'] } });
    await call(emulator, 'POST', '/subscriptions', { body: { url: 'http://127.0.0.1:1/closed' } });
    emulator.actAs(ids.bob).sendMessage(ids.group, 'not wanted by the first hook');
    emulator.actAs(ids.bob).startBot('x');
    await emulator.webhooks.idle();
    expect(hook.received.map((r) => r.body.update_type)).toEqual(['bot_started']);
    const refused = emulator.inspect.webhookDeliveries().filter((d) => d.url.endsWith('/closed'));
    expect(refused).toHaveLength(4);
    expect(refused[0]).toMatchObject({ status: null, ok: false, error: expect.any(String) });
  });

  it('while subscribed, long polling gets nothing; after unsubscribe it works again', async () => {
    const emulator = await start(fast);
    const hook = await receiver();
    emulator.actAs(ids.alice).sendToBot('before');
    await call(emulator, 'POST', '/subscriptions', { body: { url: hook.url } });
    emulator.actAs(ids.alice).sendToBot('during');
    const during = await call(emulator, 'GET', '/updates', { query: { timeout: 0 } });
    expect(during.body).toEqual({ updates: [], marker: null });
    await emulator.webhooks.idle();
    expect(hook.received.map((r) => r.body.message.body.text)).toEqual(['during']);
    expect((await call(emulator, 'DELETE', '/subscriptions', { query: { url: hook.url } })).body).toEqual({
      success: true,
    });
    expect((await call(emulator, 'DELETE', '/subscriptions', { query: { url: hook.url } })).body.success).toBe(false);
    emulator.actAs(ids.alice).sendToBot('after');
    const after = await call(emulator, 'GET', '/updates', { query: { timeout: 0 } });
    expect(after.body.updates.map((u: any) => u.message.body.text)).toEqual(['before', 'after']);
  });

  it('validates subscriptions and lists them', async () => {
    const emulator = await start();
    expect((await call(emulator, 'POST', '/subscriptions', { body: { url: 'ftp://x' } })).status).toBe(400);
    expect(
      (await call(emulator, 'POST', '/subscriptions', { body: { url: 'http://x.y/h', version: 'v1' } })).status,
    ).toBe(400);
    await call(emulator, 'POST', '/subscriptions', {
      body: { url: 'http://x.y/h', version: '0.5.6', update_types: ['message_created'] },
    });
    expect((await call(emulator, 'GET', '/subscriptions')).body.subscriptions).toEqual([
      { url: 'http://x.y/h', time: expect.any(Number), update_types: ['message_created'], version: '0.5.6' },
    ]);
  });

  it('close() while a delivery is in flight resolves without waiting for the retry delay', async () => {
    const emulator = await start({ webhook: { retryDelayMs: 60_000 } });
    const hook = await receiver(['hold']);
    await call(emulator, 'POST', '/subscriptions', { body: { url: hook.url } });
    const arrived = hook.nextRequest();
    emulator.actAs(ids.alice).sendToBot('x');
    await arrived;
    await emulator.close(); // before the fix this waited 60 s: the wait began after the abort
    expect(emulator.inspect.webhookDeliveries()).toEqual([]);
    expect(hook.received).toHaveLength(1);
  });
});

describe('WebhookDispatcher retries (virtual time)', () => {
  it('waits 30 s, then 60 s, then 60 s (the cap) between attempts, scaled by timeScale', async () => {
    const clock = manualClock('auto');
    const hooks = new WebhookDispatcher({ maxAttempts: 4, timeScale: 0.5 }, clock);
    const hook = await receiver([500, 503, 404]);
    subscribe(hooks, hook.url);
    hooks.deliver(messageCreated());
    await hooks.idle();
    expect(clock.sleeps.map((s) => s.ms)).toEqual([15_000, 30_000, 30_000]);
    expect(hooks.deliveries().map((d) => [d.attempt, d.status, d.at])).toEqual([
      [1, 500, 0],
      [2, 503, 15_000],
      [3, 404, 45_000],
      [4, 200, 75_000],
    ]);
  });

  it('close() during the wait before a retry ends the wait at once and sends nothing more', async () => {
    const clock = manualClock('until-abort');
    const hooks = new WebhookDispatcher({ retryDelayMs: 60_000 }, clock);
    const hook = await receiver([500]);
    subscribe(hooks, hook.url);
    const waiting = clock.nextSleep();
    hooks.deliver(messageCreated());
    const sleep = await waiting;
    expect(sleep.ms).toBe(60_000);
    await hooks.close();
    expect(sleep.signal.aborted).toBe(true);
    expect(clock.sleeps).toHaveLength(1);
    expect(hook.received).toHaveLength(1);
    expect(hooks.deliveries().map((d) => [d.attempt, d.status, d.gaveUp])).toEqual([[1, 500, false]]);
    hooks.deliver(messageCreated());
    await hooks.idle();
    expect(hook.received).toHaveLength(1);
  });

  it('close() while a request is in flight aborts it and never begins a wait', async () => {
    const clock = manualClock('until-abort');
    const hooks = new WebhookDispatcher({ retryDelayMs: 60_000 }, clock);
    const hook = await receiver(['hold']);
    subscribe(hooks, hook.url);
    const arrived = hook.nextRequest();
    hooks.deliver(messageCreated());
    await arrived;
    // A wait begun now would never end (its abort already happened): close() must not start one.
    const outcome = await Promise.race([
      hooks.close().then(() => 'closed'),
      clock.nextSleep().then((s) => `began a ${s.ms} ms wait after close()`),
    ]);
    expect(outcome).toBe('closed');
    expect(clock.sleeps).toEqual([]);
    expect(hooks.deliveries()).toEqual([]);
  });

  it('unsubscribing during the wait drops the update; other subscriptions go on', async () => {
    const clock = manualClock('until-abort');
    const hooks = new WebhookDispatcher({ retryDelayMs: 60_000 }, clock);
    const failing = await receiver([500]);
    const healthy = await receiver();
    subscribe(hooks, failing.url);
    subscribe(hooks, healthy.url);
    const waiting = clock.nextSleep();
    const update = messageCreated();
    hooks.deliver(update);
    const sleep = await waiting;
    expect(hooks.unsubscribe(failing.url)).toBe(true);
    expect(sleep.signal.aborted).toBe(true);
    await hooks.idle();
    expect(failing.received).toHaveLength(1);
    expect(healthy.received.map((r) => r.body)).toEqual([update]);
    expect(hooks.list().map((s) => s.url)).toEqual([healthy.url]);
  });
});
