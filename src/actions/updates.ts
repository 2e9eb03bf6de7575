import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { UpdateTypeOfTable } from '../api/dialect';
import type { OperationResultOf } from '../api/operation-table';
import type { CallOptions } from '../api/options';
import type { UpdateType } from '../types/index';
import type { ActionInput } from '../api/request-spec';
import type { TamTamOperations } from '../api/tamtam-operations';
import { type TableWith, call } from './call';
import { optionalIntegerInRange } from './validate';

/** Parameters of {@link getUpdates}; `K` is the dialect's update types (TamTam's by default). */
export interface GetUpdatesParams<K extends string = UpdateType> {
  /** Most updates per answer, 1–1000 (server default 100). */
  readonly limit?: number;
  /** Seconds the server may hold the request while there is nothing new, 0–90 (server default 30). */
  readonly timeout?: number;
  /**
   * Position to read from; passing it commits (forgets) every update before it. Without it
   * TamTam answers every update since the last commit, Max only the latest one.
   */
  readonly marker?: number | null;
  /** Only these update types. */
  readonly types?: readonly K[];
}

/** Most margin between the long-poll timeout and the HTTP request timeout (less when the api's timeout is shorter). */
const POLL_MARGIN_MS = 15_000;
const SERVER_DEFAULT_POLL_SECONDS = 30;

/**
 * One long poll of `GET /updates`. The HTTP timeout is raised above the poll timeout
 * automatically (ky's default would cut every idle poll short) to the poll timeout plus a
 * margin: 15 s, or the api's `timeout` when that is shorter (so a short api timeout also gets a
 * stalled poll out fast); a per-call `timeout` that is not above the poll timeout is refused.
 * Prefer `fromLongPolling`, which loops, commits markers and backs off for you.
 *
 * @example
 * getUpdates(api, { timeout: 30, marker }).subscribe(({ updates, marker }) => handle(updates, marker));
 */
export function getUpdates<T extends TableWith<'getUpdates'>>(
  api: Api<T>,
  params: GetUpdatesParams<UpdateTypeOfTable<T>> = {},
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getUpdates'>> {
  return call(api, 'getUpdates', () => getUpdatesInput(api, params, options), options);
}

/**
 * The request input of one {@link getUpdates} call: `params` checked, the query, and the HTTP
 * timeout raised above the poll's. Throws a TypeError naming what is wrong. What long polling
 * prepares its repeated poll from, so both send the same request.
 *
 * @example
 * const input = getUpdatesInput(api, { limit: 100, timeout: 30 }); // { query: { limit: 100, ... }, timeout: 45_000 }
 */
export function getUpdatesInput(
  api: Pick<Api<TableWith<'getUpdates'>>, 'timeout'>,
  params: GetUpdatesParams<string>,
  options?: CallOptions,
): ActionInput<TamTamOperations, 'getUpdates'> {
  const pollSeconds =
    optionalIntegerInRange('getUpdates', 'timeout', params.timeout, 0, 90) ?? SERVER_DEFAULT_POLL_SECONDS;
  const minimum = pollSeconds * 1000;
  if (options?.timeout !== undefined && options.timeout <= minimum) {
    throw new TypeError(
      `getUpdates: the request timeout (${options.timeout} ms) must be longer than the poll timeout (${pollSeconds} s), or every idle poll fails`,
    );
  }
  return {
    query: {
      limit: optionalIntegerInRange('getUpdates', 'limit', params.limit, 1, 1000),
      timeout: params.timeout,
      marker: params.marker,
      // the dialect's own update type names; the reference (TamTam) row spells them UpdateType
      types: params.types as readonly UpdateType[] | undefined,
    },
    timeout: Math.max(api.timeout, minimum + Math.min(POLL_MARGIN_MS, api.timeout)),
  };
}
