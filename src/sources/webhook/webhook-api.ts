import type { NoPathParams } from '../../api/operation-table';
import type { Api } from '../../api/api';
import type { OperationRow, OperationTable, QueryShape } from '../../api/operation-table';
import type { SimpleQueryResult } from '../../types/index';

/** No path parameters. */

/**
 * What a webhook needs of an api's table, in any dialect: reading, creating and removing
 * subscriptions. TamTam's and Max's tables both are one.
 *
 * @example
 * function hook<T extends WebhookTable>(api: Api<T>) { return webhook({ api }); }
 */
export type WebhookTable = OperationTable & {
  readonly getSubscriptions: OperationRow<
    'GET',
    '/subscriptions',
    NoPathParams,
    QueryShape,
    undefined,
    {
      readonly subscriptions: readonly {
        readonly url: string;
        readonly update_types: readonly string[] | null;
        readonly version?: string | null;
      }[];
    }
  >;
  readonly subscribe: OperationRow<
    'POST',
    '/subscriptions',
    NoPathParams,
    QueryShape,
    { readonly url: string },
    SimpleQueryResult
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
 * An api a webhook can subscribe with.
 *
 * @example
 * const api: WebhookApi = createApi({ dialect: 'max', token });
 */
export type WebhookApi = Api<WebhookTable>;
