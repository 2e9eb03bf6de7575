/**
 * Finding and checking the bot token of a request.
 */
import type { IncomingMessage } from 'node:http';
import { EmulatorApiError } from './api-error';

/**
 * The token a request carries: the `access_token` query parameter, else the `Authorization`
 * header (raw token or `Bearer <token>`). `undefined` if there is none.
 *
 * @example
 * extractToken(req, new URL(req.url ?? '/', 'http://x').searchParams);
 */
export function extractToken(req: IncomingMessage, query: URLSearchParams): string | undefined {
  const fromQuery = query.get('access_token');
  if (fromQuery) return fromQuery;
  const header = req.headers.authorization;
  if (!header) return undefined;
  const bearer = /^Bearer\s+(.+)$/i.exec(header.trim());
  return (bearer?.[1] ?? header).trim() || undefined;
}

/**
 * Throws the 401 `verify.token` error unless `given` equals `expected`.
 *
 * @example
 * assertToken(extractToken(req, query), options.token);
 */
export function assertToken(given: string | undefined, expected: string): void {
  if (given === undefined) {
    throw new EmulatorApiError(
      401,
      'verify.token',
      'No access token: pass it as the `access_token` query parameter or the Authorization header',
    );
  }
  if (given !== expected) {
    throw new EmulatorApiError(401, 'verify.token', 'Invalid access_token: this bot token is not known');
  }
}
