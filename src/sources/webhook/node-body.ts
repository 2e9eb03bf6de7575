import { type BodyDeadlines, PendingBody } from './body-deadlines';
import type { BodyReadResult } from './read-body';

/**
 * The part of a Node request the body reader uses: an `IncomingMessage` (or anything built on
 * it) in flowing mode.
 *
 * @example
 * const stream: NodeBodyStream = req;
 */
export interface NodeBodyStream {
  /** Whether the body was already read to its end (by a framework before us). */
  readonly readableEnded?: boolean;
  on(event: 'data', listener: (chunk: unknown) => void): unknown;
  on(event: 'end' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  /** Stops reading (a body over the limit, or past its deadline, is not read further). */
  pause(): unknown;
}

const encoder = /* @__PURE__ */ new TextEncoder();
const EMPTY = new Uint8Array(0);

/**
 * Reads a Node request's body with plain stream events — the cheapest way Node offers: no
 * async iterator, no promise per chunk, no timer per request (the deadline is kept in
 * `deadlines`, shared by the webhook's requests). At most `limit` bytes are kept: past them,
 * or when the body has not ended by its deadline, the stream is paused and left unread.
 * `done` is called exactly once, with the bytes (`kind: 'bytes'`, decoded by the webhook) or
 * why there are none. The listeners stay attached and ignore what comes after `done` (the
 * request is garbage once answered), so an `error` after the body never goes unhandled.
 *
 * @example
 * readNodeBody(req, 1_048_576, deadlines, (body) => answer(steps.body(body)));
 */
export function readNodeBody(
  stream: NodeBodyStream,
  limit: number,
  deadlines: BodyDeadlines,
  done: (result: BodyReadResult) => void,
): void {
  if (stream.readableEnded === true) {
    done({ kind: 'bytes', bytes: EMPTY });
    return;
  }
  new NodeBodyRead(stream, limit, deadlines, done);
}

/** One body being read: its chunks, its deadline, its listeners. */
class NodeBodyRead extends PendingBody {
  readonly #stream: NodeBodyStream;
  readonly #limit: number;
  readonly #deadlines: BodyDeadlines;
  readonly #done: (result: BodyReadResult) => void;
  /** The first chunk; most bodies are one chunk, kept without an array. */
  #first: Uint8Array | undefined;
  #more: Uint8Array[] | undefined;
  #total = 0;
  #settled = false;

  constructor(stream: NodeBodyStream, limit: number, deadlines: BodyDeadlines, done: (result: BodyReadResult) => void) {
    super();
    this.#stream = stream;
    this.#limit = limit;
    this.#deadlines = deadlines;
    this.#done = done;
    deadlines.add(this);
    stream.on('data', (chunk) => this.#data(chunk));
    stream.on('end', () => this.#finish(undefined, false));
    stream.on('close', () =>
      this.#finish(
        { kind: 'unreadable', reason: 'reading the body failed (the connection closed early)', drained: false },
        false,
      ),
    );
    stream.on('error', (error) =>
      this.#finish({ kind: 'unreadable', reason: `reading the body failed (${error.message})`, drained: false }, false),
    );
  }

  override expire(): void {
    this.#finish({ kind: 'timeout', drained: false }, true);
  }

  #data(chunk: unknown): void {
    if (this.#settled) return;
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    if (!(bytes instanceof Uint8Array)) {
      this.#finish(
        { kind: 'unreadable', reason: 'the body stream yielded something other than bytes or text', drained: false },
        true,
      );
      return;
    }
    this.#total += bytes.byteLength;
    if (this.#total > this.#limit) this.#finish({ kind: 'too-large', drained: false }, true);
    else if (this.#first === undefined) this.#first = bytes;
    else if (this.#more === undefined) this.#more = [this.#first, bytes];
    else this.#more.push(bytes);
  }

  #finish(result: BodyReadResult | undefined, stop: boolean): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#deadlines.remove(this);
    if (stop) this.#stream.pause();
    this.#done(result ?? { kind: 'bytes', bytes: this.#bytes() });
  }

  #bytes(): Uint8Array {
    if (this.#more === undefined) return this.#first ?? EMPTY;
    const bytes = new Uint8Array(this.#total);
    let offset = 0;
    for (const chunk of this.#more) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }
}
