/**
 * The shape of an operation table: one row per operation of a Bot API dialect, holding what
 * goes over the wire (method, path template, path parameters) at run time and what is sent and
 * answered (query, body, result) at the type level. Actions build requests from a row, the
 * api's `request` types its answer by it, the emulator routes by it and the test kit's fake
 * types its records by it. Concrete tables: `TAMTAM_OPERATIONS`.
 */
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
 * What a query of any operation looks like.
 *
 * @example
 * const q: QueryShape = { count: 50 };
 */
export type QueryShape = Readonly<Record<string, QueryValue>>;

/**
 * The query of an operation that takes none.
 *
 * @example
 * const q: NoQuery = {};
 */
export type NoQuery = Readonly<Record<string, never>>;

/**
 * The path parameters of an operation whose path has none.
 *
 * @example
 * const row: OperationRow<'GET', '/me', NoPathParams, NoQuery, undefined, BotInfo> = TAMTAM_OPERATIONS.getMyInfo;
 */
export type NoPathParams = Readonly<Record<string, never>>;

/**
 * How a path parameter is checked and written. `integer`: a safe integer (chat ids are negative
 * for groups). `string`: a non-empty string, percent-encoded; `pattern` is the schema's rule for
 * it, which servers (the emulator) route by — two templates like `/chats/{chatId}` and
 * `/chats/{chatLink}` are told apart by their parameters' kinds.
 *
 * @example
 * const chatId: PathParamSpec = { type: 'integer' };
 * const chatLink: PathParamSpec = { type: 'string', pattern: /^@?[a-zA-Z]+[a-zA-Z0-9-_]*$/ };
 */
export type PathParamSpec = { readonly type: 'integer' } | { readonly type: 'string'; readonly pattern?: RegExp };

/**
 * The parameter names of a path template: `'/chats/{chatId}/pin'` → `'chatId'`.
 *
 * @example
 * type P = TemplateParams<'/chats/{chatId}/members/{userId}'>; // 'chatId' | 'userId'
 */
export type TemplateParams<P extends string | null> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | TemplateParams<Rest>
  : never;

/**
 * The declarations of a template's path parameters: exactly one {@link PathParamSpec} per name.
 *
 * @example
 * const params: PathParamSpecs<'/chats/{chatId}'> = { chatId: { type: 'integer' } };
 */
export type PathParamSpecs<P extends string | null = string | null> = {
  readonly [K in TemplateParams<P>]: PathParamSpec;
};

/**
 * The type-only part of a row: never present at run time. `json` is the body when it is sent as
 * JSON (`undefined` for multipart bodies), precomputed so that generic code can index it.
 */
interface OperationTypes<Query, Body, Result> {
  readonly query: Query;
  readonly body: Body;
  readonly json: Body extends FormData ? undefined : Body;
  readonly result: Result;
}

/**
 * One operation: method, path template below the base URL (`null` for requests to an absolute
 * URL the API handed out, like uploads), path parameters, the retry settings this operation adds
 * to the api's (e.g. an error code that means "try again"), and, as types only, its query, body
 * and result.
 *
 * @example
 * const row: OperationRow<'GET', '/chats/{chatId}', { chatId: { type: 'integer' } }, NoQuery, undefined, Chat> =
 *   TAMTAM_OPERATIONS.getChat;
 */
export interface OperationRow<
  M extends HttpMethod = HttpMethod,
  P extends string | null = string | null,
  PP extends Readonly<Record<string, PathParamSpec>> = Readonly<Record<string, PathParamSpec>>,
  Query = unknown,
  Body = unknown,
  Result = unknown,
> {
  readonly method: M;
  /** `{name}` marks a path parameter; `null`: an absolute URL given per call. */
  readonly path: P;
  /** One declaration per `{name}` of the template. */
  readonly params: PP;
  /** Retry settings this operation needs on top of the api's. Default none. */
  readonly retry?: RetryOptions;
  /** Type slots (query, body, result); never set at run time. */
  readonly types?: OperationTypes<Query, Body, Result>;
}

/**
 * A dialect's operations by operationId.
 *
 * @example
 * function ids<T extends OperationTable>(table: T) { return Object.keys(table); }
 */
export type OperationTable = {
  readonly [operation: string]: OperationRow<
    HttpMethod,
    string | null,
    Readonly<Record<string, PathParamSpec>>,
    QueryShape
  >;
};

/**
 * Declares one row with its types: `defineOperation<Result, Body, Query>()({ method, path, params })`.
 * (Two calls because TypeScript cannot take some type arguments explicitly and infer the rest.)
 * It refuses at compile time a `params` object whose names are not exactly the template's.
 *
 * @example
 * const getChat = defineOperation<Chat>()({ method: 'GET', path: '/chats/{chatId}', params: { chatId: { type: 'integer' } } });
 */
export function defineOperation<Result, Body = undefined, Query extends QueryShape = NoQuery>() {
  // The exact-names check sits in PP's constraint, not in the parameter's type: checked once
  // after inference instead of inferring through an intersection (most of a row's cost).
  return <const M extends HttpMethod, const P extends string | null, const PP extends ExactParamSpecs<PP, P>>(row: {
    readonly method: M;
    readonly path: P;
    readonly params: PP;
    readonly retry?: RetryOptions;
  }): OperationRow<M, P, PP, Query, Body, Result> => row;
}

/**
 * Reuses a row of another dialect's table with other types: same method, path, parameters and
 * retry settings (one source of truth for the wire), new result and, when given, body and query
 * (by default the row's own). `retype(row)<Result, Body, Query>()`.
 *
 * @example
 * const getChat = retype(TAMTAM_OPERATIONS.getChat)<MaxChat>();
 */
export function retype<const R extends OperationRow>(row: R) {
  return <Result, Body = RowBody<R>, Query extends QueryShape = RowQuery<R>>(): OperationRow<
    R['method'],
    R['path'],
    R['params'],
    Query,
    Body,
    Result
  > => {
    const { method, path, params, retry } = row;
    return retry === undefined ? { method, path, params } : { method, path, params, retry };
  };
}

/** The body type slot of a row. */
type RowBody<R extends OperationRow> = NonNullable<R['types']>['body'];
/** The query type slot of a row (as a query shape). */
type RowQuery<R extends OperationRow> = NonNullable<R['types']>['query'] extends infer Q extends QueryShape
  ? Q
  : NoQuery;

/**
 * One spec per name of the template and no other name. A conditional rather than an
 * intersection with a mapped type: a row pays one cheap check (a third of what the mapped type
 * cost), and a row declaring a name the template lacks is told so by a missing property.
 */
type ExactParamSpecs<PP, P extends string | null> = [Exclude<keyof PP, TemplateParams<P>>] extends [never]
  ? PathParamSpecs<P>
  : { readonly 'params declares a name its path template lacks (remove it, or add {name} to the path)': never };

/** Every row's type slots by operation id (indexed rather than inferred, so generic code can relate them). */
type TypesOf<T extends OperationTable> = { readonly [K in keyof T]-?: NonNullable<T[K]['types']> };

/**
 * The operation ids of a table.
 *
 * @example
 * type Ids = OperationIdOf<typeof TAMTAM_OPERATIONS>; // 'getMyInfo' | 'editMyInfo' | ...
 */
export type OperationIdOf<T extends OperationTable> = keyof T & string;

/**
 * What operation `O` of table `T` answers.
 *
 * @example
 * type Me = OperationResultOf<typeof TAMTAM_OPERATIONS, 'getMyInfo'>; // BotInfo
 */
export type OperationResultOf<T extends OperationTable, O extends OperationIdOf<T>> = TypesOf<T>[O]['result'];

/**
 * The body operation `O` of table `T` sends (`undefined` when none; `FormData` for uploads).
 *
 * @example
 * type Body = OperationBodyOf<typeof TAMTAM_OPERATIONS, 'sendMessage'>; // NewMessageBody
 */
export type OperationBodyOf<T extends OperationTable, O extends OperationIdOf<T>> = TypesOf<T>[O]['body'];

/**
 * The JSON body operation `O` of table `T` sends (`undefined` when none or when it is multipart).
 *
 * @example
 * type Json = OperationJsonOf<typeof TAMTAM_OPERATIONS, 'uploadFile'>; // undefined
 */
export type OperationJsonOf<T extends OperationTable, O extends OperationIdOf<T>> = TypesOf<T>[O]['json'];

/**
 * The query parameters operation `O` of table `T` takes (path parameters are not among them).
 *
 * @example
 * type Q = OperationQueryOf<typeof TAMTAM_OPERATIONS, 'getUpdates'>; // { limit?, timeout?, marker?, types? }
 */
export type OperationQueryOf<T extends OperationTable, O extends OperationIdOf<T>> = TypesOf<T>[O]['query'];

/**
 * The path parameters of operation `O` of table `T`, typed by their kinds.
 *
 * @example
 * type P = OperationPathParamsOf<typeof TAMTAM_OPERATIONS, 'getChat'>; // { chatId: number }
 */
export type OperationPathParamsOf<T extends OperationTable, O extends OperationIdOf<T>> = PathParamValues<
  T[O]['params']
>;

/**
 * The values of declared path parameters by their kinds. Mapped over the row's `params` (whose
 * names `defineOperation` proves are exactly the template's) rather than over the template's
 * parsed names: no template-literal inference per operation.
 */
type PathParamValues<PP> = { readonly [K in keyof PP]: PP[K] extends { readonly type: 'integer' } ? number : string };

/**
 * Compile-time proof that a map has exactly the operations of a table as keys (ky style: a
 * constant table checked against its type).
 *
 * @example
 * type _Ok = CoversOperations<typeof TAMTAM_OPERATIONS, keyof typeof handlers>; // true
 */
export type CoversOperations<T extends OperationTable, K> = [K] extends [OperationIdOf<T>]
  ? [OperationIdOf<T>] extends [K]
    ? true
    : false
  : false;
