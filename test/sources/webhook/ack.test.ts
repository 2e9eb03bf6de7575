import { Subject, finalize, mergeMap, takeUntil, tap, timer } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { holdUpdate } from '../../../src/delivery/hold-update';
import { type Webhook, type WebhookOptions, type WebhookRequest, webhook } from '../../../src/sources/webhook/index';
import type { Update } from '../../../src/types';
import { createdBody, sleep } from './helpers';

const hooks: Webhook[] = [];
afterEach(async () => {
  await Promise.all(hooks.splice(0).map((h) => h.stop()));
});

const request: WebhookRequest = { method: 'POST', url: '/', headers: {}, body: createdBody };

/** A webhook whose pipeline holds each update for `ms` (like perChat running a handler), recording when handling ended. */
function slowPipeline(ms: number, options: WebhookOptions = {}) {
  const hook = webhook(options);
  hooks.push(hook);
  const handledAt: number[] = [];
  hook.updates$
    .pipe(
      mergeMap((update: Update) => {
        const release = holdUpdate(update);
        return timer(ms).pipe(
          finalize(() => {
            handledAt.push(Date.now());
            release();
          }),
        );
      }),
    )
    .subscribe();
  return { hook, handledAt };
}

describe("ack: 'received' (default)", () => {
  it('answers 200 as soon as the update is handed over, while handling goes on', async () => {
    const { hook, handledAt } = slowPipeline(150);
    const answer = await hook.handle(request);
    expect(answer.status).toBe(200);
    expect(handledAt).toEqual([]);
    expect(hook.inFlight).toBe(1);
    await sleep(250);
    expect(handledAt).toHaveLength(1);
    expect(hook.inFlight).toBe(0);
  });
});

describe("ack: 'handled'", () => {
  it('answers only after every hold on the update is released', async () => {
    const { hook, handledAt } = slowPipeline(120, { ack: 'handled' });
    const started = Date.now();
    const answer = await hook.handle(request);
    const answeredAt = Date.now();
    expect(answer.status).toBe(200);
    expect(handledAt).toHaveLength(1);
    expect(handledAt[0]).toBeLessThanOrEqual(answeredAt);
    expect(answeredAt - started).toBeGreaterThanOrEqual(100);
  });

  it('answers at once when nothing holds the update (synchronous handling)', async () => {
    const hook = webhook({ ack: 'handled', ackTimeout: 5_000 });
    hooks.push(hook);
    const seen: Update[] = [];
    hook.updates$.subscribe((u) => seen.push(u));
    const started = Date.now();
    expect((await hook.handle(request)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(seen).toHaveLength(1);
  });

  it('after ackTimeout still answers 200 (no redelivery storm) and lets handling finish', async () => {
    const { hook, handledAt } = slowPipeline(400, { ack: 'handled', ackTimeout: 100 });
    const started = Date.now();
    const answer = await hook.handle(request);
    const waited = Date.now() - started;
    expect(answer).toMatchObject({ status: 200, body: { success: true } });
    expect(waited).toBeGreaterThanOrEqual(90);
    expect(waited).toBeLessThan(380);
    expect(handledAt).toEqual([]);
    expect(hook.inFlight).toBe(1);
    await sleep(450);
    expect(handledAt).toHaveLength(1);
    expect(hook.inFlight).toBe(0);
  });

  it('answers 503 with Retry-After when handling was abandoned (cancelled), so the server delivers it again', async () => {
    const hook = webhook({ ack: 'handled', retryAfter: 3 });
    hooks.push(hook);
    const cancel = new Subject<void>();
    hook.updates$
      .pipe(
        mergeMap((update) => {
          const release = holdUpdate(update);
          let done = false;
          return timer(1_000).pipe(
            tap({ complete: () => (done = true) }),
            finalize(() => release(done ? 'handled' : 'abandoned')),
          );
        }),
        takeUntil(cancel),
      )
      .subscribe();
    const pending = hook.handle(request);
    await sleep(30);
    cancel.next();
    const answer = await pending;
    expect(answer).toMatchObject({ status: 503, headers: { 'retry-after': '3' }, body: { code: 'handling.abandoned' } });
  });

  it('waits for each update separately when several arrive at once', async () => {
    const { hook, handledAt } = slowPipeline(80, { ack: 'handled' });
    const answers = await Promise.all([hook.handle(request), hook.handle(request), hook.handle(request)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(handledAt).toHaveLength(3);
  });
});
