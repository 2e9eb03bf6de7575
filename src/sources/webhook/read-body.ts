import { BodyRead } from './body-read';

/**
 * Reading a request body with a byte limit, from whatever an adapter has: a stream of chunks
 * (read until the limit, then abandoned, never buffered further), raw text or bytes, or a value
 * a framework already parsed.
 */

/**
 * Outcome of {@link readBody}.
 * - `text`: the raw body, decoded as UTF-8.
 * - `bytes`: the raw body, not decoded yet (the webhook decodes it as strict UTF-8 and keeps
 *   the bytes to recognise a redelivery).
 * - `parsed`: a framework already parsed the body; this is its value.
 * - `too-large`: more than the limit; `drained` says whether the body was read to its end.
 * - `unreadable`: the stream failed (client went away) or the bytes are not UTF-8.
 * - `timeout`: the stream did not end within the deadline; it was abandoned unread.
 *
 * @example
 * const result = await readBody('{"a":1}', 1024); // { kind: 'text', text: '{"a":1}' }
 */
export type BodyReadResult =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'parsed'; readonly value: unknown }
  | { readonly kind: 'too-large'; readonly drained: boolean }
  | { readonly kind: 'unreadable'; readonly reason: string; readonly drained: boolean }
  | { readonly kind: 'timeout'; readonly drained: false };

const encoder = /* @__PURE__ */ new TextEncoder();
/** One strict decoder for every body (a decoder without `stream: true` keeps no state between calls). */
const decoder = /* @__PURE__ */ new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads `body` (at most `limit` bytes). Streams are pulled chunk by chunk and abandoned
 * (`return()` on the iterator) as soon as the total passes the limit, or when the whole stream
 * has not ended `timeout` ms after reading began (a client trickling its body, or one that
 * stopped sending); the timer is cleared as soon as reading ends. Bodies already in memory
 * need no deadline.
 *
 * @example
 * const result = await readBody(request.body, 1_048_576, 10_000);
 * if (result.kind === 'too-large') return rejected('body.too.large', '...');
 */
export async function readBody(body: unknown, limit: number, timeout?: number): Promise<BodyReadResult> {
  if (body === undefined) return { kind: 'text', text: '' };
  if (typeof body === 'string') {
    return encoder.encode(body).byteLength > limit
      ? { kind: 'too-large', drained: true }
      : { kind: 'text', text: body };
  }
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
    return bytes.byteLength > limit ? { kind: 'too-large', drained: true } : { kind: 'bytes', bytes };
  }
  if (!isAsyncIterable(body)) return { kind: 'parsed', value: body };
  let iterator: AsyncIterator<unknown>;
  try {
    iterator = body[Symbol.asyncIterator]();
  } catch (error) {
    return { kind: 'unreadable', reason: `the body stream could not be opened (${describe(error)})`, drained: false };
  }
  return new Promise((resolve) => {
    const read = new BodyRead(limit, timeout, resolve, () => abandon(iterator));
    void pump(iterator, read);
  });
}

/** Feeds `read` from `iterator` until the read is over. */
async function pump(iterator: AsyncIterator<unknown>, read: BodyRead): Promise<void> {
  try {
    while (!read.settled) {
      const step = await iterator.next();
      if (step.done === true) read.end();
      else read.push(step.value);
    }
  } catch (error) {
    read.fail(describe(error));
  }
}

/** Why a body that is not UTF-8 is refused. */
export const NOT_UTF8 = 'the body is not valid UTF-8';

/**
 * `bytes` decoded as strict UTF-8, or `undefined` when they are not UTF-8.
 *
 * @example
 * decodeUtf8(new Uint8Array([0xff])); // undefined
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Stops reading: tells the source we are done without waiting for it (it may be slow or hang). */
function abandon(iterator: AsyncIterator<unknown>): void {
  try {
    const done = iterator.return?.();
    if (done !== undefined) done.then(undefined, () => {});
  } catch {
    // the source failed to stop; the adapter closes the connection anyway
  }
}

/**
 * Whether `value` is a stream of chunks to pull (a Node request, a web stream's chunks).
 *
 * @example
 * isAsyncIterable(req); // true for a Node IncomingMessage
 */
export function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
