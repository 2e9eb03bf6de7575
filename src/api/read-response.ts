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
 * Why an exchange was abandoned at its deadline. Named `TimeoutError` (like ky's and the DOM's),
 * which {@link toTamTamError} turns into a {@link TamTamTimeoutError}.
 */
class ExchangeTimeout extends Error {
  override name = 'TimeoutError';
}

/**
 * Runs one whole HTTP exchange — sending, the response headers and reading the body to its
 * end — under one deadline. After `timeout` ms the promise rejects with a `TimeoutError` and
 * `controller` is aborted, which closes the socket of a request still waiting for headers or a
 * body still arriving; the promise settles then even when a custom `fetch` ignores the signal.
 * Aborting `controller` from outside (unsubscribe) clears the timer.
 *
 * @example
 * const controller = new AbortController();
 * await withinDeadline(5_000, controller, async () => {
 *   const response = await fetch(url, { signal: controller.signal });
 *   return readResponse(response, context);
 * });
 */
export function withinDeadline<T>(
  timeout: number,
  controller: AbortController,
  exchange: () => Promise<T>,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const clear = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timer = undefined;
      const error = new ExchangeTimeout(`the exchange did not finish within ${timeout} ms`);
      reject(error);
      controller.abort(error);
    }, timeout);
  });
  controller.signal.addEventListener('abort', clear, { once: true });
  let running: Promise<T>;
  try {
    running = exchange();
  } catch (error) {
    running = Promise.reject(error);
  }
  return Promise.race([running, expired]).finally(() => {
    clear();
    controller.signal.removeEventListener('abort', clear);
  });
}

/**
 * Reads a fetch Response: parsed JSON on 2xx, otherwise a {@link TamTamApiError} (also when the
 * error body is empty or not JSON), or a {@link TamTamResponseError} for an unreadable 2xx body.
 * Reading the body is bounded only by the signal the request was made with: run it inside
 * {@link withinDeadline} so a server that stalls mid-body cannot hold the call forever.
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
