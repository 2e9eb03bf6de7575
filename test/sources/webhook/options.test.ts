import { describe, expect, it } from 'vitest';
import { createApi } from '../../../src/api/index';
import {
  DEFAULT_ACK_TIMEOUT,
  DEFAULT_MAX_BODY_BYTES,
  webhook,
  type WebhookOptions,
} from '../../../src/sources/webhook/index';
import { resolveWebhookOptions } from '../../../src/sources/webhook/options';

const api = createApi({ token: 'options-token', baseUrl: 'http://127.0.0.1:9' });

describe('webhook options', () => {
  it('applies the documented defaults', () => {
    const resolved = resolveWebhookOptions();
    expect(resolved).toMatchObject({
      path: undefined,
      secret: undefined,
      secretIn: 'either',
      secretHeader: 'x-tamtam-webhook-secret',
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      ack: 'received',
      ackTimeout: DEFAULT_ACK_TIMEOUT,
      retryAfter: 5,
      removeOthers: false,
      removeOnStop: false,
      stopTimeout: 30_000,
    });
    expect(DEFAULT_MAX_BODY_BYTES).toBe(1_048_576);
    expect(resolveWebhookOptions({ path: '/a/b//' }).path).toBe('/a/b');
    expect(resolveWebhookOptions({ path: '/' }).path).toBe('/');
  });

  it.each<[string, WebhookOptions, RegExp]>([
    ['a relative path', { path: 'tamtam' }, /path must start with "\/"/],
    ['a path with a query', { path: '/tamtam?x=1' }, /path must start/],
    ['an empty secret', { secret: '' }, /secret must be a non-empty string/],
    ['a path secret with a slash', { secret: 'a/b' }, /letters, digits.*secretIn: 'header'/],
    ['an unknown secretIn', { secretIn: 'query' as never }, /secretIn must be/],
    ['a bad header name', { secretHeader: 'x secret' }, /secretHeader must be a valid HTTP header name/],
    ['an unknown ack policy', { ack: 'later' as never }, /ack must be 'received' or 'handled'/],
    ['a zero body limit', { maxBodyBytes: 0 }, /maxBodyBytes must be a positive integer/],
    ['a fractional ackTimeout', { ackTimeout: 1.5 }, /ackTimeout must be a positive integer/],
    ['a relative url', { url: '/tamtam' }, /url must be the absolute http\(s\) URL/],
    [
      'a url without the path secret',
      { url: 'https://bot.example.com/tamtam', secret: 'abc', secretIn: 'path' },
      /must end with \/<secret>/,
    ],
    ['removeOnStop without api', { url: 'https://bot.example.com/x', removeOnStop: true }, /need both `api` and `url`/],
    ['removeOthers without url', { api, removeOthers: true }, /need both `api` and `url`/],
    ['a non-function onUnknownUpdate', { onUnknownUpdate: 'warn' as never }, /onUnknownUpdate must be a function/],
  ])('refuses %s with a message saying how to fix it', (_name, options, message) => {
    expect(() => webhook(options)).toThrow(TypeError);
    expect(() => webhook(options)).toThrow(message);
  });

  it('accepts a header-only secret with any characters, and a url ending in the path secret', () => {
    expect(() => webhook({ secret: 'a/b c', secretIn: 'header' })).not.toThrow();
    expect(() =>
      webhook({ api, url: 'https://bot.example.com/tamtam/abc/', secret: 'abc', secretIn: 'path', removeOnStop: true }),
    ).not.toThrow();
  });

  it('does not touch the network when created', async () => {
    let calls = 0;
    const counting = createApi({ token: 't', fetch: async () => (calls++, new Response('{}')) });
    const hook = webhook({ api: counting, url: 'https://bot.example.com/x' });
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(0);
    await hook.stop();
    expect(calls).toBe(0);
  });
});
