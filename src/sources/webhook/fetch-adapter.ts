import type { WebhookAnswer } from './answer';
import type { WebhookSteps } from './handler';
import { type BodyReadResult, decode, readBody } from './read-body';

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

async function readRequestBody(request: Request, steps: WebhookSteps): Promise<BodyReadResult> {
  if (request.body === null) return { kind: 'text', text: '' };
  if (request.headers.get('content-length') === null) {
    return readBody(streamChunks(request.body), steps.maxBodyBytes, steps.bodyTimeout);
  }
  // a declared length within the limit: one read under the deadline (at most that many bytes arrive)
  let timer: ReturnType<typeof setTimeout> | undefined;
  const reading = request.arrayBuffer();
  const expired = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), steps.bodyTimeout);
  });
  try {
    const bytes = await Promise.race([reading, expired]);
    if (bytes === undefined) {
      reading.catch(() => {});
      return { kind: 'timeout', drained: false };
    }
    if (bytes.byteLength > steps.maxBodyBytes) return { kind: 'too-large', drained: true };
    return decode([new Uint8Array(bytes)], bytes.byteLength, true);
  } catch (error) {
    return {
      kind: 'unreadable',
      reason: `reading the body failed (${error instanceof Error ? error.message : String(error)})`,
      drained: false,
    };
  } finally {
    clearTimeout(timer);
  }
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
