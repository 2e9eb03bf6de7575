import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_BODY_TIMEOUT, type Webhook, type WebhookRejection, webhook } from '../../src/sources/webhook/index';
import { resolveWebhookOptions } from '../../src/sources/webhook/options';
import { readBody } from '../../src/sources/webhook/read-body';
import type { Update } from '../../src/types';
import { sampleUpdates } from '../fixtures/updates';

const createdBody = JSON.stringify(sampleUpdates.message_created);

let hook: Webhook | undefined;
let server: Server | undefined;
afterEach(async () => {
  vi.useRealTimers();
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  await hook?.stop();
  hook = undefined;
});

/** `http.createServer(hook.nodeHandler)` on 127.0.0.1:0, as the issue describes. */
async function serve(
  options: Parameters<typeof webhook>[0],
): Promise<{ url: URL; seen: Update[]; rejected: WebhookRejection[] }> {
  const rejected: WebhookRejection[] = [];
  hook = webhook({ onUnknownUpdate: () => {}, onRejected: (r) => rejected.push(r), ...options });
  const seen: Update[] = [];
  hook.updates$.subscribe((u) => seen.push(u));
  server = createServer(hook.nodeHandler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`), seen, rejected };
}

interface Outcome {
  status: number;
  body: unknown;
  /** Whether the server closed the connection after answering. */
  closed: boolean;
}

/** Sends the headers and `start` of a body announced as `length` bytes, then nothing more. */
function trickle(url: URL, start: string, length: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(length) },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const outcome = {
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
        };
        // the server ends the socket after a 408: wait for that, bounded by the test timeout
        if (req.socket?.destroyed || req.socket?.readableEnded) resolve({ ...outcome, closed: true });
        else req.socket?.once('close', () => resolve({ ...outcome, closed: true }));
      });
    });
    req.flushHeaders();
    req.write(start);
  });
}

async function postBody(
  url: URL,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(5_000) });
  return { status: response.status, json: (await response.json()) as unknown };
}

/** `text` as UTF-8 bytes (a streamed body is read as bytes; the webhook decodes it strictly). */
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('webhook: a body-read deadline of its own', () => {
  it('has a documented default of 10 s and validates the option', () => {
    expect(DEFAULT_BODY_TIMEOUT).toBe(10_000);
    expect(resolveWebhookOptions({}).bodyTimeout).toBe(10_000);
    expect(resolveWebhookOptions({ bodyTimeout: 250 }).bodyTimeout).toBe(250);
    expect(() => resolveWebhookOptions({ bodyTimeout: 0 })).toThrow(/bodyTimeout/);
    expect(() => resolveWebhookOptions({ bodyTimeout: Number.NaN })).toThrow(/bodyTimeout/);
  });

  it('answers 408 to a client that stops mid-body, and closes its connection', async () => {
    const { url, seen, rejected } = await serve({ bodyTimeout: 300 });
    const outcome = await trickle(url, createdBody.slice(0, 20), createdBody.length);
    expect(outcome).toEqual({
      status: 408,
      body: { code: 'body.timeout', message: expect.stringContaining('300 ms') },
      closed: true,
    });
    expect(rejected.map((r) => [r.status, r.code])).toEqual([[408, 'body.timeout']]);
    expect(seen).toHaveLength(0);
    // and it keeps serving
    expect((await postBody(url, createdBody, { 'content-type': 'application/json' })).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it('the deadline is for the whole body, not between chunks: a client trickling a byte at a time gets 408 too', async () => {
    const { url, rejected } = await serve({ bodyTimeout: 300 });
    const req = httpRequest(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(createdBody.length) },
    });
    let sent = 0;
    const drip = setInterval(() => {
      if (sent < createdBody.length) req.write(createdBody[sent++] as string);
    }, 20);
    try {
      const status = await new Promise<number>((resolve, reject) => {
        req.on('error', reject);
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
      });
      expect(status).toBe(408);
      expect(sent).toBeLessThan(createdBody.length);
      expect(rejected.map((r) => r.code)).toEqual(['body.timeout']);
    } finally {
      clearInterval(drip);
      req.destroy();
    }
  });

  it('the handler answers 408 for any stream that does not end in time (fetch adapter, a custom iterable)', async () => {
    hook = webhook({ bodyTimeout: 200, onUnknownUpdate: () => {} });
    hook.updates$.subscribe();
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"update_type":'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const response = await hook.fetchHandler(
      new Request('https://bot.example.com/', { method: 'POST', body: stalled, duplex: 'half' } as RequestInit),
    );
    expect(response.status).toBe(408);
    expect(cancelled).toBe(true);
    const never: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({ next: () => new Promise<never>(() => {}) }),
    };
    expect((await hook.handle({ method: 'POST', url: '/', headers: {}, body: never })).status).toBe(408);
  });

  it('clears its timer as soon as a body is read', async () => {
    vi.useFakeTimers();
    async function* chunks(): AsyncGenerator<Uint8Array> {
      yield new TextEncoder().encode('{"a":');
      yield new TextEncoder().encode('1}');
    }
    expect(await readBody(chunks(), 1_000, 10_000)).toEqual({ kind: 'bytes', bytes: utf8('{"a":1}') });
    expect(vi.getTimerCount()).toBe(0);
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(2_000);
    }
    expect(await readBody(failing(), 1_000, 10_000)).toEqual({ kind: 'too-large', drained: false });
    expect(vi.getTimerCount()).toBe(0);
    expect(await readBody('{}', 1_000, 10_000)).toEqual({ kind: 'text', text: '{}' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a stream that ends in time is not affected by the deadline', async () => {
    vi.useFakeTimers();
    let release: () => void = () => {};
    async function* slowButInTime(): AsyncGenerator<string> {
      yield '{"b":';
      await new Promise<void>((resolve) => (release = resolve));
      yield '2}';
    }
    const reading = readBody(slowButInTime(), 1_000, 10_000);
    await vi.advanceTimersByTimeAsync(9_000);
    release();
    expect(await reading).toEqual({ kind: 'bytes', bytes: utf8('{"b":2}') });
  });
});

describe('webhook: bodies must be JSON', () => {
  it.each([
    ['application/json', 200],
    ['application/json; charset=utf-8', 200],
    ['Application/JSON', 200],
    ['application/vnd.tamtam+json', 200],
    ['text/plain;charset=UTF-8', 200],
    ['application/x-www-form-urlencoded', 415],
    ['multipart/form-data; boundary=x', 415],
    ['application/octet-stream', 415],
    ['text/html', 415],
    ['application/xml', 415],
  ])('Content-Type %s → %i', async (contentType, status) => {
    const { url, seen } = await serve({});
    const reply = await postBody(url, createdBody, { 'content-type': contentType });
    expect(reply.status).toBe(status);
    expect(seen).toHaveLength(status === 200 ? 1 : 0);
    if (status === 415) {
      expect(reply.json).toEqual({
        code: 'body.unsupported.type',
        message: expect.stringMatching(/JSON bodies only.*application\/json/),
      });
    }
  });

  it('accepts a request without a content type', async () => {
    hook = webhook({ onUnknownUpdate: () => {} });
    const seen: Update[] = [];
    hook.updates$.subscribe((u) => seen.push(u));
    expect((await hook.handle({ method: 'POST', url: '/', headers: {}, body: createdBody })).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it('refuses a non-JSON type before reading the body, closing a connection whose body is unread', async () => {
    hook = webhook({ onUnknownUpdate: () => {} });
    hook.updates$.subscribe();
    let pulled = false;
    const body: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          pulled = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const answer = await hook.handle({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/octet-stream', 'content-length': '10' },
      body,
    });
    expect(answer).toMatchObject({ status: 415, closeConnection: true });
    expect(pulled).toBe(false);
  });
});
