import { afterEach, describe, expect, it } from 'vitest';
import { isRedelivery } from '../../../src/delivery/index';
import { ofType } from '../../../src/operators/index';
import { type FetchWebhook, type FetchWebhookOptions, fetchWebhook } from '../../../src/sources/webhook/index';
import type { Update } from '../../../src/types';
import { bundleOf } from '../../helpers/bundle-of';
import { createdBody } from './helpers';

const SECRET = 'fetch-only-secret';
const hooks: FetchWebhook[] = [];
afterEach(async () => {
  await Promise.all(hooks.splice(0).map((h) => h.stop()));
});
function make(options: FetchWebhookOptions = {}): FetchWebhook {
  const hook = fetchWebhook({
    path: '/tamtam',
    secret: SECRET,
    secretIn: 'header',
    onUnknownUpdate: () => {},
    ...options,
  });
  hooks.push(hook);
  return hook;
}
const request = (init: RequestInit & { path?: string } = {}): Request =>
  new Request(`https://bot.example.com${init.path ?? '/tamtam'}`, {
    method: 'POST',
    headers: { 'x-tamtam-webhook-secret': SECRET, 'content-type': 'application/json' },
    body: createdBody,
    ...init,
  });

describe('fetchWebhook: the webhook for the Fetch API alone', () => {
  it('is an update source answering like webhook: 200 and the update emitted, flagged when sent again', async () => {
    const hook = make();
    const seen: [string, boolean][] = [];
    hook.pipe(ofType('message_created')).subscribe((u: Update) => seen.push([u.update_type, isRedelivery(u)]));
    const first = await hook.fetchHandler(request());
    expect([first.status, await first.json()]).toEqual([200, { success: true }]);
    expect((await hook.fetchHandler(request())).status).toBe(200);
    expect(seen).toEqual([
      ['message_created', false],
      ['message_created', true],
    ]);
    expect(hook.updates$).toBe(hook);
  });

  it('refuses by the head (405, 404, 401, 415) and the body (400, 413) as webhook does', async () => {
    const hook = make({ maxBodyBytes: 2_000 });
    hook.subscribe();
    const statuses = [
      await hook.fetchHandler(request({ method: 'GET', body: null })),
      await hook.fetchHandler(request({ path: '/other' })),
      await hook.fetchHandler(request({ headers: { 'content-type': 'application/json' } })),
      await hook.fetchHandler(request({ headers: { 'x-tamtam-webhook-secret': SECRET, 'content-type': 'text/xml' } })),
      await hook.fetchHandler(request({ body: '{"update_type":' })),
      await hook.fetchHandler(request({ body: ' '.repeat(3_000) })),
    ].map((r) => r.status);
    expect(statuses).toEqual([405, 404, 401, 415, 400, 413]);
  });

  it('answers 503 while nothing is subscribed, and after stop(), which completes status$', async () => {
    const hook = make();
    expect((await hook.fetchHandler(request())).status).toBe(503);
    const statuses: string[] = [];
    hook.status$.subscribe((s) => statuses.push(s.type));
    hook.subscribe();
    expect(await hook.stop()).toEqual({ unfinished: 0 });
    expect(hook.stop()).toBe(hook.stop());
    expect((await hook.fetchHandler(request())).status).toBe(503);
    expect(statuses).toContain('stopped');
  });

  it('refuses the options that manage a subscription, pointing to webhook() and ensureWebhook', () => {
    for (const option of [
      { url: 'https://bot.example.com/tamtam' },
      { types: ['message_created'] },
      { removeOthers: true },
      { removeOnStop: true },
    ]) {
      expect(() => fetchWebhook(option as FetchWebhookOptions)).toThrow(/is for webhook\(\).*ensureWebhook/);
    }
  });

  it('has no Node adapter and no subscription management: an edge bundle leaves them out', async () => {
    const hook = make();
    expect('nodeHandler' in hook).toBe(false);
    expect('ensureSubscription' in hook).toBe(false);
    const bundle = (factory: string): Promise<string> =>
      bundleOf(`import { ${factory} } from './src/index';\nexport default { fetch: ${factory}().fetchHandler };\n`);
    // the Node adapter, the subscription management and the checks of its options
    const webhookOnly = [
      'function toNodeHandler',
      'function readNodeBody',
      'function ensureWebhook',
      'function resolveWebhookOptions',
      'removeOnStop and removeOthers need',
    ];
    const edge = await bundle('fetchWebhook');
    expect(edge).toContain('function toFetchHandler');
    expect(edge).toContain('function resolveFetchWebhookOptions');
    for (const nodeOnly of webhookOnly) expect(edge).not.toContain(nodeOnly);
    // the check above can fail: webhook() carries them all
    const full = await bundle('webhook');
    for (const nodeOnly of webhookOnly) expect(full).toContain(nodeOnly);
  }, 30_000);
});
