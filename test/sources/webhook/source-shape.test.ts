import { afterEach, describe, expect, it } from 'vitest';
import { isRedelivery } from '../../../src/delivery/index';
import { ofType } from '../../../src/operators/index';
import { type Webhook, type WebhookOptions, type WebhookStatus, webhook } from '../../../src/sources/webhook/index';
import { sampleUpdates } from '../../fixtures/updates';
import { createdBody, unknownUpdate } from './helpers';

const hooks: Webhook[] = [];
afterEach(async () => {
  await Promise.all(hooks.splice(0).map((h) => h.stop()));
});
function make(options: WebhookOptions = {}): Webhook {
  const hook = webhook({ onUnknownUpdate: () => {}, ...options });
  hooks.push(hook);
  return hook;
}
const post = (body: string) => ({ method: 'POST', url: '/', headers: {}, body });
const otherBody = JSON.stringify({ ...sampleUpdates.message_created, timestamp: 1 });

describe('the webhook is the update source', () => {
  it('is itself the Observable of updates; updates$ is the same object', async () => {
    const hook = make();
    expect(hook.updates$).toBe(hook);
    const types: string[] = [];
    hook.pipe(ofType('message_created')).subscribe((u) => types.push(u.update_type));
    await hook.handle(post(createdBody));
    await hook.handle(post(JSON.stringify(sampleUpdates.bot_started)));
    expect(types).toEqual(['message_created']);
  });

  it('reports refused requests, unknown update types and its stop on status$, then completes it', async () => {
    const rejected: string[] = [];
    const hook = make({ onRejected: (r) => rejected.push(r.code) });
    const statuses: WebhookStatus[] = [];
    let completed = false;
    hook.status$.subscribe({ next: (s) => statuses.push(s), complete: () => (completed = true) });
    hook.subscribe();
    await hook.handle({ ...post(createdBody), method: 'GET' });
    await hook.handle(post(JSON.stringify(unknownUpdate)));
    await hook.handle(post(createdBody));
    expect(await hook.stop()).toEqual({ unfinished: 0 });
    expect(statuses).toEqual([
      { type: 'rejected', rejection: { status: 405, code: 'method.not.allowed', message: expect.any(String) } },
      { type: 'unknown_update', update: unknownUpdate },
      { type: 'stopped' },
    ]);
    expect(rejected).toEqual(['method.not.allowed']);
    expect(completed).toBe(true);
  });
});

describe('recognising redeliveries', () => {
  it('flags an update whose body it emitted before, and only that one', async () => {
    const hook = make();
    const seen: boolean[] = [];
    hook.subscribe((u) => seen.push(isRedelivery(u)));
    await hook.handle(post(createdBody));
    await hook.handle(post(otherBody));
    await hook.handle(post(createdBody));
    expect(seen).toEqual([false, false, true]);
  });

  it('does not count a request refused before emission (nobody subscribed) as a delivery', async () => {
    const hook = make();
    expect((await hook.handle(post(createdBody))).status).toBe(503);
    const seen: boolean[] = [];
    hook.subscribe((u) => seen.push(isRedelivery(u)));
    await hook.handle(post(createdBody));
    expect(seen).toEqual([false]);
  });

  it('forgets the oldest bodies beyond redeliveryMemory, and remembers none with 0', async () => {
    const small = make({ redeliveryMemory: 1 });
    const seen: boolean[] = [];
    small.subscribe((u) => seen.push(isRedelivery(u)));
    for (const body of [createdBody, otherBody, createdBody, createdBody]) await small.handle(post(body));
    expect(seen).toEqual([false, false, false, true]);

    const none = make({ redeliveryMemory: 0 });
    const unseen: boolean[] = [];
    none.subscribe((u) => unseen.push(isRedelivery(u)));
    for (const body of [createdBody, createdBody]) await none.handle(post(body));
    expect(unseen).toEqual([false, false]);
  });

  it('recognises a body a framework already parsed', async () => {
    const hook = make();
    const seen: boolean[] = [];
    hook.subscribe((u) => seen.push(isRedelivery(u)));
    await hook.handle({ ...post(''), body: JSON.parse(createdBody) as unknown });
    await hook.handle({ ...post(''), body: JSON.parse(createdBody) as unknown });
    expect(seen).toEqual([false, true]);
  });
});

describe('new webhook options', () => {
  it('rejects a scheduler that is not an RxJS scheduler, and a bad redeliveryMemory, naming them', () => {
    expect(() => webhook({ scheduler: {} as never })).toThrow(/scheduler must be an RxJS SchedulerLike/);
    expect(() => webhook({ redeliveryMemory: -1 })).toThrow(/redeliveryMemory must be a whole number from 0 \(off\)/);
    expect(() => webhook({ redeliveryMemory: 1.5 })).toThrow(/redeliveryMemory/);
  });
});
