/**
 * Writing JSON answers.
 */
import type { ServerResponse } from 'node:http';

/**
 * Sends `body` as JSON with the given status (no-op if the response already ended or the
 * socket is gone).
 *
 * @example
 * sendJson(res, 200, { success: true });
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendRaw(res, status, JSON.stringify(body), headers);
}

/**
 * Sends an already serialised body with `content-type: application/json`.
 *
 * @example
 * sendRaw(res, 200, '{"success":true}');
 */
export function sendRaw(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const payload = Buffer.from(text, 'utf8');
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(payload.length),
    'cache-control': 'no-cache',
    ...headers,
  });
  res.end(payload);
}

/**
 * Sends the `{ code, message }` error body the Bot API uses.
 *
 * @example
 * sendError(res, 404, 'not.found', 'No such path: /nope');
 */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(res, status, { code, message }, headers);
}
