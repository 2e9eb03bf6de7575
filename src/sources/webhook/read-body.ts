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
    return bytes.byteLength > limit ? { kind: 'too-large', drained: true } : decode([bytes], bytes.byteLength, true);
  }
  if (!isAsyncIterable(body)) return { kind: 'parsed', value: body };
  if (timeout === undefined) return readStream(body, limit, undefined);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeout);
  });
  try {
    return await readStream(body, limit, expired);
  } finally {
    clearTimeout(timer);
  }
}

/** What the deadline of a stream read resolves with. */
const TIMED_OUT: unique symbol = Symbol('timed out');

async function readStream(
  stream: AsyncIterable<unknown>,
  limit: number,
  expired: Promise<typeof TIMED_OUT> | undefined,
): Promise<BodyReadResult> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let iterator: AsyncIterator<unknown>;
  try {
    iterator = stream[Symbol.asyncIterator]();
  } catch (error) {
    return { kind: 'unreadable', reason: `the body stream could not be opened (${describe(error)})`, drained: false };
  }
  for (;;) {
    let step: IteratorResult<unknown> | typeof TIMED_OUT;
    try {
      step = await (expired === undefined ? iterator.next() : Promise.race([iterator.next(), expired]));
    } catch (error) {
      return { kind: 'unreadable', reason: `reading the body failed (${describe(error)})`, drained: false };
    }
    if (step === TIMED_OUT) {
      abandon(iterator);
      return { kind: 'timeout', drained: false };
    }
    if (step.done === true) break;
    const chunk = toBytes(step.value);
    if (chunk === undefined) {
      abandon(iterator);
      return {
        kind: 'unreadable',
        reason: 'the body stream yielded something other than bytes or text',
        drained: false,
      };
    }
    total += chunk.byteLength;
    if (total > limit) {
      abandon(iterator);
      return { kind: 'too-large', drained: false };
    }
    chunks.push(chunk);
  }
  return decode(chunks, total, true);
}

/**
 * The body of `chunks` (`total` bytes in all) as text, or `unreadable` when it is not UTF-8.
 *
 * @example
 * decode([new TextEncoder().encode('{}')], 2, true); // { kind: 'text', text: '{}' }
 */
export function decode(chunks: readonly Uint8Array[], total: number, drained: boolean): BodyReadResult {
  const text = decodeUtf8((chunks.length === 1 ? chunks[0] : undefined) ?? concat(chunks, total));
  return text === undefined ? { kind: 'unreadable', reason: NOT_UTF8, drained } : { kind: 'text', text };
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

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function toBytes(chunk: unknown): Uint8Array | undefined {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return encoder.encode(chunk);
  return undefined;
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
