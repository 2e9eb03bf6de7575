import { TamTamError } from './tamtam-error';

/**
 * The request never got an HTTP answer: connection refused or reset, DNS failure, TLS error.
 * Retried for GET only (other methods may have reached the server).
 *
 * @example
 * if (isTamTamNetworkError(err)) console.warn('offline?', err.message);
 */
export class TamTamNetworkError extends TamTamError {
  override name = 'TamTamNetworkError';
}

/**
 * True when `error` is a network failure (this includes {@link TamTamTimeoutError}).
 *
 * @example
 * if (isTamTamNetworkError(err)) scheduleReconnect();
 */
export function isTamTamNetworkError(error: unknown): error is TamTamNetworkError {
  return error instanceof TamTamNetworkError;
}
