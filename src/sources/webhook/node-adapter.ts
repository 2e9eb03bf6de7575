import { ACCEPTED, type WebhookAnswer } from './answer';
import { BodyDeadlines } from './body-deadlines';
import type { WebhookSteps } from './handler';
import { readNodeBody } from './node-body';
import { readBody } from './read-body';

/**
 * A Node request as frameworks hand it over: a `node:http` `IncomingMessage`, which Express
 * extends with `originalUrl` (the path before router mounting) and `body` (when a body parser
 * ran). Declared structurally, naming only what the adapter reads, so the root entry's types
 * need no `@types/node`; every `IncomingMessage` (and Express, Fastify, Koa request) fits.
 *
 * @example
 * const req: NodeWebhookRequest = Object.assign(request.raw, { body: request.body }); // Fastify
 */
export interface NodeWebhookRequest {
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
  /** Whether the body was already read to its end (by a framework before the adapter). */
  readonly readableEnded?: boolean;
  /** Listens for the body's chunks. */
  on(event: 'data', listener: (chunk: unknown) => void): unknown;
  /** Listens for the body's end, or the connection closing before it. */
  on(event: 'end' | 'close', listener: () => void): unknown;
  /** Listens for stream errors (answered 400, or ignored once the body is read). */
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Removes a listener once the body is read. */
  removeListener(event: 'data' | 'end' | 'close' | 'error', listener: (...args: never[]) => void): unknown;
  /** Stops reading the body (a body over the limit, or past its deadline, is not read further). */
  pause(): unknown;
  /** The connection: closed after answering a body over the limit. */
  readonly socket: {
    /** Whether the socket is already closed. */
    readonly destroyed: boolean;
    /** Closes the socket. */
    destroy(): unknown;
  };
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
  end(chunk: string, callback?: () => void): unknown;
  /** Listens for stream errors (ignored: the client went away). */
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Runs `listener` once the connection closes. */
  once(event: 'close', listener: () => void): unknown;
}

/**
 * A `(req, res)` handler for `node:http` and everything built on it (Express, Fastify via
 * `reply.hijack()`, Koa via `ctx.req`/`ctx.res`). Resolves once the answer is handed to Node;
 * never rejects.
 *
 * @example
 * http.createServer(hook.nodeHandler).listen(8443);
 */
export type NodeWebhookHandler = (req: NodeWebhookRequest, res: NodeWebhookResponse) => Promise<void>;

/**
 * Adapts the webhook's steps to Node's `(req, res)`: the head is checked before the body is
 * touched, then `req.body` is taken when a body parser already ran, otherwise the request is
 * read with stream events (no async iterator, no promise per chunk, no timer per request) and
 * answered from the `end` callback — one promise per request, the one returned. The `200`
 * answer goes out with prepared headers. A body over the limit is not read further: the
 * answer carries `Connection: close` and the socket is closed once it is sent.
 *
 * @example
 * const nodeHandler = toNodeHandler(createWebhookSteps(options, delivery));
 * express().post('/tamtam', nodeHandler);
 */
export function toNodeHandler(steps: WebhookSteps): NodeWebhookHandler {
  const deadlines = new BodyDeadlines(steps.bodyTimeout);
  return (req, res) =>
    new Promise<void>((resolve) => {
      res.on('error', ignore);
      try {
        const parsed = req.body;
        const refusal = steps.head({
          method: req.method ?? '',
          url: typeof req.originalUrl === 'string' ? req.originalUrl : (req.url ?? '/'),
          headers: req.headers,
          streamed: parsed === undefined,
        });
        if (refusal !== undefined) {
          req.on('error', ignore);
          send(req, res, steps.settle(refusal));
          resolve();
        } else if (parsed === undefined) {
          readNodeBody(req, steps.maxBodyBytes, deadlines, (body) => {
            try {
              const answer = steps.body(body);
              if (answer === ACCEPTED) {
                send(req, res, answer);
                resolve();
              } else if ('then' in answer)
                answer.then(settled(req, res, steps, resolve), failed(req, res, steps, resolve));
              else settled(req, res, steps, resolve)(answer);
            } catch (error) {
              failed(req, res, steps, resolve)(error);
            }
          });
        } else {
          req.on('error', ignore);
          readBody(parsed, steps.maxBodyBytes)
            .then((body) => steps.body(body))
            .then(settled(req, res, steps, resolve), failed(req, res, steps, resolve));
        }
      } catch (error) {
        failed(req, res, steps, resolve)(error);
      }
    });
}

/** Sends `answer` (a refusal is reported first) and resolves the handler's promise. */
function settled(
  req: NodeWebhookRequest,
  res: NodeWebhookResponse,
  steps: WebhookSteps,
  resolve: () => void,
): (answer: WebhookAnswer) => void {
  return (answer) => {
    send(req, res, steps.settle(answer));
    resolve();
  };
}

/** Answers `500` for an unexpected failure and resolves the handler's promise. */
function failed(
  req: NodeWebhookRequest,
  res: NodeWebhookResponse,
  steps: WebhookSteps,
  resolve: () => void,
): (error: unknown) => void {
  return (error) => {
    send(req, res, steps.settle(undefined, error));
    resolve();
  };
}

/** Headers of the `200` answer, the one sent for almost every request. */
const ACCEPTED_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'content-length': '16' };
const ACCEPTED_BODY = '{"success":true}';

function send(req: NodeWebhookRequest, res: NodeWebhookResponse, answer: WebhookAnswer): void {
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  try {
    if (answer === ACCEPTED) {
      res.writeHead(200, ACCEPTED_HEADERS);
      res.end(ACCEPTED_BODY);
      return;
    }
    const payload = JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      ...answer.headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(new TextEncoder().encode(payload).byteLength),
      ...(answer.closeConnection ? { connection: 'close' } : {}),
    });
    if (answer.closeConnection) {
      const close = (): void => {
        if (!req.socket.destroyed) req.socket.destroy();
      };
      res.end(payload, close);
      res.once('close', close);
    } else res.end(payload);
  } catch {
    // the client went away while we answered; nothing else to do
  }
}

function ignore(): void {}
