import type { IncomingMessage, ServerResponse } from 'node:http';
import type { WebhookRequestHandler } from './handler';

/**
 * A Node request as frameworks hand it over: Express adds `originalUrl` (the path before
 * router mounting) and `body` (when a body parser ran); plain `node:http` has neither.
 *
 * @example
 * const req: NodeWebhookRequest = Object.assign(request.raw, { body: request.body }); // Fastify
 */
export type NodeWebhookRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/**
 * A `(req, res)` handler for `node:http` and everything built on it (Express, Fastify via
 * `reply.hijack()`, Koa via `ctx.req`/`ctx.res`). Resolves once the answer is sent; never rejects.
 *
 * @example
 * http.createServer(hook.nodeHandler).listen(8443);
 */
export type NodeWebhookHandler = (req: NodeWebhookRequest, res: ServerResponse) => Promise<void>;

/**
 * Adapts the framework-agnostic handler to Node's `(req, res)`. Reads `req.body` when a body
 * parser already ran, otherwise streams the request. A body over the limit is not read further:
 * the answer carries `Connection: close` and the socket is closed once it is sent.
 *
 * @example
 * const nodeHandler = toNodeHandler(handle);
 * express().post('/tamtam', nodeHandler);
 */
export function toNodeHandler(handle: WebhookRequestHandler): NodeWebhookHandler {
  return async (req, res) => {
    req.on('error', ignore);
    res.on('error', ignore);
    const answer = await handle({
      method: req.method ?? '',
      url: typeof req.originalUrl === 'string' ? req.originalUrl : (req.url ?? '/'),
      headers: req.headers,
      body: req.body !== undefined ? req.body : nodeBodyChunks(req),
    });
    if (res.headersSent || res.writableEnded || res.destroyed) return;
    const payload = JSON.stringify(answer.body);
    try {
      res.writeHead(answer.status, {
        ...answer.headers,
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(payload)),
        ...(answer.closeConnection ? { connection: 'close' } : {}),
      });
      await new Promise<void>((resolve) => {
        res.end(payload, () => resolve());
        res.once('close', () => resolve());
      });
    } catch {
      // the client went away while we answered; nothing else to do
    }
    if (answer.closeConnection && !req.socket.destroyed) req.socket.destroy();
  };
}

/**
 * The request's chunks, without Node's default of destroying the socket when reading stops
 * early (that would kill the `413` answer): stopping just pauses the request.
 */
function nodeBodyChunks(req: IncomingMessage): AsyncIterable<unknown> {
  return {
    [Symbol.asyncIterator]() {
      const chunks = req[Symbol.asyncIterator]();
      return {
        next: () => chunks.next(),
        return: async () => {
          req.pause();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

function ignore(): void {}
