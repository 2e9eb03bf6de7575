/**
 * The mounting recipes from the docs, run against the real frameworks.
 */
import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import Koa from 'koa';
import type { Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Webhook, webhook } from '../../../src/sources/webhook/index';
import type { UnknownUpdate, Update } from '../../../src/types';
import { createdBody, post, started, unknownUpdate } from './helpers';

const SECRET = 'Fw-secret.42';

interface Mounted {
  url: string;
  close(): Promise<void>;
}
type Mount = (hook: Webhook) => Promise<Mounted>;

const mounts: [string, Mount][] = [
  ['node:http', async (hook) => started(createServer(hook.nodeHandler))],
  [
    'express (raw stream, no body parser)',
    async (hook) => {
      const app = express();
      app.post('/tamtam/:secret', hook.nodeHandler);
      return started(createServer(app));
    },
  ],
  [
    'express with express.json() before it (req.body)',
    async (hook) => {
      const app = express();
      app.use(express.json({ limit: '1mb' }));
      app.post('/tamtam/:secret', hook.nodeHandler);
      return started(createServer(app));
    },
  ],
  [
    'express router mounted under a prefix (originalUrl)',
    async (hook) => {
      const app = express();
      const router = express.Router();
      router.post('/:secret', hook.nodeHandler);
      app.use('/tamtam', router);
      return started(createServer(app));
    },
  ],
  [
    'fastify, raw stream (content-type parser that leaves the body unread + hijack)',
    async (hook) => {
      const app = Fastify();
      await app.register(async (scope) => {
        scope.removeAllContentTypeParsers();
        scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
        scope.post('/tamtam/:secret', (request, reply) => {
          reply.hijack();
          return hook.nodeHandler(request.raw, reply.raw);
        });
      });
      return fastifyListening(app);
    },
  ],
  [
    'fastify, with its JSON parser (request.body passed on + hijack)',
    async (hook) => {
      const app = Fastify();
      app.post('/tamtam/:secret', (request, reply) => {
        reply.hijack();
        return hook.nodeHandler(Object.assign(request.raw, { body: request.body }), reply.raw);
      });
      return fastifyListening(app);
    },
  ],
  [
    'koa (ctx.respond = false, ctx.req / ctx.res)',
    async (hook) => {
      const app = new Koa();
      app.use(async (ctx) => {
        ctx.respond = false;
        await hook.nodeHandler(ctx.req, ctx.res);
      });
      return started(createServer(app.callback()));
    },
  ],
  [
    'hono on @hono/node-server (c.req.raw)',
    async (hook) => {
      const app = new Hono();
      app.post('/tamtam/:secret', (c) => hook.fetchHandler(c.req.raw));
      const server = await new Promise<Server>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
      });
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      return {
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      };
    },
  ],
];

async function fastifyListening(app: ReturnType<typeof Fastify>): Promise<Mounted> {
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

describe.each(mounts)('webhook mounted in %s', (_name, mount) => {
  let hook: Webhook;
  let mounted: Mounted;
  let seen: Update[];
  let unknown: UnknownUpdate[];
  let endpoint: string;
  beforeEach(async () => {
    seen = [];
    unknown = [];
    hook = webhook({ path: '/tamtam', secret: SECRET, onUnknownUpdate: (u) => unknown.push(u) });
    hook.updates$.subscribe((u) => seen.push(u));
    mounted = await mount(hook);
    endpoint = `${mounted.url}/tamtam/${SECRET}`;
  });
  afterEach(async () => {
    await mounted.close();
    await hook.stop();
  });

  it('answers 200 to a valid update and emits it once, intact', async () => {
    const reply = await post(endpoint, createdBody);
    expect(reply).toMatchObject({ status: 200, json: { success: true } });
    expect(seen).toEqual([JSON.parse(createdBody)]);
  });

  it('answers 401 to a wrong secret and emits nothing', async () => {
    const reply = await post(`${mounted.url}/tamtam/not-the-secret`, createdBody);
    expect(reply).toMatchObject({ status: 401, json: { code: 'secret.mismatch' } });
    expect(seen).toEqual([]);
  });

  it('answers 400 to invalid JSON', async () => {
    const reply = await post(endpoint, '{"update_type": "message_created",');
    expect(reply.status).toBe(400);
    expect(seen).toEqual([]);
  });

  it('answers 400 body.not.update to a JSON object that is not an update', async () => {
    const reply = await post(endpoint, { hello: 'world' });
    expect(reply).toMatchObject({ status: 400, json: { code: 'body.not.update' } });
  });

  it('answers 200 to an unknown update type and reports it', async () => {
    const reply = await post(endpoint, unknownUpdate);
    expect(reply.status).toBe(200);
    expect(unknown).toEqual([unknownUpdate]);
    expect(seen).toEqual([]);
  });

  it('answers 413 to a body over 1 MiB', async () => {
    const big = JSON.stringify({ ...unknownUpdate, padding: 'x'.repeat(1_100_000) });
    const reply = await post(endpoint, big);
    expect(reply.status).toBe(413);
    expect(unknown).toEqual([]);
  });
});

describe('fetchHandler called directly with a Request (Bun, Deno, Workers)', () => {
  let hook: Webhook;
  let seen: Update[];
  beforeEach(() => {
    seen = [];
    hook = webhook({ path: '/tamtam', secret: SECRET, secretIn: 'header', onUnknownUpdate: () => {} });
    hook.updates$.subscribe((u) => seen.push(u));
  });
  afterEach(() => hook.stop());

  const call = (init: RequestInit & { path?: string }) =>
    hook.fetchHandler(
      new Request(`https://bot.example.com${init.path ?? '/tamtam'}`, {
        method: 'POST',
        headers: { 'x-tamtam-webhook-secret': SECRET },
        ...init,
      }),
    );

  it('answers a Response with 200 and a JSON body, emitting the update', async () => {
    const response = await call({ body: createdBody });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ success: true });
    expect(seen).toHaveLength(1);
  });

  it('answers 405 with Allow, 404 and 401 as Responses', async () => {
    const get = await call({ method: 'GET' });
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    expect((await call({ path: '/other', body: createdBody })).status).toBe(404);
    expect((await call({ headers: {}, body: createdBody })).status).toBe(401);
  });

  const withSecret = (request: Request) => {
    request.headers.set('x-tamtam-webhook-secret', SECRET);
    return request;
  };

  it('reads a streamed body and cancels one over the limit', async () => {
    const small = webhook({ maxBodyBytes: 1_000 });
    small.updates$.subscribe();
    let pulled = 0;
    let cancelled = false;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(100).fill(0x20));
      },
      cancel() {
        cancelled = true;
      },
    });
    const response = await small.fetchHandler(
      new Request('https://bot.example.com/', { method: 'POST', body: endless, duplex: 'half' } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThan(20);
    const streamed = new Request('https://bot.example.com/tamtam', {
      method: 'POST',
      body: new Blob([createdBody.slice(0, 10), createdBody.slice(10)]).stream(),
      duplex: 'half',
    } as RequestInit);
    await small.stop();
    expect((await hook.fetchHandler(withSecret(streamed))).status).toBe(200);
    expect(seen).toHaveLength(1);
  });
});
