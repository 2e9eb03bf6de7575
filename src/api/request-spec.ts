import type { OperationId } from './operations';
import type { RetryOptions } from './retry-options';

/**
 * HTTP methods the Bot API uses.
 *
 * @example
 * const method: HttpMethod = 'GET';
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * A query parameter value. Arrays are sent comma-separated (`user_ids=1,2,3`);
 * `undefined`, `null` and an empty array leave the parameter out.
 *
 * @example
 * const q: Record<string, QueryValue> = { chat_id: 42, message_ids: ['mid.1', 'mid.2'] };
 */
export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined | null;

/**
 * One API call, fully described: which operation, where, what to send.
 * Actions build these; an {@link Api} turns them into HTTP.
 *
 * @example
 * const spec: RequestSpec = { operation: 'getChat', method: 'GET', path: '/chats/42' };
 */
export interface RequestSpec {
  /** The schema operationId, for logs, errors and fakes. */
  readonly operation: OperationId;
  /** HTTP method. */
  readonly method: HttpMethod;
  /** Path below the base URL, starting with `/` (path parameters already encoded). */
  readonly path: string;
  /** Query parameters (besides the token and version, which the api adds). */
  readonly query?: Readonly<Record<string, QueryValue>>;
  /** JSON body. */
  readonly json?: unknown;
  /** A raw body (multipart uploads). Mutually exclusive with `json`. */
  readonly body?: FormData;
  /**
   * An absolute URL to call instead of `baseUrl + path` (upload URLs handed out by the API).
   * Neither token nor version is added to it.
   */
  readonly absoluteUrl?: string;
  /** This operation's own request timeout in ms (long polls); a per-call `timeout` still wins. */
  readonly timeout?: number;
  /** Retry settings this operation needs on top of the api's (e.g. `attachment.not.ready`). */
  readonly retry?: RetryOptions;
}
