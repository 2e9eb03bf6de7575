import { type BodyReadResult, decode } from './read-body';

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
  removeListener(event: 'data' | 'end' | 'close' | 'error', listener: (...args: never[]) => void): unknown;
  /** Stops reading (a body over the limit, or past its deadline, is not read further). */
  pause(): unknown;
}

/**
 * Reads a Node request's body with plain stream events — the cheapest way Node offers: no
 * async iterator, no promise per chunk. At most `limit` bytes are kept: past them, or when the
 * body has not ended `timeout` ms after reading began, the stream is paused and left unread.
 * `done` is called exactly once.
 *
 * @example
 * readNodeBody(req, 1_048_576, 10_000, (body) => answer(steps.body(body)));
 */
export function readNodeBody(
  stream: NodeBodyStream,
  limit: number,
  timeout: number,
  done: (result: BodyReadResult) => void,
): void {
  if (stream.readableEnded === true) {
    done({ kind: 'text', text: '' });
    return;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const finish = (result: BodyReadResult | undefined, stop: boolean): void => {
    clearTimeout(timer);
    stream.removeListener('data', onData);
    stream.removeListener('end', onEnd);
    stream.removeListener('close', onClose);
    stream.removeListener('error', onError);
    if (stop) stream.pause();
    done(result ?? decode(chunks, total, true));
  };
  const onData = (chunk: unknown): void => {
    const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    if (!(bytes instanceof Uint8Array)) {
      finish(
        { kind: 'unreadable', reason: 'the body stream yielded something other than bytes or text', drained: false },
        true,
      );
      return;
    }
    total += bytes.byteLength;
    if (total > limit) finish({ kind: 'too-large', drained: false }, true);
    else chunks.push(bytes);
  };
  const onEnd = (): void => finish(undefined, false);
  const onClose = (): void =>
    finish(
      { kind: 'unreadable', reason: 'reading the body failed (the connection closed early)', drained: false },
      false,
    );
  const onError = (error: Error): void =>
    finish({ kind: 'unreadable', reason: `reading the body failed (${error.message})`, drained: false }, false);
  const timer = setTimeout(() => finish({ kind: 'timeout', drained: false }, true), timeout);
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.on('close', onClose);
  stream.on('error', onError);
}
