import { TamTamApiError } from './errors/api-error';
import { TamTamResponseError } from './errors/response-error';
import { parseRetryAfter } from './retry-after';

/** What a failed call is reported with. */
export interface CallContext {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
}

const SNIPPET_LENGTH = 200;

/**
 * Reads a fetch Response: parsed JSON on 2xx, otherwise a {@link TamTamApiError} (also when the
 * error body is empty or not JSON), or a {@link TamTamResponseError} for an unreadable 2xx body.
 *
 * @example
 * const me = await readResponse<BotInfo>(response, { operation: 'getMyInfo', method: 'GET', path: '/me' });
 */
export async function readResponse<T>(response: Response, context: CallContext): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw apiErrorOf(response, text, context);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new TamTamResponseError({ ...context, status: response.status, bodySnippet: text.slice(0, SNIPPET_LENGTH) });
  }
}

function apiErrorOf(response: Response, text: string, context: CallContext): TamTamApiError {
  const body = parseObject(text);
  const code = typeof body?.['code'] === 'string' && body['code'] !== '' ? body['code'] : `http.${response.status}`;
  const description =
    typeof body?.['message'] === 'string'
      ? body['message']
      : text === ''
        ? `empty body${response.statusText ? ` (${response.statusText})` : ''}`
        : `non-JSON body: ${JSON.stringify(text.slice(0, SNIPPET_LENGTH))}`;
  return new TamTamApiError({
    ...context,
    status: response.status,
    code,
    description,
    retryAfter: parseRetryAfter(response.headers.get('retry-after'), Date.now()),
  });
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
