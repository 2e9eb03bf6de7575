/**
 * A dialect of the Bot API is data: its operation table, its update types, where and how to
 * reach it, and its limits. TamTam is {@link TAMTAM_DIALECT}; another dialect (Max: the same
 * paths mostly, a few operations added or removed, some types changed, the token only in a
 * header, 30 requests/s) is a second value of the same shape with its own table, not a fork
 * of the library.
 */
import { UPDATE_TYPES, type UpdateType } from '../types/index';
import { API_VERSION, DEFAULT_BASE_URL } from './constants';
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
}

/**
 * The TamTam Bot API 0.5.6: 28 operations (+ `uploadFile`), 13 update types, token in the
 * query (a header works too), messages up to 4000 characters, no published rate limit.
 *
 * @example
 * TAMTAM_DIALECT.operations.sendMessage.method; // 'POST'
 * TAMTAM_DIALECT.limits.messageTextLength; // 4000
 */
export const TAMTAM_DIALECT = Object.freeze({
  name: 'TamTam',
  operations: TAMTAM_OPERATIONS,
  updateTypes: UPDATE_TYPES,
  baseUrl: DEFAULT_BASE_URL,
  version: API_VERSION,
  auth: Object.freeze({ tokenIn: 'query', accepts: Object.freeze(['query', 'header'] as const) }),
  limits: Object.freeze({ messageTextLength: 4000, requestsPerSecond: undefined }),
} as const satisfies Dialect<TamTamOperations, UpdateType>);
