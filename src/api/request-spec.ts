import type {
  HttpMethod,
  OperationBodyOf,
  OperationIdOf,
  OperationJsonOf,
  OperationPathParamsOf,
  OperationQueryOf,
  OperationTable,
  PathParamSpec,
  QueryShape,
} from './operation-table';
import type { OperationId } from './operations';
import type { RetryOptions } from './retry-options';
import type { TamTamOperations } from './tamtam-operations';
import { requireInteger, requireText } from './validate-input';

export type { HttpMethod, QueryValue } from './operation-table';

/**
 * One call of operation `O` of table `T`, fully described: which operation, where, what to
 * send. {@link buildRequest} makes these from a table row; an `Api` turns them into HTTP.
 *
 * @example
 * const spec: RequestSpecIn<TamTamOperations, 'getChat'> = { operation: 'getChat', method: 'GET', path: '/chats/42' };
 */
export interface RequestSpecIn<T extends OperationTable, O extends OperationIdOf<T>> {
  /** The schema operationId, for logs, errors and fakes. */
  readonly operation: O;
  /** HTTP method (the row's). */
  readonly method: T[O]['method'];
  /** Path below the base URL, starting with `/`, path parameters filled in and encoded (`''` with `absoluteUrl`). */
  readonly path: string;
  /** Query parameters (besides the token and version, which the api adds). */
  readonly query?: OperationQueryOf<T, O>;
  /** JSON body. */
  readonly json?: OperationJsonOf<T, O>;
  /** A raw body (multipart uploads). Mutually exclusive with `json`. */
  readonly body?: FormData;
  /**
   * An absolute URL to call instead of `baseUrl + path` (upload URLs handed out by the API).
   * Neither token nor version is added to it.
   */
  readonly absoluteUrl?: string;
  /** This call's own request timeout in ms (long polls); a per-call `timeout` option still wins. */
  readonly timeout?: number;
  /** Retry settings this operation needs on top of the api's (e.g. `attachment.not.ready`). */
  readonly retry?: RetryOptions;
}

/**
 * A TamTam request of operation `O` (by default: of any operation).
 *
 * @example
 * const spec: RequestSpec<'getMyInfo'> = { operation: 'getMyInfo', method: 'GET', path: '/me' };
 * function log(spec: RequestSpec) { console.log(spec.method, spec.path); }
 */
export type RequestSpec<O extends OperationId = OperationId> = RequestSpecIn<TamTamOperations, O>;

type ParamsPart<P> = [keyof P] extends [never] ? { readonly params?: undefined } : { readonly params: P };
/** Optional when an empty query is one (no required key): one relation, not a mapped type over the keys. */
type QueryPart<Q> = Record<never, never> extends Q ? { readonly query?: Q } : { readonly query: Q };
type BodyPart<B> = [B] extends [undefined]
  ? { readonly json?: undefined }
  : [B] extends [FormData]
    ? { readonly body: FormData }
    : { readonly json: B };
type UrlPart<P> = [P] extends [null] ? { readonly url: string } : { readonly url?: undefined };
/** The body part of an action's input: a multipart body stays required, a JSON body is the action's own. */
type ActionBodyPart<B> = [B] extends [FormData] ? { readonly body: FormData } : { readonly json?: unknown };

/**
 * What an action gives {@link buildRequest} for operation `O`: path parameters (when the
 * template has any), the query, the body (`json`, or `body` for multipart), the absolute `url`
 * (for rows without a path), and optionally this call's own `timeout`.
 *
 * @example
 * const input: RequestInput<TamTamOperations, 'getChat'> = { params: { chatId: -42 } };
 */
export type RequestInput<T extends OperationTable, O extends OperationIdOf<T>> = ParamsPart<
  OperationPathParamsOf<T, O>
> &
  QueryPart<OperationQueryOf<T, O>> &
  BodyPart<OperationBodyOf<T, O>> &
  UrlPart<T[O]['path']> & { readonly timeout?: number };

/**
 * What an action hands to `call` for operation `O`: {@link RequestInput} with any `json` (the
 * body is the action's own public parameter, already typed by the api's dialect, so it is not
 * checked a second time against the reference row). Written as its own intersection rather than
 * `Omit<RequestInput, 'json'>`: a mapped type over the keys of a five-part intersection, per
 * operation, was a large share of what type-checking the actions cost.
 *
 * @example
 * const input: ActionInput<TamTamOperations, 'getChat'> = { params: { chatId: -42 } };
 */
export type ActionInput<T extends OperationTable, O extends OperationIdOf<T>> = ParamsPart<
  OperationPathParamsOf<T, O>
> &
  QueryPart<OperationQueryOf<T, O>> &
  ActionBodyPart<OperationBodyOf<T, O>> &
  UrlPart<T[O]['path']> & { readonly timeout?: number };

/**
 * The input as the implementation sees it, whatever the operation.
 *
 * @example
 * const input: AnyRequestInput = { params: { chatId: -42 } };
 */
export interface AnyRequestInput {
  readonly params?: Readonly<Record<string, unknown>> | undefined;
  readonly query?: QueryShape | undefined;
  readonly json?: unknown;
  readonly body?: FormData | undefined;
  readonly url?: string | undefined;
  readonly timeout?: number | undefined;
}

/**
 * A request as the implementation builds it, whatever the operation.
 *
 * @example
 * const spec: AnyRequestSpec = { operation: 'getMyInfo', method: 'GET', path: '/me' };
 */
export interface AnyRequestSpec {
  readonly operation: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly query?: QueryShape;
  readonly json?: unknown;
  readonly body?: FormData;
  readonly absoluteUrl?: string;
  readonly timeout?: number;
  readonly retry?: RetryOptions;
}

/**
 * Makes the request of `operation` from its row in `table`: the row's method and retry
 * settings, the path template filled with `input.params` (each checked by its kind — an integer,
 * or a non-empty string, percent-encoded — with a TypeError naming the operation and the
 * parameter), and the input's query, body, url and timeout.
 *
 * @example
 * buildRequest(TAMTAM_OPERATIONS, 'getChat', { params: { chatId: -42 } });
 * // { operation: 'getChat', method: 'GET', path: '/chats/-42' }
 */
export function buildRequest<T extends OperationTable, O extends OperationIdOf<T>>(
  table: T,
  operation: O,
  input: RequestInput<T, O>,
): RequestSpecIn<T, O>;
export function buildRequest(table: OperationTable, operation: string, input: AnyRequestInput): AnyRequestSpec {
  return buildAnyRequest(table, operation, input);
}

/**
 * {@link buildRequest} as generic code sees it, whatever the table and operation: what `call`
 * uses, with the api's own table, after the action's input was checked against its row.
 *
 * @example
 * buildAnyRequest(table, 'getChat', { params: { chatId: -42 } }); // { operation: 'getChat', method: 'GET', path: '/chats/-42' }
 */
export function buildAnyRequest(table: OperationTable, operation: string, input: AnyRequestInput): AnyRequestSpec {
  const row = Object.hasOwn(table, operation) ? table[operation] : undefined;
  if (row === undefined) throw new TypeError(`buildRequest: unknown operation ${JSON.stringify(operation)}`);
  const params: Readonly<Record<string, PathParamSpec>> = row.params;
  const values = input.params ?? {};
  let path = '';
  let absoluteUrl: string | undefined;
  if (row.path === null) {
    absoluteUrl = requireText(operation, 'url', input.url);
  } else {
    path = row.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const spec = Object.hasOwn(params, name) ? params[name] : undefined;
      if (spec === undefined)
        throw new TypeError(
          `${operation}: the path template ${row.path} names {${name}}, which its row does not declare`,
        );
      const value = Object.hasOwn(values, name) ? values[name] : undefined;
      return spec.type === 'integer'
        ? String(requireInteger(operation, name, value))
        : encodeURIComponent(requireText(operation, name, value));
    });
  }
  return {
    operation,
    method: row.method,
    path,
    ...(input.query !== undefined ? { query: input.query } : {}),
    ...(input.json !== undefined ? { json: input.json } : {}),
    ...(input.body !== undefined ? { body: input.body } : {}),
    ...(absoluteUrl !== undefined ? { absoluteUrl } : {}),
    ...(input.timeout !== undefined ? { timeout: input.timeout } : {}),
    ...(row.retry !== undefined ? { retry: row.retry } : {}),
  };
}
