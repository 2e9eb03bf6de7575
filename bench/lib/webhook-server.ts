/**
 * Child-process entry for workload 3: serves one webhook endpoint on a free loopback port and
 * reports the port over IPC. `argv[2]` picks the handler ({@link WebhookServerKind}). Serves
 * any number of load runs (`mark` starts one: its CPU time and updates received count from
 * there; `received` reports them). Exits when the parent disconnects.
 */
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { Bot } from '@maxhub/max-bot-api';
import type { Webhook } from '../../src/index';
import { lib } from './library';

/**
 * Which handler serves:
 * - `raw`: node:http reading the body, `JSON.parse`, answering 200 (the ceiling);
 * - `tamtam-rx`: the webhook's `nodeHandler`, a no-op subscriber;
 * - `peer`: @maxhub/max-bot-api's `webhookCallback`, a no-op handler;
 * - `fetch`: the webhook's `fetchHandler` behind a minimal Node → Web `Request` adapter;
 * - `fetch-raw`: `JSON.parse(await request.text())` and a 200 `Response` behind the same adapter.
 *
 * @example
 * const kind: WebhookServerKind = 'peer';
 */
export type WebhookServerKind = 'raw' | 'tamtam-rx' | 'peer' | 'fetch' | 'fetch-raw';

/** The path every server listens on. */
export const WEBHOOK_PATH = '/tamtam';

/**
 * The baseline: read the body, parse it, answer 200 with a small JSON body.
 *
 * @example
 * createServer(rawHandler).listen(0);
 */
export function rawHandler(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let status = 200;
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      status = 400;
    }
    const body = status === 200 ? '{"success":true}' : '{"code":"bad.request"}';
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
    });
    res.end(body);
  });
}

/**
 * Serves a Fetch-API handler from node:http the way small adapters do (e.g. @hono/node-server,
 * simplified): a `Request` with the body as a web stream, the `Response` written back.
 *
 * @example
 * createServer(nodeToFetch(hook.fetchHandler)).listen(0);
 */
export function nodeToFetch(
  handler: (request: Request) => Promise<Response>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2)
      headers.append(req.rawHeaders[i] ?? '', req.rawHeaders[i + 1] ?? '');
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
    const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers,
      ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
    } as RequestInit);
    void handler(request).then(async (response) => {
      const body = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(body);
    });
  };
}

/**
 * The fetch-style baseline: read the text, parse it, answer 200.
 *
 * @example
 * createServer(nodeToFetch(rawFetchHandler)).listen(0);
 */
export async function rawFetchHandler(request: Request): Promise<Response> {
  let status = 200;
  try {
    JSON.parse(await request.text());
  } catch {
    status = 400;
  }
  return new Response(status === 200 ? '{"success":true}' : '{"code":"bad.request"}', {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * The subject: a webhook with defaults and one no-op subscriber.
 *
 * @example
 * const { hook, received } = tamtamRxWebhook();
 */
export function tamtamRxWebhook(): { hook: Webhook; received: () => number } {
  const hook = lib.webhook({ path: WEBHOOK_PATH });
  let received = 0;
  hook.subscribe(() => {
    received += 1;
  });
  return { hook, received: () => received };
}

/**
 * The peer: @maxhub/max-bot-api's `webhookCallback` (it answers 200 before handling) with a
 * no-op handler for every update.
 *
 * @example
 * const { handler, received } = peerWebhook();
 */
export function peerWebhook(): {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  received: () => number;
} {
  const bot = new Bot('bench-token');
  let received = 0;
  bot.use(() => {
    received += 1;
  });
  return {
    handler: bot.webhookCallback({ domain: 'https://bot.example.com', path: WEBHOOK_PATH }),
    received: () => received,
  };
}

function serverFor(kind: WebhookServerKind): {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  received: () => number;
} {
  if (kind === 'raw') return { handler: rawHandler, received: () => -1 };
  if (kind === 'fetch-raw') return { handler: nodeToFetch(rawFetchHandler), received: () => -1 };
  if (kind === 'peer') return peerWebhook();
  const { hook, received } = tamtamRxWebhook();
  if (kind === 'fetch') return { handler: nodeToFetch(hook.fetchHandler), received };
  return { handler: (req, res) => void hook.nodeHandler(req, res), received };
}

async function main(): Promise<void> {
  const { handler, received } = serverFor((process.argv[2] ?? 'raw') as WebhookServerKind);
  const server = createServer({ keepAliveTimeout: 10_000 }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send?.({ port: (server.address() as AddressInfo).port });
  // one server serves every run of its kind: each run's counts start at its mark
  let mark = process.cpuUsage();
  let receivedAtMark = 0;
  process.on('message', (message: { ask?: string }) => {
    if (message.ask === 'mark') {
      mark = process.cpuUsage();
      receivedAtMark = Math.max(0, received());
      process.send?.({ marked: true });
    }
    if (message.ask === 'received') {
      const cpu = process.cpuUsage(mark);
      const count = received();
      process.send?.({ received: count < 0 ? count : count - receivedAtMark, cpuMicros: cpu.user + cpu.system });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv[1]?.endsWith('webhook-server.ts') === true) void main();
