import { Agent, request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebhookServer, listen } from '../../../src/node/index';
import { type Webhook, type WebhookOptions, webhook } from '../../../src/sources/webhook/index';
import type { Update } from '../../../src/types';
import { waitFor } from '../../../src/testing/index';
import { createdBody, post, unknownUpdate } from './helpers';

const SECRET = 'k9-Secret_value';
let hook: Webhook;
let server: WebhookServer;
let sockets: Socket[];

async function start(options: WebhookOptions = {}, subscribe = true): Promise<Update[]> {
  hook = webhook({ onUnknownUpdate: () => {}, ...options });
  const seen: Update[] = [];
  if (subscribe) hook.updates$.subscribe((u) => seen.push(u));
  server = await listen(hook, 0, '127.0.0.1');
  sockets = [];
  server.server.on('connection', (socket) => sockets.push(socket));
  return seen;
}
afterEach(async () => {
  await hook.stop();
});

describe('webhook over node:http (listen)', () => {
  it('listens on the loopback address with a real port', async () => {
    await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it.each([
    ['GET', `/tamtam/${SECRET}`, undefined, createdBody, 405],
    ['POST', '/elsewhere', undefined, createdBody, 404],
    ['POST', '/tamtam/wrong-secret', undefined, createdBody, 401],
    ['POST', '/tamtam', { 'x-tamtam-webhook-secret': 'nope' }, createdBody, 401],
    ['POST', '/tamtam', { 'x-tamtam-webhook-secret': SECRET }, createdBody, 200],
    ['POST', `/tamtam/${SECRET}`, undefined, '{"update_type":', 400],
    ['POST', `/tamtam/${SECRET}`, undefined, '{}', 400],
    ['POST', `/tamtam/${SECRET}`, undefined, '{"update_type":5,"timestamp":1}', 400],
    ['POST', `/tamtam/${SECRET}`, undefined, JSON.stringify(unknownUpdate), 200],
    ['POST', `/tamtam/${SECRET}?utm=1`, undefined, createdBody, 200],
  ])('%s %s headers=%j body=%s → %i', async (method, path, headers, body, status) => {
    const seen = await start({ path: '/tamtam', secret: SECRET });
    const reply = await post(server.url + path, body, { method, ...(headers ? { headers } : {}) });
    expect(reply.status).toBe(status);
    expect(reply.headers.get('content-type')).toMatch(/application\/json/);
    expect(seen).toHaveLength(status === 200 && body === createdBody ? 1 : 0);
    if (status !== 200) expect(reply.json).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  });

  it('answers 503 until something subscribes to updates$, then 200 (nothing lost: the server retries)', async () => {
    await start({}, false);
    const early = await post(server.url, createdBody);
    expect(early.status).toBe(503);
    expect(early.headers.get('retry-after')).toBe('5');
    const seen: Update[] = [];
    hook.updates$.subscribe((u) => seen.push(u));
    expect((await post(server.url, createdBody)).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it('answers 413 to a huge streamed upload without reading it: the client is stalled, the socket closed', async () => {
    await start({ maxBodyBytes: 64 * 1024 });
    const total = 64 * 1024 * 1024;
    const outcome = await new Promise<{
      status: number;
      connection: string | undefined;
      written: number;
      body: string;
    }>((resolve, reject) => {
      const req = httpRequest(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let written = 0;
      let finished = false;
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => {
          finished = true;
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, written, body });
        });
      });
      req.on('error', (error) => {
        if (!finished) reject(error);
      });
      const pump = (): void => {
        while (!finished && written < total) {
          written += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        if (!finished) req.end();
      };
      pump();
    });
    expect(outcome.status).toBe(413);
    expect(outcome.connection).toBe('close');
    expect(JSON.parse(outcome.body)).toMatchObject({ code: 'body.too.large' });
    expect(outcome.written).toBeLessThan(total); // backpressure: the server stopped reading
    const [socket] = sockets;
    await waitFor(() => socket?.destroyed, { what: 'the server to close the socket' });
    expect(socket?.bytesRead).toBeLessThan(16 * 1024 * 1024);
  });

  it('answers 413 at once when Content-Length is too big', async () => {
    await start({ maxBodyBytes: 1024 });
    const reply = await post(server.url, 'x'.repeat(4096));
    expect(reply.status).toBe(413);
  });

  it('survives a client that disconnects mid-body, and keeps serving', async () => {
    const rejected: string[] = [];
    await start({ onRejected: (r) => rejected.push(r.code) });
    await new Promise<void>((resolve) => {
      const req = httpRequest(server.url, { method: 'POST', headers: { 'content-length': '1000' } });
      req.on('error', () => resolve());
      req.write('{"update_type":"mess');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 50);
    });
    await waitFor(() => rejected.length > 0, { what: 'the rejection' });
    expect(rejected).toEqual(['body.unreadable']);
    expect((await post(server.url, createdBody)).status).toBe(200);
  });

  it('keeps the connection alive after a normal answer', async () => {
    await start();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = () =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(server.url, { method: 'POST', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(createdBody);
      });
    expect([await send(), await send(), await send()]).toEqual([200, 200, 200]);
    expect(sockets).toHaveLength(1);
    agent.destroy();
  });

  it('refuses a second listen and a listen after stop with a clear error', async () => {
    await start();
    await expect(listen(hook, 0, '127.0.0.1')).rejects.toThrow(/already/);
    await hook.stop();
    const stopped = webhook();
    await stopped.stop();
    await expect(listen(stopped, 0, '127.0.0.1')).rejects.toThrow(/stopped/);
    await expect(listen(webhook(), -1)).rejects.toThrow(/port/);
  });
});
