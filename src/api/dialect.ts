/**
 * A dialect of the Bot API is data: its operation table, its update types, where and how to
 * reach it, and its limits. TamTam is {@link TAMTAM_DIALECT}; another dialect (Max: the same
 * paths mostly, a few operations added or removed, some types changed, the token only in a
 * header, 30 requests/s) is a second value of the same shape with its own table, not a fork
 * of the library.
 */
import { MAX_UPDATE_TYPES, UPDATE_TYPES, type MaxUpdateType, type UpdateType } from '../types/index';
import { API_VERSION, DEFAULT_BASE_URL } from './constants';
import { MAX_OPERATIONS, type MaxOperations } from './max-operations';
import type { OperationTable } from './operation-table';
import type { TokenPlacement } from './options';
import { TAMTAM_OPERATIONS, type TamTamOperations } from './tamtam-operations';

/**
 * How a dialect's server takes the access token.
 *
 * @example
 * const auth: DialectAuth = { tokenIn: 'header', accepts: ['header'] };
 */
export interface DialectAuth {
  /** Where the token goes unless `createApi` says otherwise. */
  readonly tokenIn: TokenPlacement;
  /** Every placement the server accepts. */
  readonly accepts: readonly TokenPlacement[];
}

/**
 * What a dialect's server allows.
 *
 * @example
 * const limits: DialectLimits = { messageTextLength: 4000, requestsPerSecond: 30 };
 */
export interface DialectLimits {
  /** Longest message text, in characters. */
  readonly messageTextLength: number;
  /** Requests per second per bot the server allows; `undefined` when it publishes none. */
  readonly requestsPerSecond: number | undefined;
  /** Longest deep-link payload (`bot_started.payload`), in characters. */
  readonly deepLinkPayloadLength: number;
  /** Whether the server's `429` answers say when to retry (`Retry-After`); else back off on your own. */
  readonly retryAfterOn429: boolean;
}

/**
 * What `GET /updates` answers when no `marker` is sent.
 * - `'uncommitted'`: every update since the last commit (TamTam).
 * - `'latest'`: only the latest update (Max) — a poller must always send the marker it knows.
 *
 * @example
 * if (dialect.polling.withoutMarker === 'latest') console.warn('first start: only the latest update is delivered');
 */
export type UnmarkedPoll = 'uncommitted' | 'latest';

/**
 * How a dialect's long polling and webhooks behave.
 *
 * @example
 * const delivery: DialectDelivery = { withoutMarker: 'latest', webhookSecretHeader: 'X-Max-Bot-Api-Secret', httpsOnlyWebhooks: true };
 */
export interface DialectDelivery {
  /** What a poll without a marker returns. */
  readonly withoutMarker: UnmarkedPoll;
  /** Header in which the server sends back the `secret` given to `subscribe`; `undefined`: the server sends none. */
  readonly webhookSecretHeader: string | undefined;
  /** Whether the server accepts only `https://` webhooks on port 443 with a certificate from a trusted CA. */
  readonly httpsOnlyWebhooks: boolean;
}

/**
 * One Bot API dialect: operation table `T`, update types `U`, base URL and schema version,
 * auth and limits.
 *
 * @example
 * function describe(d: Dialect) { return `${d.name}: ${Object.keys(d.operations).length} operations at ${d.baseUrl}`; }
 */
export interface Dialect<T extends OperationTable = OperationTable, U extends string = string> {
  /** Short name, for messages. */
  readonly name: string;
  /** Every operation, by operationId. */
  readonly operations: T;
  /** Every update type the dialect defines (others are unknown updates). */
  readonly updateTypes: readonly U[];
  /** The real server's API root. */
  readonly baseUrl: string;
  /** Schema version sent as `v` (`''` sends none). */
  readonly version: string;
  readonly auth: DialectAuth;
  readonly limits: DialectLimits;
  readonly delivery: DialectDelivery;
}

/**
 * What the update sources need of a dialect: its name, update types and delivery, without its
 * operation table (a webhook given a dialect by name needs no table).
 *
 * @example
 * const facts: DialectFacts = TAMTAM_DIALECT; // every Dialect is one
 */
export type DialectFacts = Pick<Dialect, 'name' | 'updateTypes' | 'delivery'>;

const TAMTAM_DELIVERY = /* @__PURE__ */ Object.freeze({
  withoutMarker: 'uncommitted',
  webhookSecretHeader: undefined,
  httpsOnlyWebhooks: false,
});

const MAX_DELIVERY = /* @__PURE__ */ Object.freeze({
  withoutMarker: 'latest',
  webhookSecretHeader: 'X-Max-Bot-Api-Secret',
  httpsOnlyWebhooks: true,
});

/**
 * The TamTam Bot API 0.5.6: 28 operations (+ `uploadFile`), 13 update types, token in the
 * query (a header works too), messages up to 4000 characters, no published rate limit.
 *
 * @example
 * TAMTAM_DIALECT.operations.sendMessage.method; // 'POST'
 * TAMTAM_DIALECT.limits.messageTextLength; // 4000
 */
export const TAMTAM_DIALECT = /* @__PURE__ */ Object.freeze({
  name: 'TamTam',
  // the table's type by its name, so the declarations name it rather than print the table again
  operations: TAMTAM_OPERATIONS as TamTamOperations,
  updateTypes: UPDATE_TYPES,
  baseUrl: DEFAULT_BASE_URL,
  version: API_VERSION,
  auth: /* @__PURE__ */ Object.freeze({
    tokenIn: 'query',
    accepts: /* @__PURE__ */ Object.freeze(['query', 'header'] as const),
  }),
  limits: /* @__PURE__ */ Object.freeze({
    messageTextLength: 4000,
    requestsPerSecond: undefined,
    deepLinkPayloadLength: 128,
    retryAfterOn429: true,
  }),
  delivery: TAMTAM_DELIVERY,
} as const satisfies Dialect<TamTamOperations, UpdateType>);

/**
 * The Max Bot API (schema 2026-07-01): {@link MAX_OPERATIONS}, 15 update types, the host
 * `https://platform-api2.max.ru`, the token only in the `Authorization` header (raw, no
 * `Bearer`; a query token is answered `403 deprecated.token`), no `v` parameter (neither
 * official client sends one), 30 requests/s per bot with `429`s that carry no `Retry-After`,
 * deep-link payloads up to 512 characters, polls without a marker answering only the latest
 * update, webhooks HTTPS-only with their secret sent back in `X-Max-Bot-Api-Secret`.
 *
 * @example
 * const api = createApi({ dialect: 'max', token: process.env.MAX_TOKEN! }); // uses MAX_DIALECT
 * MAX_DIALECT.limits.requestsPerSecond; // 30
 */
export const MAX_DIALECT = /* @__PURE__ */ Object.freeze({
  name: 'Max',
  // the table's type by its name, so the declarations name it rather than print the table again
  operations: MAX_OPERATIONS as MaxOperations,
  updateTypes: MAX_UPDATE_TYPES,
  baseUrl: 'https://platform-api2.max.ru',
  version: '',
  auth: /* @__PURE__ */ Object.freeze({
    tokenIn: 'header',
    accepts: /* @__PURE__ */ Object.freeze(['header'] as const),
  }),
  limits: /* @__PURE__ */ Object.freeze({
    messageTextLength: 4000,
    requestsPerSecond: 30,
    deepLinkPayloadLength: 512,
    retryAfterOn429: false,
  }),
  delivery: MAX_DELIVERY,
} as const satisfies Dialect<MaxOperations, MaxUpdateType>);

/**
 * The dialects `createApi({ dialect })` knows by name.
 *
 * @example
 * type Max = DialectsByName['max']; // typeof MAX_DIALECT
 */
export interface DialectsByName {
  tamtam: typeof TAMTAM_DIALECT;
  max: typeof MAX_DIALECT;
}

/**
 * A dialect by name, or a {@link Dialect} value of your own (a test server, a future version).
 *
 * @example
 * const choice: DialectChoice = 'max';
 */
export type DialectChoice = keyof DialectsByName | Dialect;

/**
 * The dialect a {@link DialectChoice} stands for.
 *
 * @example
 * type D = DialectOf<'max'>; // typeof MAX_DIALECT
 */
export type DialectOf<C extends DialectChoice> = C extends keyof DialectsByName ? DialectsByName[C] : C;

/**
 * The operation table of a {@link DialectChoice}.
 *
 * @example
 * type T = OperationsOf<'max'>; // MaxOperations
 */
export type OperationsOf<C extends DialectChoice> = DialectOf<C>['operations'];

/**
 * The known updates of a dialect's operation table: what its `getUpdates` answers (`never` for a
 * table without `getUpdates`). Sources emit this union, and `ofType` narrows it.
 *
 * @example
 * type U = UpdateOfTable<MaxOperations>; // MaxUpdate
 */
export type UpdateOfTable<T extends OperationTable> = T extends {
  readonly getUpdates: { readonly types?: { readonly result: { readonly updates: readonly (infer U)[] } } };
}
  ? U
  : never;

/**
 * The update types of a dialect's operation table (what `getUpdates` and `subscribe` accept).
 *
 * @example
 * type Types = UpdateTypeOfTable<TamTamOperations>; // UpdateType
 */
export type UpdateTypeOfTable<T extends OperationTable> =
  UpdateOfTable<T> extends { readonly update_type: infer K extends string } ? K : never;

const DIALECTS: ReadonlyMap<string, Dialect> = /* @__PURE__ */ new Map<string, Dialect>([
  ['tamtam', TAMTAM_DIALECT],
  ['max', MAX_DIALECT],
]);

/**
 * The {@link Dialect} a choice names (a `Dialect` value is returned as it is). Throws a
 * TypeError naming the known dialects for anything else.
 *
 * @example
 * resolveDialect('max') === MAX_DIALECT; // true
 */
export function resolveDialect<C extends DialectChoice>(choice: C): DialectOf<C>;
export function resolveDialect(choice: DialectChoice): Dialect {
  if (typeof choice === 'string') {
    const named = DIALECTS.get(choice);
    if (named === undefined)
      throw new TypeError(`unknown dialect ${JSON.stringify(choice)}; use 'tamtam', 'max' or a Dialect value`);
    return named;
  }
  return checkDialect(choice, "'tamtam', 'max' or ");
}

/** The facts of the dialects known by name (the same values their `Dialect`s hold). */
const FACTS_BY_NAME: ReadonlyMap<string, DialectFacts> = /* @__PURE__ */ new Map<string, DialectFacts>([
  ['tamtam', /* @__PURE__ */ Object.freeze({ name: 'TamTam', updateTypes: UPDATE_TYPES, delivery: TAMTAM_DELIVERY })],
  ['max', /* @__PURE__ */ Object.freeze({ name: 'Max', updateTypes: MAX_UPDATE_TYPES, delivery: MAX_DELIVERY })],
]);

/**
 * The {@link DialectFacts} of a choice: of a dialect by name without its operation table (what
 * a webhook needs, so `webhook({ dialect: 'max' })` does not put the tables in a bundle), or the
 * {@link Dialect} value itself. Throws a TypeError naming the known dialects for anything else,
 * as {@link resolveDialect} does.
 *
 * @example
 * resolveDialectFacts('max').delivery.webhookSecretHeader; // 'X-Max-Bot-Api-Secret'
 */
export function resolveDialectFacts(choice: DialectChoice): DialectFacts {
  if (typeof choice !== 'string') return checkDialect(choice, "'tamtam', 'max' or ");
  const named = FACTS_BY_NAME.get(choice);
  if (named === undefined)
    throw new TypeError(`unknown dialect ${JSON.stringify(choice)}; use 'tamtam', 'max' or a Dialect value`);
  return named;
}

/**
 * A {@link Dialect} value checked to be one (an object with its operations table), without the
 * by-name lookup of {@link resolveDialect}: code that takes only dialect values (as
 * `createDialectApi` does) leaves the dialects it is not given out of an app's bundle. Throws a
 * TypeError naming the problem for anything else; `names` are the names the caller accepts
 * besides values, for that message.
 *
 * @example
 * checkDialect(MAX_DIALECT) === MAX_DIALECT; // true
 */
export function checkDialect<D extends Dialect>(choice: D, names = ''): D {
  if (
    choice === null ||
    typeof choice !== 'object' ||
    typeof choice.operations !== 'object' ||
    choice.operations === null
  ) {
    throw new TypeError(
      `dialect must be ${names}a Dialect value (TAMTAM_DIALECT, MAX_DIALECT or your own, with its operations table)`,
    );
  }
  return choice;
}
