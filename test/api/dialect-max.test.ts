import { firstValueFrom, lastValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  deleteAdmin,
  getMyInfo,
  getUpdates,
  getVideoAttachmentDetails,
  postAdmins,
  sendMessage,
  subscribe,
} from '../../src/actions/index';
import {
  MAX_DIALECT,
  MAX_OPERATIONS,
  TAMTAM_DIALECT,
  TAMTAM_OPERATIONS,
  createApi,
  operationIds,
  resolveDialect,
} from '../../src/api/index';
import { type LoopbackServer, startLoopbackServer } from '../helpers/loopback-server';
import { schemaValidator } from '../helpers/schema-validator';
import { schemaFacts } from '../../src/schema-facts/index';

let server: LoopbackServer;
beforeEach(async () => {
  server = await startLoopbackServer();
});
afterEach(async () => {
  await server.close();
});

describe('MAX_DIALECT', () => {
  it('is the Max API: host, header-only token, no version, 30 rps, 429 without Retry-After, 512-char deep links', () => {
    expect(MAX_DIALECT.baseUrl).toBe('https://platform-api2.max.ru');
    expect(MAX_DIALECT.auth).toEqual({ tokenIn: 'header', accepts: ['header'] });
    expect(MAX_DIALECT.version).toBe('');
    expect(MAX_DIALECT.limits).toMatchObject({
      requestsPerSecond: 30,
      retryAfterOn429: false,
      deepLinkPayloadLength: 512,
    });
    expect(TAMTAM_DIALECT.limits.deepLinkPayloadLength).toBe(128);
    expect(MAX_DIALECT.delivery).toEqual({
      withoutMarker: 'latest',
      webhookSecretHeader: 'X-Max-Bot-Api-Secret',
      httpsOnlyWebhooks: true,
    });
    expect(resolveDialect('max')).toBe(MAX_DIALECT);
    expect(() => resolveDialect('icq' as 'max')).toThrow(/unknown dialect "icq"/);
  });

  it('has exactly the schema operations (plus uploadFile), at the schema paths, minus getChats', () => {
    const facts = schemaFacts('max').operations;
    const ids = operationIds(MAX_OPERATIONS).filter((id) => id !== 'uploadFile');
    expect(new Set(ids)).toEqual(new Set(Object.keys(facts).filter((id) => id !== 'getChats')));
    for (const id of ids) {
      const row = MAX_OPERATIONS[id];
      expect({ id, method: row.method, path: row.path }).toEqual({
        id,
        method: facts[id]!.method,
        path: facts[id]!.path,
      });
    }
    expect(Object.hasOwn(MAX_OPERATIONS, 'construct')).toBe(false);
    expect(Object.hasOwn(MAX_OPERATIONS, 'editMyInfo')).toBe(false);
    expect(Object.hasOwn(TAMTAM_OPERATIONS, 'postAdmins')).toBe(false);
  });
});

describe('createApi({ dialect: "max" })', () => {
  it('sends the token raw in Authorization, never in the query, and no v', async () => {
    const api = createApi({ dialect: 'max', token: 'max-secret-token', baseUrl: server.url });
    server.queue({
      body: { user_id: 1, first_name: 'Bot', username: 'bot', is_bot: true, last_activity_time: 1, name: 'Bot' },
    });
    const me = await firstValueFrom(getMyInfo(api));
    expect(me.first_name).toBe('Bot');
    const [request] = server.requests;
    expect(request!.headers.authorization).toBe('max-secret-token');
    expect(request!.query).toEqual({});
    expect(api.tokenIn).toBe('header');
    expect(api.version).toBe('');
    expect(api.dialect).toBe(MAX_DIALECT);
    expect(JSON.stringify(api)).not.toContain('max-secret-token');
  });

  it('defaults to the Max host, and sends v only when the user sets one', async () => {
    expect(createApi({ dialect: 'max', token: 't' }).baseUrl).toBe('https://platform-api2.max.ru');
    const api = createApi({ dialect: 'max', token: 't', baseUrl: server.url, version: '0.0.32' });
    await firstValueFrom(getUpdates(api, { timeout: 0 }));
    expect(server.requests[0]!.query).toEqual({ timeout: '0', v: '0.0.32' });
  });

  it('refuses a query-mode token at createApi time, saying how to fix it', () => {
    expect(() => createApi({ dialect: 'max', token: 't', tokenIn: 'query' })).toThrow(
      /the Max Bot API does not accept the token in the query string .*403 deprecated\.token.*tokenIn: 'header'/,
    );
    expect(() => createApi({ dialect: 'nope' as 'max', token: 't' })).toThrow(/createApi: unknown dialect "nope"/);
  });

  it('TamTam stays the default: query token and v', async () => {
    const api = createApi({ token: 'tamtam-token', baseUrl: server.url });
    await firstValueFrom(getMyInfo(api));
    expect(server.requests[0]!.query).toEqual({ v: '0.5.6', access_token: 'tamtam-token' });
    expect(api.dialect).toBe(TAMTAM_DIALECT);
  });

  it('calls the Max-only operations where the schema puts them, with valid requests', async () => {
    const validator = schemaValidator('max');
    const api = createApi({ dialect: 'max', token: 't', baseUrl: server.url });
    const admins = { admins: [{ user_id: 590_123_456, permissions: ['write', 'can_call'] as const, alias: 'editor' }] };
    await firstValueFrom(postAdmins(api, -70, admins));
    await firstValueFrom(deleteAdmin(api, -70, 590_123_456));
    server.queue({
      body: {
        token: 'vt_1',
        width: 1280,
        height: 720,
        duration: 12,
        urls: { mp4_720: 'https://v.example.com/720.mp4' },
      },
    });
    const video = await firstValueFrom(getVideoAttachmentDetails(api, 'vt_1'));
    expect(video.urls?.mp4_720).toBe('https://v.example.com/720.mp4');
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /chats/-70/members/admins',
      'DELETE /chats/-70/members/admins/590123456',
      'GET /videos/vt_1',
    ]);
    expect(validator.validateRequest('postAdmins', { path: { chatId: -70 }, body: server.requests[0]!.json })).toEqual({
      ok: true,
    });
    expect(validator.validateResponse('getVideoAttachmentDetails', 200, video)).toEqual({ ok: true });
  });

  it('sends Max message bodies (Max buttons, reply keyboards) the schema accepts', async () => {
    const validator = schemaValidator('max', { nullableRequired: 'optional' });
    const api = createApi({ dialect: 'max', token: 't', baseUrl: server.url });
    server.queue({
      body: {
        message: {
          recipient: { chat_id: 1, chat_type: 'chat', user_id: null },
          timestamp: 1,
          body: { mid: 'm', seq: 1, text: 'x', attachments: null },
        },
      },
    });
    await firstValueFrom(
      sendMessage(
        api,
        { chat_id: 1 },
        {
          text: 'Pick',
          attachments: [
            {
              type: 'inline_keyboard',
              payload: {
                buttons: [
                  [
                    { type: 'clipboard', text: 'Copy', payload: 'PROMO' },
                    { type: 'open_app', text: 'Shop', web_app: 'shop_bot' },
                  ],
                ],
              },
            },
          ],
        },
      ),
    );
    expect(
      validator.validateRequest('sendMessage', { query: server.requests[0]!.query, body: server.requests[0]!.json }),
    ).toEqual({ ok: true });
  });

  it('a TamTam-only action on a Max api (forced past the types) fails with a clear error, sending nothing', async () => {
    const { construct } = await import('../../src/actions/index');
    const api = createApi({ dialect: 'max', token: 't', baseUrl: server.url });
    // @ts-expect-error: the types refuse it; this pins the run-time guard for untyped callers
    await expect(lastValueFrom(construct(api, 's', { messages: [] }))).rejects.toThrow(
      /construct: the Max Bot API has no such operation/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('subscribe checks a Max secret before sending', async () => {
    const api = createApi({ dialect: 'max', token: 't', baseUrl: server.url });
    await expect(lastValueFrom(subscribe(api, { url: 'https://bot.example.com/max', secret: 'abc' }))).rejects.toThrow(
      /5–256 characters/,
    );
    await expect(
      lastValueFrom(subscribe(api, { url: 'https://bot.example.com/max', secret: 'has space!' })),
    ).rejects.toThrow(/secret/);
    server.queue({ body: { success: true } });
    await lastValueFrom(subscribe(api, { url: 'https://bot.example.com/max', secret: 'good_secret-1' }));
    expect(server.requests[0]!.json).toEqual({ url: 'https://bot.example.com/max', secret: 'good_secret-1' });
  });
});
