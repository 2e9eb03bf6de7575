import type { WebhookRequestHandler } from './handler';

/**
 * A Node request as frameworks hand it over: a `node:http` `IncomingMessage`, which Express
 * extends with `originalUrl` (the path before router mounting) and `body` (when a body parser
 * ran). Declared structurally, naming only what the adapter reads, so the root entry's types
 * need no `@types/node`; every `IncomingMessage` (and Express, Fastify, Koa request) fits.
 *
 * @example
 * const req: NodeWebhookRequest = Object.assign(request.raw, { body: request.body }); // Fastify
 */
export interface NodeWebhookRequest extends AsyncIterable<unknown> {
  /** HTTP method, `IncomingMessage#method`. */
  readonly method?: string | undefined;
  /** Request target (path and query), `IncomingMessage#url`. */
  readonly url?: string | undefined;
  /** Express: the URL before router mounting stripped a prefix. */
  readonly originalUrl?: string;
  /** Request headers, lower-case names. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The parsed or raw body when a body parser already read it; otherwise the request is streamed. */
  readonly body?: unknown;
  /** The connection: closed after answering a body over the limit. */
  readonly socket: {
    /** Whether the socket is already closed. */
    readonly destroyed: boolean;
    /** Closes the socket. */
    destroy(): unknown;
  };
  /** Listens for stream errors (ignored: the answer says what went wrong). */
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Stops reading the body (a body over the limit is not read further). */
  pause(): unknown;
}

/**
 * A Node response, declared structurally like {@link NodeWebhookRequest}: every `node:http`
 * `ServerResponse` fits.
 *
 * @example
 * const res: NodeWebhookResponse = reply.raw; // Fastify, after reply.hijack()
 */
export interface NodeWebhookResponse {
  /** Whether headers were already sent (the adapter then leaves the response alone). */
  readonly headersSent: boolean;
  /** Whether the response was already ended. */
  readonly writableEnded: boolean;
  /** Whether the response stream was destroyed. */
  readonly destroyed: boolean;
  /** Sends the status line and headers. */
  writeHead(status: number, headers: Record<string, string>): unknown;
  /** Sends the body and ends the response; `callback` runs once it is flushed. */
  end(chunk: string, callback: () => void): unknown;
  /** Listens for stream errors (ignored: the client went away). */
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Runs `listener` once the connection closes. */
  once(event: 'close', listener: () => void): unknown;
}

/**
 * A `(req, res)` handler for `node:http` and everything built on it (Express, Fastify via
 * `reply.hijack()`, Koa via `ctx.req`/`ctx.res`). Resolves once the answer is sent; never rejects.
 *
 * @example
 * http.createServer(hook.nodeHandler).listen(8443);
 */
export type NodeWebhookHandler = (req: NodeWebhookRequest, res: NodeWebhookResponse) => Promise<void>;

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
function nodeBodyChunks(req: NodeWebhookRequest): AsyncIterable<unknown> {
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
