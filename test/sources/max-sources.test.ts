import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/index';
import { memoryMarkerStore } from '../../src/sources/index';
import { fromLongPolling } from '../../src/sources/index';
import { type Webhook, type WebhookRequest, webhook } from '../../src/sources/webhook/index';
import { type LoopbackServer, startLoopbackServer } from '../helpers/loopback-server';
import { schemaValidator } from '../helpers/schema-validator';
import { maxSampleUpdates } from '../schema/max-samples';

const muted = maxSampleUpdates['dialog_muted'];
const mutedBody = JSON.stringify(muted);
const constructed = JSON.stringify({
  update_type: 'message_constructed',
  timestamp: 1,
  session_id: 's',
  message: { body: { mid: 'm', seq: 1, text: null, attachments: null } },
});

const hooks: Webhook<object>[] = [];
afterEach(async () => {
  await Promise.all(hooks.splice(0).map((h) => h.stop()));
});

function post(headers: Record<string, string>, body = mutedBody): WebhookRequest {
  return { method: 'POST', url: '/max', headers: { 'content-type': 'application/json', ...headers }, body };
}

describe('webhook on Max', () => {
  it('the samples are valid Max updates', () => {
    expect(schemaValidator('max').validate('Update', muted)).toEqual({ ok: true });
  });

  it('checks the secret in X-Max-Bot-Api-Secret and answers 401 otherwise', async () => {
    const hook = webhook({ dialect: 'max', path: '/max', secret: 'hook_secret-2026', onUnknownUpdate: () => {} });
    hooks.push(hook);
    const seen: unknown[] = [];
    hook.subscribe((u) => seen.push(u));
    expect((await hook.handle(post({}))).status).toBe(401);
    expect((await hook.handle(post({ 'x-max-bot-api-secret': 'hook_secret-2027' }))).status).toBe(401);
    // the TamTam path form is not how Max sends it: nothing is served there
    expect((await hook.handle({ ...post({}), url: '/max/hook_secret-2026' })).status).toBe(404);
    expect((await hook.handle(post({ 'X-Max-Bot-Api-Secret': 'hook_secret-2026' }))).status).toBe(200);
    expect(seen).toEqual([muted]);
  });

  it('knows the Max update types, and reports TamTam-only ones as unknown', async () => {
    const unknown: string[] = [];
    const hook = webhook({
      api: createApi({ dialect: 'max', token: 't' }),
      onUnknownUpdate: (u) => unknown.push(u.update_type),
    });
    hooks.push(hook);
    const seen: string[] = [];
    hook.subscribe((u) => seen.push(u.update_type));
    expect((await hook.handle(post({}))).status).toBe(200);
    expect((await hook.handle(post({}, constructed))).status).toBe(200);
    expect(seen).toEqual(['dialog_muted']);
    expect(unknown).toEqual(['message_constructed']);
  });

  it('a TamTam webhook is unchanged: dialog_muted is unknown there', async () => {
    const unknown: string[] = [];
    const hook = webhook({ onUnknownUpdate: (u) => unknown.push(u.update_type) });
    hooks.push(hook);
    hook.subscribe();
    await hook.handle(post({}));
    expect(unknown).toEqual(['dialog_muted']);
  });

  it('refuses a secret Max would refuse, and a dialect that contradicts the api', () => {
    expect(() => webhook({ dialect: 'max', secret: 'abc' })).toThrow(/Max webhook secret must be 5–256 characters/);
    expect(() => webhook({ dialect: 'max', secret: 'a'.repeat(257) })).toThrow(/5–256/);
    expect(() => webhook({ dialect: 'max', secret: 'with.dot' })).toThrow(/a letter, a digit, _ or -/);
    expect(() => webhook({ dialect: 'tamtam', api: createApi({ dialect: 'max', token: 't' }) })).toThrow(
      /dialect is TamTam but the api speaks Max/,
    );
  });
});

describe('ensureSubscription on Max', () => {
  let server: LoopbackServer;
  beforeEach(async () => {
    server = await startLoopbackServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('subscribes with the secret (even when the URL is already subscribed: a secret cannot be read back)', async () => {
    const api = createApi({ dialect: 'max', token: 't', baseUrl: server.url });
    const hook = webhook({
      api,
      url: 'https://bot.example.com/max',
      secret: 'hook_secret-2026',
      types: ['dialog_muted'],
    });
    hooks.push(hook);
    server.queue(
      { body: { subscriptions: [{ url: 'https://bot.example.com/max', time: 1, update_types: ['dialog_muted'] }] } },
      { body: { success: true } },
    );
    await expect(hook.ensureSubscription()).resolves.toEqual({ subscribed: true, removed: [] });
    expect(server.requests[1]!.json).toEqual({
      url: 'https://bot.example.com/max',
      update_types: ['dialog_muted'],
      secret: 'hook_secret-2026',
    });
    expect(schemaValidator('max').validateRequest('subscribe', { body: server.requests[1]!.json })).toEqual({
      ok: true,
    });
  });
});

describe('long polling on Max', () => {
  let server: LoopbackServer;
  beforeEach(async () => {
    server = await startLoopbackServer();
  });
  afterEach(async () => {
    await server.close();
  });

  it('sends the stored marker with the very first poll, and keeps sending the latest one', async () => {
    const api = createApi({ dialect: 'max', token: 't', baseUrl: server.url });
    const store = memoryMarkerStore({ marker: 41, pending: [] });
    server.respond((request) => {
      if (request.path === '/subscriptions') return { body: { subscriptions: [] } };
      const marker = Number(request.query['marker']);
      return marker === 41 ? { body: { updates: [muted], marker: 42 } } : { body: { updates: [], marker: null } };
    });
    const source = fromLongPolling(api, { store, timeout: 0 });
    const seen: string[] = [];
    source.subscribe((u) => seen.push(u.update_type));
    await server.waitForRequests(4);
    expect(seen).toEqual(['dialog_muted']);
    await source.stop();
    const polls = server.requests.filter((r) => r.path === '/updates');
    expect(polls[0]!.query['marker']).toBe('41');
    // a later empty answer with marker null never makes the source forget its marker
    expect(polls.slice(1).every((r) => r.query['marker'] === '42')).toBe(true);
    expect((await store.load())?.marker).toBe(42);
  });

  it('a first start without a stored marker polls without one (Max then answers only the latest update)', async () => {
    const api = createApi({ dialect: 'max', token: 't', baseUrl: server.url });
    server.respond((request) =>
      request.path === '/subscriptions' ? { body: { subscriptions: [] } } : { body: { updates: [muted], marker: 7 } },
    );
    const source = fromLongPolling(api, { timeout: 0 });
    source.subscribe();
    await server.waitForRequests(3);
    await source.stop();
    const polls = server.requests.filter((r) => r.path === '/updates');
    expect(polls[0]!.query['marker']).toBeUndefined();
    expect(polls[1]!.query['marker']).toBe('7');
    expect(polls.every((r) => r.headers.authorization === 't' && r.query['access_token'] === undefined)).toBe(true);
  });
});
