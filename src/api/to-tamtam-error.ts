import { TamTamError } from './errors/tamtam-error';
import { TamTamNetworkError } from './errors/network-error';
import { TamTamTimeoutError } from './errors/timeout-error';
import type { CallContext } from './read-response';
import { redact, redactError } from './redact';

/**
 * Maps anything a request can reject with to a {@link TamTamError}: our own errors pass
 * through, ky's TimeoutError becomes {@link TamTamTimeoutError}, everything else (fetch
 * failures, a custom fetch throwing) a {@link TamTamNetworkError}. The token never survives
 * into a message or a cause.
 *
 * @example
 * promise.catch((e) => subscriber.error(toTamTamError(e, context, token, timeout)));
 */
export function toTamTamError(error: unknown, context: CallContext, token: string, timeout: number): TamTamError {
  if (error instanceof TamTamError) return error;
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new TamTamTimeoutError({ ...context, timeout });
  }
  const reason = error instanceof Error ? describeNetworkFailure(error) : String(error);
  return new TamTamNetworkError(
    `${context.operation} could not reach the API: ${redact(reason, token)} (${context.method} ${context.path})`,
    context,
    { cause: redactError(error, token) },
  );
}

function describeNetworkFailure(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error && cause.message !== '') return `${error.message}: ${cause.message}`;
  return error.message;
}
