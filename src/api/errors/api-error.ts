import { TamTamError } from './tamtam-error';

/**
 * The Bot API answered with an HTTP error (status ≥ 400). Carries the API's `code`
 * (e.g. `verify.token`, `attachment.not.ready`) and its message. When the body was not the
 * usual `{ code, message }` JSON, `code` is `http.<status>` and the message says what came back.
 *
 * @example
 * sendMessage(api, { chat_id: 1 }, { text: 'hi' }).subscribe({
 *   error: (e) => { if (isTamTamApiError(e) && e.status === 401) console.error('bad token'); },
 * });
 */
export class TamTamApiError extends TamTamError {
  override name = 'TamTamApiError';
  /** HTTP status. */
  readonly status: number;
  /** The API's error key, e.g. `verify.token`. */
  readonly code: string;
  /** The API's own explanation (also part of `message`). */
  readonly description: string;
  /** Milliseconds the server asked to wait (`Retry-After`), when it did. */
  readonly retryAfter: number | undefined;

  constructor(details: {
    status: number;
    code: string;
    description: string;
    operation: string;
    method: string;
    path: string;
    retryAfter?: number | undefined;
  }) {
    super(
      `${details.operation} failed: ${details.status} ${details.code}: ${details.description} (${details.method} ${details.path})`,
      details,
    );
    this.status = details.status;
    this.code = details.code;
    this.description = details.description;
    this.retryAfter = details.retryAfter;
  }
}

/**
 * True when `error` is an HTTP error answered by the API; optionally only for one `code`.
 *
 * @example
 * if (isTamTamApiError(err, 'attachment.not.ready')) retryLater();
 */
export function isTamTamApiError(error: unknown, code?: string): error is TamTamApiError {
  return error instanceof TamTamApiError && (code === undefined || error.code === code);
}
