import { Subject, finalize, mergeMap, takeUntil, tap, timer } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { holdUpdate } from '../../../src/delivery/hold-update';
import {
  type Webhook,
  type WebhookOptions,
  type WebhookRequest,
  type WebhookStatus,
  webhook,
} from '../../../src/sources/webhook/index';
import type { Update } from '../../../src/types';
import { type VirtualClock, createdBody, virtualClock } from './helpers';

/** Every test runs the webhook's timers (and the handlers') in virtual time. */
let clock: VirtualClock;
const hooks: Webhook[] = [];
afterEach(async () => {
  const stopping = Promise.all(hooks.splice(0).map((h) => h.stop()));
  await clock.advance(60_000); // lets stopTimeout pass for anything still held
  await stopping;
});

const request: WebhookRequest = { method: 'POST', url: '/', headers: {}, body: createdBody };

/** A webhook whose pipeline holds each update for `ms` (like perChat running a handler), recording when handling ended. */
function slowPipeline(ms: number, options: WebhookOptions = {}) {
  clock = virtualClock();
  const hook = webhook({ ...options, scheduler: clock.scheduler });
  hooks.push(hook);
  const handledAt: number[] = [];
  hook
    .pipe(
      mergeMap((update: Update) => {
        const release = holdUpdate(update);
        return timer(ms, clock.scheduler).pipe(
          finalize(() => {
            handledAt.push(clock.now());
            release();
          }),
        );
      }),
    )
    .subscribe();
  return { hook, handledAt };
}

/** Starts `hook.handle(request)` and records the virtual time of the answer. */
function answering(hook: Webhook) {
  const answer: { at?: number } = {};
  const promise = hook.handle(request).then((a) => {
    answer.at = clock.now();
    return a;
  });
  return { answer, promise };
}

describe("ack: 'received' (default)", () => {
  it('answers 200 as soon as the update is handed over, while handling goes on', async () => {
    const { hook, handledAt } = slowPipeline(150);
    const answer = await hook.handle(request);
    expect(answer.status).toBe(200);
    expect(handledAt).toEqual([]);
    expect(hook.inFlight).toBe(1);
    await clock.advance(150);
    expect(handledAt).toEqual([150]);
    expect(hook.inFlight).toBe(0);
  });
});

describe("ack: 'handled'", () => {
  it('answers only after every hold on the update is released', async () => {
    const { hook, handledAt } = slowPipeline(120, { ack: 'handled' });
    const { answer, promise } = answering(hook);
    await clock.advance(119);
    expect(answer.at).toBeUndefined();
    await clock.advance(1);
    expect((await promise).status).toBe(200);
    expect(handledAt).toEqual([120]);
    expect(answer.at).toBe(120);
  });

  it('answers at once when nothing holds the update (synchronous handling)', async () => {
    clock = virtualClock();
    const hook = webhook({ ack: 'handled', ackTimeout: 5_000, scheduler: clock.scheduler });
    hooks.push(hook);
    const seen: Update[] = [];
    hook.subscribe((u) => seen.push(u));
    expect((await hook.handle(request)).status).toBe(200); // no virtual time passed
    expect(clock.now()).toBe(0);
    expect(seen).toHaveLength(1);
  });

  it('after ackTimeout still answers 200 (no redelivery storm), reports it, and lets handling finish', async () => {
    const { hook, handledAt } = slowPipeline(400, { ack: 'handled', ackTimeout: 100 });
    const statuses: WebhookStatus[] = [];
    hook.status$.subscribe((s) => statuses.push(s));
    const { answer, promise } = answering(hook);
    await clock.advance(99);
    expect(answer.at).toBeUndefined();
    await clock.advance(1);
    expect(await promise).toMatchObject({ status: 200, body: { success: true } });
    expect(answer.at).toBe(100);
    expect(statuses.map((s) => s.type)).toEqual(['ack_timeout']);
    expect(handledAt).toEqual([]);
    expect(hook.inFlight).toBe(1);
    await clock.advance(300);
    expect(handledAt).toEqual([400]);
    expect(hook.inFlight).toBe(0);
  });

  it('answers 503 with Retry-After when handling was abandoned (cancelled), so the server delivers it again', async () => {
    clock = virtualClock();
    const hook = webhook({ ack: 'handled', retryAfter: 3, scheduler: clock.scheduler });
    hooks.push(hook);
    const cancel = new Subject<void>();
    hook
      .pipe(
        mergeMap((update) => {
          const release = holdUpdate(update);
          let done = false;
          return timer(1_000, clock.scheduler).pipe(
            tap({ complete: () => (done = true) }),
            finalize(() => release(done ? 'handled' : 'abandoned')),
          );
        }),
        takeUntil(cancel),
      )
      .subscribe();
    const pending = hook.handle(request);
    await clock.advance(30);
    expect(hook.inFlight).toBe(1);
    cancel.next();
    const answer = await pending;
    expect(answer).toMatchObject({
      status: 503,
      headers: { 'retry-after': '3' },
      body: { code: 'handling.abandoned' },
    });
  });

  it('waits for each update separately when several arrive at once', async () => {
    const { hook, handledAt } = slowPipeline(80, { ack: 'handled' });
    const answers = Promise.all([hook.handle(request), hook.handle(request), hook.handle(request)]);
    await clock.advance(80);
    expect((await answers).map((a) => a.status)).toEqual([200, 200, 200]);
    expect(handledAt).toEqual([80, 80, 80]);
  });
});
