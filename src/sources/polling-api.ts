import type { NoPathParams } from '../api/operation-table';
import type { Api } from '../api/api';
import type { OperationRow, OperationTable, QueryShape } from '../api/operation-table';
import type { SimpleQueryResult } from '../types/index';

/** No path parameters. */

/**
 * What long polling needs of an api's table, in any dialect: `getUpdates` answering updates
 * (each with an `update_type`) and a marker, and `getSubscriptions`/`unsubscribe` for the
 * webhook check at start. TamTam's and Max's tables both are one.
 *
 * @example
 * function poll<T extends PollingTable>(api: Api<T>) { return fromLongPolling(api); }
 */
export type PollingTable = OperationTable & {
  readonly getUpdates: OperationRow<
    'GET',
    '/updates',
    NoPathParams,
    QueryShape,
    undefined,
    { readonly updates: readonly { readonly update_type: string }[]; readonly marker: number | null }
  >;
  readonly getSubscriptions: OperationRow<
    'GET',
    '/subscriptions',
    NoPathParams,
    QueryShape,
    undefined,
    { readonly subscriptions: readonly { readonly url: string }[] }
  >;
  readonly unsubscribe: OperationRow<
    'DELETE',
    '/subscriptions',
    NoPathParams,
    QueryShape,
    undefined,
    SimpleQueryResult
  >;
};

/**
 * An api long polling can use.
 *
 * @example
 * const api: PollingApi = createApi({ dialect: 'max', token });
 */
export type PollingApi = Api<PollingTable>;
