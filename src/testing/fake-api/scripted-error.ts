/**
 * Errors a fake api answers with, made into the real error classes with the request's context.
 */
import { TamTamApiError } from '../../api/errors/api-error';
import { TamTamNetworkError } from '../../api/errors/network-error';
import type { TamTamError } from '../../api/errors/tamtam-error';
import { TamTamTimeoutError } from '../../api/errors/timeout-error';

/** The request an error is about. */
interface ErrorContext {
  readonly operation: string;
  readonly method: string;
  readonly path: string;
}

/**
 * A failure scripted for a fake api: when a request meets it, the request errors with the
 * same class a real api would throw (`TamTamApiError`, `TamTamNetworkError`,
 * `TamTamTimeoutError`), carrying that request's operation, method and path.
 * Make one with {@link apiError}, {@link networkError} or {@link timeoutError}.
 *
 * @example
 * createFakeApi({ responses: { sendMessage: apiError(403, 'chat.denied') } });
 */
export class ScriptedError {
  readonly #make: (context: ErrorContext) => TamTamError;

  constructor(make: (context: ErrorContext) => TamTamError) {
    this.#make = make;
  }

  /** The error for one request. */
  toError(context: ErrorContext): TamTamError {
    return this.#make(context);
  }
}

/**
 * An HTTP error answer of the API (`{ code, message }` with a status), e.g. 404
 * `chat.not.found` or 400 `attachment.not.ready`; `retryAfter` in ms for 429.
 *
 * @example
 * api.respondOnce('sendMessage', apiError(429, 'too.many.requests', 'Slow down', { retryAfter: 2000 }));
 */
export function apiError(
  status: number,
  code: string,
  description = `scripted ${status} ${code}`,
  options: { readonly retryAfter?: number } = {},
): ScriptedError {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new TypeError(`apiError: status must be an HTTP error status 400–599, got ${String(status)}`);
  }
  return new ScriptedError(
    (context) => new TamTamApiError({ ...context, status, code, description, retryAfter: options.retryAfter }),
  );
}

/**
 * A request that never got an HTTP answer (connection refused, reset).
 *
 * @example
 * api.respondOnce('getUpdates', networkError('ECONNRESET'));
 */
export function networkError(reason = 'connection refused'): ScriptedError {
  return new ScriptedError(
    (context) =>
      new TamTamNetworkError(
        `${context.operation} could not reach the API: ${reason} (${context.method} ${context.path})`,
        context,
      ),
  );
}

/**
 * A request that timed out after `timeout` ms (reported at once; wrap it in a delayed
 * Observable to make time pass).
 *
 * @example
 * api.respondOnce('getMyInfo', timeoutError(30_000));
 */
export function timeoutError(timeout = 30_000): ScriptedError {
  return new ScriptedError((context) => new TamTamTimeoutError({ ...context, timeout }));
}
