import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids, startEmulator } from '../../src/emulator';
import { call, start, TOKEN } from './helpers';

interface Receiver {
  url: string;
  received: Array<{ body: any; contentType: string | undefined }>;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => { s.closeAllConnections(); s.close(r); })));
});

/** A webhook receiver answering the given statuses in turn (then 200). */
async function receiver(statuses: number[] = []): Promise<Receiver> {
  const received: Receiver['received'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')), contentType: req.headers['content-type'] });
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received };
}

const fast = { webhook: { timeScale: 0.001, maxAttempts: 3 } };

describe('webhook delivery', () => {
  it('POSTs each update as JSON and retries non-200 answers with backoff', async () => {
    const emulator = await start(fast);
    const hook = await receiver([500, 404]);
    await call(emulator, 'POST', '/subscriptions', { body: { url: hook.url } });
    const message = emulator.actAs(ids.alice).sendToBot('hi');
    await emulator.webhooks.idle();
    expect(hook.received).toHaveLength(3);
    expect(hook.received[2]).toEqual({ body: { update_type: 'message_created', timestamp: message.timestamp, message, user_locale: 'en-US' }, contentType: 'application/json; charset=utf-8' });
    const deliveries = emulator.inspect.webhookDeliveries();
    expect(deliveries.map((d) => [d.attempt, d.status, d.ok, d.gaveUp])).toEqual([
      [1, 500, false, false],
      [2, 404, false, false],
      [3, 200, true, false],
    ]);
    expect(deliveries[0]?.error).toBe('answered 500');
    // backoff: 30 s and 60 s scaled by 0.001
    expect((deliveries[2]?.at ?? 0) - (deliveries[0]?.at ?? 0)).toBeGreaterThanOrEqual(80);
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
    expect((await call(emulator, 'DELETE', '/subscriptions', { query: { url: hook.url } })).body).toEqual({ success: true });
    expect((await call(emulator, 'DELETE', '/subscriptions', { query: { url: hook.url } })).body.success).toBe(false);
    emulator.actAs(ids.alice).sendToBot('after');
    const after = await call(emulator, 'GET', '/updates', { query: { timeout: 0 } });
    expect(after.body.updates.map((u: any) => u.message.body.text)).toEqual(['before', 'after']);
  });

  it('validates subscriptions and lists them', async () => {
    const emulator = await start();
    expect((await call(emulator, 'POST', '/subscriptions', { body: { url: 'ftp://x' } })).status).toBe(400);
    expect((await call(emulator, 'POST', '/subscriptions', { body: { url: 'http://x.y/h', version: 'v1' } })).status).toBe(400);
    await call(emulator, 'POST', '/subscriptions', { body: { url: 'http://x.y/h', version: '0.5.6', update_types: ['message_created'] } });
    expect((await call(emulator, 'GET', '/subscriptions')).body.subscriptions).toEqual([
      { url: 'http://x.y/h', time: expect.any(Number), update_types: ['message_created'], version: '0.5.6' },
    ]);
  });

  it('close() cancels pending retries promptly', async () => {
    const emulator = await startEmulator({ token: TOKEN, webhook: { retryDelayMs: 60_000 } });
    const hook = await receiver([500]);
    await call(emulator, 'POST', '/subscriptions', { body: { url: hook.url } });
    emulator.actAs(ids.alice).sendToBot('x');
    while (hook.received.length === 0) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await emulator.close();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
