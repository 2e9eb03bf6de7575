/**
 * A handler failed for one update. Operators that run handlers (`perChat`, `isolate`) catch
 * the failure, report it as this error together with the update that caused it, and go on
 * with the next update.
 *
 * @example
 * perChat(handle, { onError: (e) => log.warn({ type: e.update.update_type, err: e.cause }, e.message) });
 */
export class HandlerError<U = unknown> extends Error {
  override readonly name = 'HandlerError';
  /** The update the handler was running for. */
  readonly update: U;

  constructor(update: U, cause: unknown) {
    const type =
      typeof update === 'object' && update !== null && 'update_type' in update ? String(update.update_type) : 'unknown';
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`Handler failed for a '${type}' update: ${reason}`, { cause });
    this.update = update;
  }
}

/**
 * `true` for a {@link HandlerError}.
 *
 * @example
 * if (isHandlerError(error)) console.error(error.update, error.cause);
 */
export function isHandlerError(value: unknown): value is HandlerError {
  return value instanceof HandlerError;
}

/**
 * What operators do with a handler failure when you pass no `onError`: print it with
 * `console.error` (so it is never lost), and carry on.
 *
 * @example
 * perChat(handle, { onError: (e) => { metrics.count('handler_error'); reportHandlerError(e); } });
 */
export function reportHandlerError(error: HandlerError): void {
  console.error(error);
}
