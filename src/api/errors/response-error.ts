import { TamTamError } from './tamtam-error';

/**
 * The API answered 2xx but the body was not what the operation returns: not JSON (empty,
 * truncated, HTML from a proxy...) or JSON missing what the operation needs.
 *
 * @example
 * if (isTamTamResponseError(err)) console.error('proxy in the way?', err.bodySnippet);
 */
export class TamTamResponseError extends TamTamError {
  override name = 'TamTamResponseError';
  /** HTTP status of the answer. */
  readonly status: number;
  /** The first 200 characters of the body, for diagnosis. */
  readonly bodySnippet: string;

  constructor(details: {
    operation: string;
    method: string;
    path: string;
    status: number;
    bodySnippet: string;
    reason?: string;
  }) {
    super(
      `${details.operation} returned ${details.reason ?? 'a body that is not valid JSON'} (${details.method} ${details.path}, status ${details.status}): ${JSON.stringify(details.bodySnippet)}`,
      details,
    );
    this.status = details.status;
    this.bodySnippet = details.bodySnippet;
  }
}

/**
 * True when `error` is an unreadable successful response.
 *
 * @example
 * if (isTamTamResponseError(err)) report(err.bodySnippet);
 */
export function isTamTamResponseError(error: unknown): error is TamTamResponseError {
  return error instanceof TamTamResponseError;
}
