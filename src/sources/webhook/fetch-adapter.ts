import type { WebhookRequestHandler } from './handler';

/**
 * A web-standard handler, `(Request) => Promise<Response>`, for Hono, Bun, Deno and
 * Cloudflare Workers. Never rejects.
 *
 * @example
 * Bun.serve({ port: 8443, fetch: hook.fetchHandler });
 */
export type FetchWebhookHandler = (request: Request) => Promise<Response>;

/**
 * Adapts the framework-agnostic handler to the Fetch API. The body stream is read up to the
 * limit and cancelled beyond it.
 *
 * @example
 * const fetchHandler = toFetchHandler(handle);
 * app.post('/tamtam', (c) => fetchHandler(c.req.raw)); // Hono
 */
export function toFetchHandler(handle: WebhookRequestHandler): FetchWebhookHandler {
  return async (request) => {
    const answer = await handle({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: request.body === null ? undefined : streamChunks(request.body),
    });
    if (answer.closeConnection && request.body !== null && !request.bodyUsed) {
      request.body.cancel().catch(() => {});
    }
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { ...answer.headers, 'content-type': 'application/json; charset=utf-8' },
    });
  };
}

/** Chunks of a web `ReadableStream`; stopping early cancels the stream. */
function streamChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<unknown> {
  return {
    [Symbol.asyncIterator]() {
      const reader = stream.getReader();
      return {
        next: async () => {
          const { done, value } = await reader.read();
          return done ? { done: true, value: undefined } : { done: false, value };
        },
        return: async () => {
          reader.cancel().catch(() => {});
          return { done: true, value: undefined };
        },
      };
    },
  };
}
