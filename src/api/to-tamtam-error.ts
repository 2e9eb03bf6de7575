import { TamTamError } from './errors/tamtam-error';
import { TamTamNetworkError } from './errors/network-error';
import { TamTamTimeoutError } from './errors/timeout-error';
import type { CallContext } from './read-response';
import { redact, redactError, secretForms } from './redact';

/**
 * Maps anything a request can reject with to a {@link TamTamError}: our own errors pass
 * through, a timeout (ky's TimeoutError or our whole-exchange deadline) becomes
 * {@link TamTamTimeoutError}, everything else (fetch failures, a custom fetch throwing) a
 * {@link TamTamNetworkError}. The token never survives into anything the result exposes: its
 * message, stack, fields (an API error's `description` quoting the request URL) and its `cause`
 * chain at any depth are redacted (see {@link redactError}).
 *
 * @example
 * promise.catch((e) => subscriber.error(toTamTamError(e, context, token, timeout)));
 */
export function toTamTamError(error: unknown, context: CallContext, token: string, timeout: number): TamTamError {
  const forms = secretForms(token);
  if (error instanceof TamTamError) return redactError(error, forms);
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new TamTamTimeoutError({ ...context, timeout });
  }
  const reason = error instanceof Error ? describeNetworkFailure(error) : String(error);
  return redactError(
    new TamTamNetworkError(
      `${context.operation} could not reach the API: ${redact(reason, forms)} (${context.method} ${context.path})`,
      context,
      { cause: error },
    ),
    forms,
  );
}

function describeNetworkFailure(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error && cause.message !== '') return `${error.message}: ${cause.message}`;
  return error.message;
}
