import type { WebhookAnswer } from './answer';
import type { WebhookSteps } from './handler';
import { BodyRead } from './body-read';
import type { BodyReadResult } from './read-body';

/**
 * A web-standard handler, `(Request) => Promise<Response>`, for Hono, Bun, Deno and
 * Cloudflare Workers. Never rejects.
 *
 * @example
 * Bun.serve({ port: 8443, fetch: hook.fetchHandler });
 */
export type FetchWebhookHandler = (request: Request) => Promise<Response>;

/**
 * Adapts the webhook's steps to the Fetch API. The head is checked before the body is touched.
 * A body whose `Content-Length` is declared (and within the limit, checked with the head) is
 * read in one `arrayBuffer()` under the deadline; a body of unknown length is streamed up to
 * the limit and cancelled beyond it.
 *
 * @example
 * const fetchHandler = toFetchHandler(createWebhookSteps(options, delivery));
 * app.post('/tamtam', (c) => fetchHandler(c.req.raw)); // Hono
 */
export function toFetchHandler(steps: WebhookSteps): FetchWebhookHandler {
  return async (request) => {
    let answer: WebhookAnswer;
    try {
      answer = steps.settle(
        steps.head({
          method: request.method,
          url: request.url,
          headers: request.headers,
          streamed: request.body !== null,
        }) ?? (await steps.body(await readRequestBody(request, steps))),
      );
    } catch (error) {
      answer = steps.settle(undefined, error);
    }
    if (answer.closeConnection && request.body !== null && !request.bodyUsed) {
      request.body.cancel().catch(() => {});
    }
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { ...answer.headers, 'content-type': 'application/json; charset=utf-8' },
    });
  };
}

/**
 * Reads the body under the deadline (a timer of this request's own: Workers tie timers to the
 * request that armed them). A declared length within the limit (checked with the head) is read
 * in one `arrayBuffer()`; a body of unknown length is read chunk by chunk and cancelled past
 * the limit or the deadline.
 */
function readRequestBody(request: Request, steps: WebhookSteps): Promise<BodyReadResult> {
  const body = request.body;
  if (body === null) return Promise.resolve({ kind: 'text', text: '' });
  return new Promise((resolve) => {
    const reader = request.headers.get('content-length') === null ? body.getReader() : undefined;
    const read = new BodyRead(steps.maxBodyBytes, steps.bodyTimeout, resolve, () => reader?.cancel().catch(ignore));
    const failed = (error: unknown): void => read.fail(error instanceof Error ? error.message : String(error));
    if (reader === undefined) {
      request.arrayBuffer().then((bytes) => {
        if (read.push(new Uint8Array(bytes))) read.end();
      }, failed);
      return;
    }
    const next = (): void => {
      reader.read().then((step) => {
        if (step.done) read.end();
        else if (read.push(step.value)) next();
      }, failed);
    };
    next();
  });
}

function ignore(): void {}
