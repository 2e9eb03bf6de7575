/**
 * Base class of every error tamtam-rx produces for a failed call. Catch this to handle all of
 * them; use the subclasses' guards to tell them apart.
 *
 * @example
 * getMyInfo(api).subscribe({ error: (e) => { if (isTamTamError(e)) console.error(e.operation, e.message); } });
 */
export class TamTamError extends Error {
  override name = 'TamTamError';
  /** The operation that failed (schema operationId). */
  readonly operation: string;
  /** HTTP method of the failed request. */
  readonly method: string;
  /** Path of the failed request, without query (it never contains the access token). */
  readonly path: string;

  constructor(
    message: string,
    details: { operation: string; method: string; path: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.operation = details.operation;
    this.method = details.method;
    this.path = details.path;
  }
}

/**
 * True when `error` is any tamtam-rx call error.
 *
 * @example
 * if (isTamTamError(err)) log(err.operation);
 */
export function isTamTamError(error: unknown): error is TamTamError {
  return error instanceof TamTamError;
}
