/**
 * Reads a request body into memory with a hard size limit.
 */
import type { IncomingMessage } from 'node:http';
import { EmulatorApiError } from './api-error';

/**
 * Collects the whole body of `req`. Stops reading and throws a 413 error as soon as more than
 * `limitBytes` arrive (the caller should then close the connection).
 *
 * @example
 * const raw = await readBody(req, 10 * 1024 * 1024);
 */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limitBytes) throw tooLarge(limitBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function tooLarge(limitBytes: number): EmulatorApiError {
  return new EmulatorApiError(413, 'request.too.large', `Request body is larger than ${limitBytes} bytes`);
}
