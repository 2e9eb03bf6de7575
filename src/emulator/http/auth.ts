/**
 * Finding and checking the bot token of a request.
 */
import type { IncomingMessage } from 'node:http';
import type { EmulatorDialect } from '../dialect';
import { EmulatorApiError } from './api-error';

/**
 * The token a request carries: the `access_token` query parameter, else the `Authorization`
 * header (raw token or `Bearer <token>`). `undefined` if there is none.
 *
 * In a header-only dialect (Max) the query parameter is refused like the real server does:
 * `403 deprecated.token`; only the raw `Authorization` header counts.
 *
 * @example
 * extractToken(req, new URL(req.url ?? '/', 'http://x').searchParams);
 */
export function extractToken(
  req: IncomingMessage,
  query: URLSearchParams,
  dialect?: EmulatorDialect,
): string | undefined {
  if (dialect?.auth === 'header-only') {
    if (query.has('access_token')) {
      throw new EmulatorApiError(
        403,
        'deprecated.token',
        'Query parameter access_token is deprecated, use Authorization header',
      );
    }
    const raw = req.headers.authorization?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  }
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
export function assertToken(given: string | undefined, expected: string, dialect?: EmulatorDialect): void {
  if (given === undefined) {
    throw new EmulatorApiError(
      401,
      'verify.token',
      dialect?.auth === 'header-only'
        ? 'No access token: pass it in the Authorization header'
        : 'No access token: pass it as the `access_token` query parameter or the Authorization header',
    );
  }
  if (given !== expected) {
    throw new EmulatorApiError(401, 'verify.token', 'Invalid access_token: this bot token is not known');
  }
}
