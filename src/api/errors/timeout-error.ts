import { TamTamNetworkError } from './network-error';

/**
 * No answer arrived within the request timeout (`createApi({ timeout })` or per call).
 *
 * @example
 * if (isTamTamTimeoutError(err)) console.warn(`gave up after ${err.timeout} ms`);
 */
export class TamTamTimeoutError extends TamTamNetworkError {
  override name = 'TamTamTimeoutError';
  /** The timeout that expired, in ms. */
  readonly timeout: number;

  constructor(details: { operation: string; method: string; path: string; timeout: number }) {
    super(`${details.operation} timed out after ${details.timeout} ms (${details.method} ${details.path})`, details);
    this.timeout = details.timeout;
  }
}

/**
 * True when `error` is a request timeout.
 *
 * @example
 * if (isTamTamTimeoutError(err)) raiseTimeout();
 */
export function isTamTamTimeoutError(error: unknown): error is TamTamTimeoutError {
  return error instanceof TamTamTimeoutError;
}
