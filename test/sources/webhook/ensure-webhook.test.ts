import { lastValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Api, createApi, isTamTamApiError } from '../../../src/api/index';
import { WebhookSubscriptionError, ensureWebhook, isWebhookSubscriptionError } from '../../../src/sources/webhook/index';
import { type LoopbackServer, startLoopbackServer } from '../../helpers/loopback-server';
import { fakeSubscriptions } from './fake-subscriptions';
import { sleep } from './helpers';

const URL_A = 'https://bot.example.com/tamtam/abc';
const URL_B = 'https://old.example.com/hook';

let server: LoopbackServer;
let api: Api;
beforeEach(async () => {
  server = await startLoopbackServer();
  api = createApi({ token: 'ensure-token', baseUrl: server.url, retry: false });
});
afterEach(() => server.close());

const methods = () => server.requests.map((r) => `${r.method} ${r.path}${r.query['url'] ? ` ${r.query['url']}` : ''}`);

describe('ensureWebhook', () => {
  it('subscribes when there is no subscription, with the wanted types', async () => {
    const state = fakeSubscriptions(server);
    const result = await lastValueFrom(ensureWebhook(api, URL_A, ['message_created', 'bot_started']));
    expect(result).toEqual({ subscribed: true, removed: [] });
    expect(methods()).toEqual(['GET /subscriptions', 'POST /subscriptions']);
    expect(server.requests[1]?.json).toEqual({ url: URL_A, update_types: ['message_created', 'bot_started'] });
    expect(state.list.map((s) => s.url)).toEqual([URL_A]);
  });

  it('is idempotent: a second run only reads the subscriptions', async () => {
    fakeSubscriptions(server);
    await lastValueFrom(ensureWebhook(api, URL_A, ['message_created', 'bot_started']));
    const again = await lastValueFrom(ensureWebhook(api, URL_A, ['bot_started', 'message_created', 'bot_started']));
    expect(again).toEqual({ subscribed: false, removed: [] });
    expect(methods()).toEqual(['GET /subscriptions', 'POST /subscriptions', 'GET /subscriptions']);
  });

  it('treats "all types" as null or empty on the server, and subscribes again when the types differ', async () => {
    fakeSubscriptions(server, [{ url: URL_A, time: 1, update_types: null, version: '0.5.6' }]);
    expect(await lastValueFrom(ensureWebhook(api, URL_A))).toEqual({ subscribed: false, removed: [] });
    expect(await lastValueFrom(ensureWebhook(api, URL_A, []))).toEqual({ subscribed: false, removed: [] });
    expect(await lastValueFrom(ensureWebhook(api, URL_A, ['message_created']))).toEqual({ subscribed: true, removed: [] });
    expect((await lastValueFrom(ensureWebhook(api, URL_A))).subscribed).toBe(true);
    expect(server.requests.at(-1)?.json).toEqual({ url: URL_A }); // no update_types: all
  });

  it('replaces a subscription with another version only when a version is asked for', async () => {
    fakeSubscriptions(server, [{ url: URL_A, time: 1, update_types: null, version: '0.3.0' }]);
    expect((await lastValueFrom(ensureWebhook(api, URL_A))).subscribed).toBe(false);
    expect((await lastValueFrom(ensureWebhook(api, URL_A, undefined, { version: '0.5.6' }))).subscribed).toBe(true);
    expect(server.requests.at(-1)?.json).toEqual({ url: URL_A, version: '0.5.6' });
  });

  it('leaves other URLs alone by default and removes them only with removeOthers', async () => {
    const state = fakeSubscriptions(server, [{ url: URL_B, time: 1, update_types: null, version: '0.5.6' }]);
    await lastValueFrom(ensureWebhook(api, URL_A));
    expect(state.list.map((s) => s.url)).toEqual([URL_B, URL_A]);
    const result = await lastValueFrom(ensureWebhook(api, URL_A, undefined, { removeOthers: true }));
    expect(result).toEqual({ subscribed: false, removed: [URL_B] });
    expect(state.list.map((s) => s.url)).toEqual([URL_A]);
    expect(methods().slice(-2)).toEqual(['GET /subscriptions', `DELETE /subscriptions ${URL_B}`]);
  });

  it('fails with WebhookSubscriptionError when the server answers success: false', async () => {
    server.queue({ body: { subscriptions: [] } }, { body: { success: false, message: 'port not allowed' } });
    const error = await lastValueFrom(ensureWebhook(api, URL_A)).catch((e: unknown) => e);
    expect(isWebhookSubscriptionError(error)).toBe(true);
    expect(error).toBeInstanceOf(WebhookSubscriptionError);
    expect((error as WebhookSubscriptionError).message).toMatch(/port not allowed/);
    expect((error as WebhookSubscriptionError).operation).toBe('subscribe');
  });

  it('passes API errors through, typed', async () => {
    server.queue({ status: 401, body: { code: 'verify.token', message: 'Invalid access_token' } });
    const error = await lastValueFrom(ensureWebhook(api, URL_A)).catch((e: unknown) => e);
    expect(isTamTamApiError(error, 'verify.token')).toBe(true);
  });

  it('is cold: nothing is sent before subscribe', async () => {
    fakeSubscriptions(server);
    const ensure$ = ensureWebhook(api, URL_A);
    await sleep(30);
    expect(server.requests).toHaveLength(0);
    await lastValueFrom(ensure$);
    expect(server.requests).toHaveLength(2);
  });
});
