/**
 * Writing a successful answer the way a broken server or network would.
 */
import type { ServerResponse } from 'node:http';
import type { BodyFault } from './fault-plan';

/** What a misconfigured proxy in front of the API might answer with status 200. */
const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>\n';

/**
 * Sends the serialised 200 answer `text` with the body fault `fault` applied (see
 * {@link BodyFault}); `intact` sends it as is. Resolves once the answer is over: for `stalled`,
 * only when `signal` aborts (the client closed the connection, or the emulator is closing), and
 * then the connection is destroyed. Does nothing if the response already ended.
 *
 * @example
 * await sendFaultyAnswer(res, 'stalled', JSON.stringify(result), request.signal);
 */
export async function sendFaultyAnswer(
  res: ServerResponse,
  fault: BodyFault,
  text: string,
  signal: AbortSignal,
): Promise<void> {
  if (res.writableEnded || res.destroyed || res.headersSent) return;
  const payload = Buffer.from(fault === 'non-json' ? HTML_PAGE : text, 'utf8');
  const half = payload.subarray(0, Math.max(1, Math.floor(payload.length / 2)));
  const head = (contentType: string, length: number): void => {
    res.writeHead(200, { 'content-type': contentType, 'content-length': String(length), 'cache-control': 'no-cache' });
  };
  switch (fault) {
    case 'intact':
      head('application/json; charset=utf-8', payload.length);
      res.end(payload);
      return;
    case 'non-json':
      head('text/html; charset=utf-8', payload.length);
      res.end(payload);
      return;
    case 'truncated':
      head('application/json; charset=utf-8', half.length);
      res.end(half);
      return;
    case 'cut':
      // promise the whole body, send half of it, then hang up
      head('application/json; charset=utf-8', payload.length);
      res.write(half, () => res.destroy());
      return;
    case 'stalled':
      head('application/json; charset=utf-8', payload.length);
      res.write(half);
      await untilAborted(signal);
      res.destroy();
      return;
  }
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
