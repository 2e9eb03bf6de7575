import type { BodyDeadlines } from './body-deadlines';
import { BodyRead } from './body-read';
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
    done({ kind: 'bytes', bytes: new Uint8Array(0) });
    return;
  }
  const read = new BodyRead(limit, deadlines, done, () => stream.pause());
  stream.on('data', (chunk) => read.push(chunk));
  stream.on('end', () => read.end());
  stream.on('close', () => read.fail('the connection closed early'));
  stream.on('error', (error) => read.fail(error.message));
}
