import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { isTamTamApiError } from '../../../src/api/index';
import {
  WebhookSubscriptionError,
  ensureWebhook,
  isWebhookSubscriptionError,
} from '../../../src/sources/webhook/index';
import { type FakeApi, apiError } from '../../../src/testing/index';
import { sleep, subscriptionsApi, subscriptionsOf } from './helpers';

const URL_A = 'https://bot.example.com/tamtam/abc';
const URL_B = 'https://old.example.com/hook';

const methods = (api: FakeApi) =>
  api.requests().map((r) => `${r.method} ${r.path}${r.query['url'] ? ` ${String(r.query['url'])}` : ''}`);
const urls = async (api: FakeApi) => (await subscriptionsOf(api)).map((s) => s.url);

describe('ensureWebhook', () => {
  it('subscribes when there is no subscription, with the wanted types', async () => {
    const api = await subscriptionsApi();
    const result = await lastValueFrom(ensureWebhook(api, URL_A, ['message_created', 'bot_started']));
    expect(result).toEqual({ subscribed: true, removed: [] });
    expect(methods(api)).toEqual(['GET /subscriptions', 'POST /subscriptions']);
    expect(api.requests()[1]?.body).toEqual({ url: URL_A, update_types: ['message_created', 'bot_started'] });
    expect(await urls(api)).toEqual([URL_A]);
  });

  it('is idempotent: a second run only reads the subscriptions', async () => {
    const api = await subscriptionsApi();
    await lastValueFrom(ensureWebhook(api, URL_A, ['message_created', 'bot_started']));
    const again = await lastValueFrom(ensureWebhook(api, URL_A, ['bot_started', 'message_created', 'bot_started']));
    expect(again).toEqual({ subscribed: false, removed: [] });
    expect(methods(api)).toEqual(['GET /subscriptions', 'POST /subscriptions', 'GET /subscriptions']);
  });

  it('treats "all types" as null or empty on the server, and subscribes again when the types differ', async () => {
    const api = await subscriptionsApi({ url: URL_A, version: '0.5.6' });
    expect(await lastValueFrom(ensureWebhook(api, URL_A))).toEqual({ subscribed: false, removed: [] });
    expect(await lastValueFrom(ensureWebhook(api, URL_A, []))).toEqual({ subscribed: false, removed: [] });
    expect(await lastValueFrom(ensureWebhook(api, URL_A, ['message_created']))).toEqual({
      subscribed: true,
      removed: [],
    });
    expect((await lastValueFrom(ensureWebhook(api, URL_A))).subscribed).toBe(true);
    expect(api.requests().at(-1)?.body).toEqual({ url: URL_A }); // no update_types: all
  });

  it('replaces a subscription with another version only when a version is asked for', async () => {
    const api = await subscriptionsApi({ url: URL_A, version: '0.3.0' });
    expect((await lastValueFrom(ensureWebhook(api, URL_A))).subscribed).toBe(false);
    expect((await lastValueFrom(ensureWebhook(api, URL_A, undefined, { version: '0.5.6' }))).subscribed).toBe(true);
    expect(api.requests().at(-1)?.body).toEqual({ url: URL_A, version: '0.5.6' });
  });

  it('leaves other URLs alone by default and removes them only with removeOthers', async () => {
    const api = await subscriptionsApi({ url: URL_B, version: '0.5.6' });
    await lastValueFrom(ensureWebhook(api, URL_A));
    expect(await urls(api)).toEqual([URL_B, URL_A]);
    const result = await lastValueFrom(ensureWebhook(api, URL_A, undefined, { removeOthers: true }));
    expect(result).toEqual({ subscribed: false, removed: [URL_B] });
    expect(methods(api).slice(-2)).toEqual(['GET /subscriptions', `DELETE /subscriptions ${URL_B}`]);
    expect(await urls(api)).toEqual([URL_A]);
  });

  it('fails with WebhookSubscriptionError when the server answers success: false', async () => {
    const api = (await subscriptionsApi()).respondOnce('subscribe', { success: false, message: 'port not allowed' });
    const error = await lastValueFrom(ensureWebhook(api, URL_A)).catch((e: unknown) => e);
    expect(isWebhookSubscriptionError(error)).toBe(true);
    expect(error).toBeInstanceOf(WebhookSubscriptionError);
    expect((error as WebhookSubscriptionError).message).toMatch(/port not allowed/);
    expect((error as WebhookSubscriptionError).operation).toBe('subscribe');
  });

  it('passes API errors through, typed', async () => {
    const api = (await subscriptionsApi()).respondOnce(
      'getSubscriptions',
      apiError(401, 'verify.token', 'Invalid access_token'),
    );
    const error = await lastValueFrom(ensureWebhook(api, URL_A)).catch((e: unknown) => e);
    expect(isTamTamApiError(error, 'verify.token')).toBe(true);
  });

  it('is cold: nothing is sent before subscribe', async () => {
    const api = await subscriptionsApi();
    const ensure$ = ensureWebhook(api, URL_A);
    await sleep(30);
    expect(api.requests()).toHaveLength(0);
    await lastValueFrom(ensure$);
    expect(api.requests()).toHaveLength(2);
  });
});
