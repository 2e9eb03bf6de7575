import { NEVER, firstValueFrom, tap, timer } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../src/testing/index';
import { createApi, type Api } from '../../src/api/index';
import { DEFAULT_WORLD_IDS, startEmulator, type Emulator } from '../../src/emulator/index';
import { isRedelivery } from '../../src/delivery/index';
import { perChat } from '../../src/operators/index';
import { listen } from '../../src/node/index';
import { ensureWebhook, webhook, type Webhook } from '../../src/sources/webhook/index';
import type { Update } from '../../src/types/index';
import { virtualClock } from './webhook/helpers';

/** The emulator delivering real webhook requests (fast retries) into our handler. */
const SECRET = 's3cr3t-Token';
let emulator: Emulator;
let hook: Webhook | undefined;
afterEach(async () => {
  await hook?.stop();
  hook = undefined;
  await emulator.close();
});

async function setUp(options: Parameters<typeof webhook>[0] = {}): Promise<{ api: Api; hook: Webhook; url: string }> {
  emulator = await startEmulator({ webhook: { retryDelayMs: 30, maxRetryDelayMs: 60, maxAttempts: 20 } });
  const api = createApi({ token: emulator.token, baseUrl: emulator.url });
  hook = webhook({ path: '/tamtam', secret: SECRET, ...options });
  const server = await listen(hook, 0, '127.0.0.1');
  const url = `${server.url}/tamtam/${SECRET}`;
  await firstValueFrom(ensureWebhook(api, url));
  return { api, hook, url };
}

const textOf = (u: Update) => (u.update_type === 'message_created' ? u.message.body.text : u.update_type);

describe('webhook against the emulator', () => {
  it('receives every update in order, once, and subscribing twice changes nothing', async () => {
    const { api, hook: h, url } = await setUp();
    const seen: (string | null | undefined)[] = [];
    h.updates$.pipe(perChat((u) => timer(1).pipe(tap(() => seen.push(textOf(u)))))).subscribe();
    for (let i = 0; i < 10; i += 1) emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot(`w${i}`);
    await waitFor(() => seen.length === 10, { what: 'ten updates', timeout: 10_000 });
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `w${i}`));
    expect(emulator.inspect.webhookDeliveries().every((d) => d.ok && d.attempt === 1)).toBe(true);

    const again = await firstValueFrom(ensureWebhook(api, url));
    expect(again.subscribed).toBe(false);
    expect(emulator.webhooks.list()).toHaveLength(1);
  });

  it('answers 503 while nobody listens; the server delivers again later and nothing is lost', async () => {
    const { hook: h } = await setUp();
    emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('early');
    await waitFor(() => emulator.inspect.webhookDeliveries().some((d) => d.status === 503), {
      what: 'a refused delivery',
      timeout: 10_000,
    });
    const seen: (string | null | undefined)[] = [];
    h.updates$.subscribe((u) => seen.push(textOf(u)));
    await waitFor(() => seen.length === 1, { what: 'the redelivered update', timeout: 10_000 });
    // the emulator records an attempt once it has the answer, a moment after the update is emitted
    await waitFor(() => emulator.inspect.webhookDeliveries().at(-1)?.status === 200, {
      what: 'the 200 in the delivery log',
      timeout: 10_000,
    });
    expect(seen).toEqual(['early']);
    const attempts = emulator.inspect.webhookDeliveries().map((d) => [d.attempt, d.status]);
    expect(attempts[0]).toEqual([1, 503]);
    expect(attempts.at(-1)?.[1]).toBe(200);
  });

  it("with ack 'handled', a slow handler still gets 200 after ackTimeout: no redelivery storm", async () => {
    const clock = virtualClock();
    const { hook: h } = await setUp({ ack: 'handled', ackTimeout: 50, scheduler: clock.scheduler });
    const finished: string[] = [];
    h.pipe(perChat((u) => timer(300, clock.scheduler).pipe(tap(() => finished.push(String(textOf(u))))))).subscribe();
    emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('slow');
    await waitFor(() => h.inFlight === 1, { what: 'the update to be emitted', timeout: 10_000 });
    await clock.advance(50);
    await waitFor(() => emulator.inspect.webhookDeliveries().length === 1, {
      what: 'the answer after ackTimeout',
      timeout: 10_000,
    });
    expect(finished).toEqual([]);
    await clock.advance(250);
    expect(finished).toEqual(['slow']);
    await emulator.webhooks.idle();
    const deliveries = emulator.inspect.webhookDeliveries();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ attempt: 1, status: 200 });
  });

  it("with ack 'handled', the answer waits for a fast handler to finish", async () => {
    const clock = virtualClock();
    const { hook: h } = await setUp({ ack: 'handled', ackTimeout: 5_000, scheduler: clock.scheduler });
    const order: string[] = [];
    h.pipe(perChat(() => timer(80, clock.scheduler).pipe(tap(() => order.push('handled'))))).subscribe();
    emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('x');
    await waitFor(() => h.inFlight === 1, { what: 'the update to be emitted', timeout: 10_000 });
    await clock.advance(79);
    expect(order).toEqual([]);
    await clock.advance(1);
    await waitFor(() => emulator.inspect.webhookDeliveries().length === 1, { what: 'the delivery', timeout: 10_000 });
    order.push('answered');
    expect(order).toEqual(['handled', 'answered']);
    expect(emulator.inspect.webhookDeliveries()[0]).toMatchObject({ attempt: 1, status: 200 });
  });

  it('flags the server sending an abandoned update again with isRedelivery', async () => {
    const { hook: h } = await setUp({ ack: 'handled' });
    const first = h.pipe(perChat(() => NEVER)).subscribe();
    emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('again');
    await waitFor(() => h.inFlight === 1, { what: 'the update to be emitted', timeout: 10_000 });
    first.unsubscribe(); // the handler is cancelled: 503, the server retries
    const seen: [string | null | undefined, boolean][] = [];
    h.subscribe((u) => seen.push([textOf(u), isRedelivery(u)]));
    await waitFor(() => seen.length === 1, { what: 'the redelivery', timeout: 10_000 });
    expect(seen).toEqual([['again', true]]);
    await waitFor(() => emulator.inspect.webhookDeliveries().at(-1)?.status === 200, {
      what: 'the 200',
      timeout: 10_000,
    });
    expect(emulator.inspect.webhookDeliveries().map((d) => d.status)).toContain(503);
  });

  it('refuses deliveries to a wrong secret with 401 (the server keeps retrying)', async () => {
    await setUp();
    hook?.updates$.subscribe();
    const api = createApi({ token: emulator.token, baseUrl: emulator.url });
    const bad = emulator.webhooks.list()[0]!.url.replace(SECRET, 'wrong');
    await firstValueFrom(ensureWebhook(api, bad, undefined, { removeOthers: true }));
    emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('nope');
    await waitFor(() => emulator.inspect.webhookDeliveries().length >= 2, { what: 'two attempts', timeout: 10_000 });
    expect(
      emulator.inspect
        .webhookDeliveries()
        .map((d) => d.status)
        .slice(0, 2),
    ).toEqual([401, 401]);
  });
});
