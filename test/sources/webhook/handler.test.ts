import { Subject } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Webhook, type WebhookOptions, type WebhookRequest, webhook } from '../../../src/sources/webhook/index';
import type { UnknownUpdate, Update } from '../../../src/types';
import { sampleUpdates } from '../../fixtures/updates';
import { createdBody, unknownUpdate, validBodies } from './helpers';

const hooks: Webhook[] = [];
function listening(options: WebhookOptions = {}): { hook: Webhook; seen: Update[] } {
  const hook = webhook({ onUnknownUpdate: () => {}, ...options });
  hooks.push(hook);
  const seen: Update[] = [];
  hook.updates$.subscribe((u) => seen.push(u));
  return { hook, seen };
}
afterEach(async () => {
  await Promise.all(hooks.splice(0).map((h) => h.stop()));
});

function request(over: Partial<WebhookRequest> = {}): WebhookRequest {
  return {
    method: 'POST',
    url: '/tamtam',
    headers: { 'content-type': 'application/json' },
    body: createdBody,
    ...over,
  };
}

/** An async iterable body that records how many chunks were pulled and whether it was stopped. */
function endlessBody(chunkSize: number): AsyncIterable<Uint8Array> & { pulled: number; stopped: boolean } {
  const state = {
    pulled: 0,
    stopped: false,
    [Symbol.asyncIterator]() {
      return {
        next: async () => {
          state.pulled += 1;
          return { done: false as const, value: new Uint8Array(chunkSize).fill(0x20) };
        },
        return: async () => {
          state.stopped = true;
          return { done: true as const, value: undefined };
        },
      };
    },
  };
  return state;
}

async function* chunksOf(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

describe('webhook handler: what it accepts', () => {
  it.each(validBodies)('accepts a %s update, answers 200 and emits it unchanged', async (_type, body) => {
    const { hook, seen } = listening();
    const answer = await hook.handle(request({ body }));
    expect(answer).toMatchObject({ status: 200, body: { success: true }, closeConnection: false });
    expect(seen).toEqual([JSON.parse(body)]);
  });

  it('reads a streamed body split across many chunks (multi-byte characters cut in half)', async () => {
    const { hook, seen } = listening();
    const update = {
      ...sampleUpdates.message_created,
      message: { ...sampleUpdates.message_created.message, body: { mid: 'm', seq: 1, text: 'Привет 👋 мир' } },
    };
    const answer = await hook.handle(request({ body: chunksOf(JSON.stringify(update), 3) }));
    expect(answer.status).toBe(200);
    expect(seen).toEqual([update]);
  });

  it('takes a body a framework already parsed (object), or raw bytes', async () => {
    const { hook, seen } = listening();
    expect((await hook.handle(request({ body: JSON.parse(createdBody) }))).status).toBe(200);
    expect((await hook.handle(request({ body: new TextEncoder().encode(createdBody) }))).status).toBe(200);
    expect(seen).toHaveLength(2);
  });

  it('accepts lower- or mixed-case method names and an absolute URL', async () => {
    const { hook } = listening({ path: '/tamtam' });
    expect((await hook.handle(request({ method: 'post', url: 'https://bot.example.com/tamtam?x=1' }))).status).toBe(
      200,
    );
  });
});

describe('webhook handler: what it refuses', () => {
  it.each(['GET', 'PUT', 'DELETE', 'HEAD'])('answers 405 with Allow: POST to %s', async (method) => {
    const { hook, seen } = listening();
    const answer = await hook.handle(request({ method }));
    expect(answer).toMatchObject({ status: 405, headers: { allow: 'POST' }, body: { code: 'method.not.allowed' } });
    expect(seen).toEqual([]);
  });

  it('answers 404 outside the configured path, ignoring the query and a trailing slash', async () => {
    const { hook } = listening({ path: '/tamtam/' });
    expect((await hook.handle(request({ url: '/other' }))).status).toBe(404);
    expect((await hook.handle(request({ url: '/tamtam/extra' }))).status).toBe(404);
    expect((await hook.handle(request({ url: '/tamtamx' }))).status).toBe(404);
    expect((await hook.handle(request({ url: '/tamtam/?a=b' }))).status).toBe(200);
    expect((await hook.handle(request({ url: '/tamtam' }))).body).toEqual({ success: true });
  });

  it('answers 400 to invalid JSON and to an empty body, naming the problem', async () => {
    const { hook } = listening();
    const broken = await hook.handle(request({ body: '{"update_type": "message_created",' }));
    expect(broken).toMatchObject({ status: 400, body: { code: 'body.invalid.json' } });
    expect((broken.body as { message: string }).message).toMatch(/not valid JSON/);
    const empty = await hook.handle(request({ body: '' }));
    expect(empty).toMatchObject({
      status: 400,
      body: { code: 'body.invalid.json', message: expect.stringMatching(/empty/) },
    });
    expect((await hook.handle(request({ body: undefined }))).status).toBe(400);
  });

  it('answers 400 to bytes that are not UTF-8', async () => {
    const { hook } = listening();
    const answer = await hook.handle(request({ body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]) }));
    expect(answer).toMatchObject({
      status: 400,
      body: { code: 'body.unreadable', message: expect.stringMatching(/UTF-8/) },
    });
  });

  it.each([
    ['an empty object', {}],
    ['a numeric update_type', { update_type: 5, timestamp: 1 }],
    ['an array', [sampleUpdates.bot_started]],
    ['a string', 'message_created'],
    ['null', null],
    ['a missing timestamp', { update_type: 'bot_started', chat_id: 1, user: sampleUpdates.bot_started.user }],
    ['a known type without its fields', { update_type: 'message_created', timestamp: 1 }],
    ['a message without body', { update_type: 'message_created', timestamp: 1, message: { recipient: {} } }],
    ['a callback without callback', { update_type: 'message_callback', timestamp: 1, message: null }],
  ])('answers 400 body.not.update to %s', async (_name, value) => {
    const { hook, seen } = listening();
    const answer = await hook.handle(request({ body: JSON.stringify(value) }));
    expect(answer).toMatchObject({ status: 400, body: { code: 'body.not.update' } });
    expect(seen).toEqual([]);
  });

  it('answers 413 when Content-Length announces too much, before reading anything', async () => {
    const { hook } = listening({ maxBodyBytes: 100 });
    const body = endlessBody(10);
    const answer = await hook.handle(request({ headers: { 'content-length': '101' }, body }));
    expect(answer).toMatchObject({ status: 413, body: { code: 'body.too.large' }, closeConnection: true });
    expect(body.pulled).toBe(0);
  });

  it('answers 413 to an endless stream after reading just past the limit, and stops the stream', async () => {
    const { hook } = listening({ maxBodyBytes: 1_000 });
    const body = endlessBody(64);
    const answer = await hook.handle(request({ headers: { 'transfer-encoding': 'chunked' }, body }));
    expect(answer).toMatchObject({ status: 413, closeConnection: true });
    expect(body.pulled).toBe(Math.floor(1_000 / 64) + 1);
    expect(body.stopped).toBe(true);
  });

  it('answers 413 to a string or parsed-as-text body over the limit, and accepts exactly the limit', async () => {
    const { hook } = listening({ maxBodyBytes: createdBody.length });
    expect((await hook.handle(request({ body: `${createdBody} ` }))).status).toBe(413);
    expect((await hook.handle(request({ body: createdBody }))).status).toBe(200);
  });

  it('answers 400 when the body stream fails (client went away)', async () => {
    const { hook } = listening();
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('{"upd');
      throw new Error('aborted');
    }
    const answer = await hook.handle(request({ body: failing() }));
    expect(answer).toMatchObject({
      status: 400,
      body: { code: 'body.unreadable', message: expect.stringMatching(/aborted/) },
    });
  });

  it('asks the adapter to close the connection only when a streamed body was left unread', async () => {
    const { hook } = listening();
    const unreadStream = await hook.handle(
      request({ method: 'GET', headers: { 'content-length': '5' }, body: endlessBody(5) }),
    );
    expect(unreadStream.closeConnection).toBe(true);
    const noBody = await hook.handle(request({ method: 'GET', headers: {}, body: endlessBody(5) }));
    expect(noBody.closeConnection).toBe(false);
    const stringBody = await hook.handle(request({ method: 'GET' }));
    expect(stringBody.closeConnection).toBe(false);
  });

  it('reports every refusal to onRejected, and a throwing onRejected changes nothing', async () => {
    const rejections: unknown[] = [];
    const { hook } = listening({ onRejected: (r) => rejections.push(r) });
    await hook.handle(request({ method: 'GET' }));
    await hook.handle(request({ body: '{}' }));
    expect(rejections).toEqual([
      { status: 405, code: 'method.not.allowed', message: expect.any(String) },
      { status: 400, code: 'body.not.update', message: expect.any(String) },
    ]);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { hook: throwing } = listening({
      onRejected: () => {
        throw new Error('logger down');
      },
    });
    expect((await throwing.handle(request({ method: 'GET' }))).status).toBe(405);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});

describe('webhook handler: secret', () => {
  const secret = 's3cr3t-Token_1';

  it('accepts the secret as the last path segment and refuses a wrong or missing one with 401', async () => {
    const { hook, seen } = listening({ path: '/tamtam', secret, secretIn: 'path' });
    expect((await hook.handle(request({ url: `/tamtam/${secret}` }))).status).toBe(200);
    const wrong = await hook.handle(request({ url: '/tamtam/s3cr3t-Token_2' }));
    expect(wrong).toMatchObject({ status: 401, body: { code: 'secret.mismatch' } });
    expect(JSON.stringify(wrong)).not.toContain(secret);
    expect((await hook.handle(request({ url: '/tamtam' }))).status).toBe(401);
    expect(
      (await hook.handle(request({ url: '/tamtam', headers: { 'x-tamtam-webhook-secret': secret } }))).status,
    ).toBe(401);
    expect(seen).toHaveLength(1);
  });

  it('accepts the secret in the header (any case) and refuses a wrong, short, long or missing one', async () => {
    const { hook } = listening({ secret, secretIn: 'header' });
    expect((await hook.handle(request({ headers: { 'X-TamTam-Webhook-Secret': secret } }))).status).toBe(200);
    expect((await hook.handle(request({ headers: new Headers({ 'x-tamtam-webhook-secret': secret }) }))).status).toBe(
      200,
    );
    for (const candidate of ['', 's3cr3t', `${secret}x`, secret.toUpperCase()]) {
      expect((await hook.handle(request({ headers: { 'x-tamtam-webhook-secret': candidate } }))).status).toBe(401);
    }
    expect((await hook.handle(request({ headers: {} }))).status).toBe(401);
    expect((await hook.handle(request({ url: `/tamtam/${secret}`, headers: {} }))).status).toBe(401);
  });

  it("with secretIn 'either' (the default) accepts a match in either place, under a custom header name", async () => {
    const { hook } = listening({ path: '/tamtam', secret, secretHeader: 'X-Hook-Key' });
    expect((await hook.handle(request({ url: `/tamtam/${secret}` }))).status).toBe(200);
    expect((await hook.handle(request({ url: '/tamtam', headers: { 'x-hook-key': secret } }))).status).toBe(200);
    expect(
      (await hook.handle(request({ url: '/tamtam', headers: { 'x-tamtam-webhook-secret': secret } }))).status,
    ).toBe(401);
  });

  it('without a path option the secret is the last segment of any path', async () => {
    const { hook } = listening({ secret, secretIn: 'path' });
    expect((await hook.handle(request({ url: `/a/b/${secret}` }))).status).toBe(200);
    expect((await hook.handle(request({ url: '/' }))).status).toBe(401);
  });

  it('checks the secret before reading the body', async () => {
    const { hook } = listening({ secret, secretIn: 'header' });
    const body = endlessBody(10);
    const answer = await hook.handle(request({ headers: { 'content-length': '10' }, body }));
    expect(answer).toMatchObject({ status: 401, closeConnection: true });
    expect(body.pulled).toBe(0);
  });
});

describe('webhook handler: unknown update types', () => {
  it('answers 200, emits on unknownUpdates$ and calls onUnknownUpdate, never on updates$', async () => {
    const reported: UnknownUpdate[] = [];
    const { hook, seen } = listening({ onUnknownUpdate: (u) => reported.push(u) });
    const streamed: UnknownUpdate[] = [];
    hook.unknownUpdates$.subscribe((u) => streamed.push(u));
    const answer = await hook.handle(request({ body: JSON.stringify(unknownUpdate) }));
    expect(answer).toMatchObject({ status: 200, body: { success: true } });
    expect(reported).toEqual([unknownUpdate]);
    expect(streamed).toEqual([unknownUpdate]);
    expect(seen).toEqual([]);
  });

  it('answers 200 to unknown types even when nobody listens to updates$', async () => {
    const hook = webhook({ onUnknownUpdate: () => {} });
    hooks.push(hook);
    expect((await hook.handle(request({ body: JSON.stringify(unknownUpdate) }))).status).toBe(200);
  });

  it('warns once per unknown type by default', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const hook = webhook();
    hooks.push(hook);
    for (const type of ['dialog_muted', 'dialog_muted', 'chat_frozen']) {
      await hook.handle(request({ body: JSON.stringify({ ...unknownUpdate, update_type: type }) }));
    }
    expect(warn).toHaveBeenCalledTimes(2);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/"dialog_muted".*unknownUpdates\$/);
    warn.mockRestore();
  });

  it('survives a throwing onUnknownUpdate and still answers 200', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { hook } = listening({
      onUnknownUpdate: () => {
        throw new Error('boom');
      },
    });
    expect((await hook.handle(request({ body: JSON.stringify(unknownUpdate) }))).status).toBe(200);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});

describe('webhook handler: nobody listening', () => {
  it('answers 503 with Retry-After while nothing is subscribed, then 200 once something is', async () => {
    const hook = webhook({ retryAfter: 7 });
    hooks.push(hook);
    const early = await hook.handle(request());
    expect(early).toMatchObject({ status: 503, headers: { 'retry-after': '7' }, body: { code: 'no.subscriber' } });
    const seen: Update[] = [];
    const subscription = hook.updates$.subscribe((u) => seen.push(u));
    expect((await hook.handle(request())).status).toBe(200);
    subscription.unsubscribe();
    expect((await hook.handle(request())).status).toBe(503);
    expect(seen).toHaveLength(1);
  });

  it('multicasts: every subscriber sees the same update object', async () => {
    const hook = webhook();
    hooks.push(hook);
    const a = new Subject<Update>();
    const b: Update[] = [];
    const seenByA: Update[] = [];
    a.subscribe((u) => seenByA.push(u));
    hook.updates$.subscribe(a);
    hook.updates$.subscribe((u) => b.push(u));
    await hook.handle(request());
    expect(seenByA).toHaveLength(1);
    expect(seenByA[0]).toBe(b[0]);
  });
});
