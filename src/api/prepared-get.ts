import type { Api } from './api';
import { HttpApi } from './create-api';
import type { OperationIdOf, OperationResultOf, OperationTable } from './operation-table';
import type { Deadline } from './read-response';
import type { RequestSpecIn } from './request-spec';

/**
 * A GET prepared once and sent many times with one query parameter changing (the long poll's
 * `marker`): see {@link prepareGet}.
 *
 * @example
 * const poll = prepareGet(api, spec, 'marker');
 * const attempt = poll?.attempt(marker); // undefined: the rate limiter paces, send through api.request
 * const list = await attempt?.result;
 */
export interface PreparedGet<R> {
  /**
   * Starts one exchange with the parameter set to `value` (left out when `null`/`undefined`).
   * Its `result` is the parsed answer or the call's typed, redacted error (`TamTamApiError`,
   * `TamTamTimeoutError` at the deadline, `TamTamNetworkError`...); `abort()` cancels it and
   * clears the deadline's timer. `undefined` when the api's rate limiter paces requests: then
   * the request must wait for it, through `api.request`. No retry: apply the retry rule to a
   * failure yourself.
   */
  attempt(value: number | null | undefined): Deadline<R> | undefined;
}

/**
 * The {@link PreparedGet} of a `GET` request of an api made by `createApi`, `name` being the
 * parameter that changes between sends (a name that needs no encoding); `undefined` for any other api (a fake, a wrapper),
 * whose requests go through `api.request` as usual, and for a wrapper around one
 * (`Object.create(api)`, an own `request`): its `request` may change what is sent. What long polling sends its polls with:
 * the same URL, headers, deadline and errors as `api.request(spec)`, without the Observable
 * chain, the URL building and the option merging of each call. For a relative `GET` without a
 * body (what the type of `spec` cannot say: the caller's to ensure).
 *
 * @example
 * const spec = buildRequest(TAMTAM_OPERATIONS, 'getUpdates', { query: { limit: 100 } });
 * const poll = prepareGet(api, spec, 'marker');
 */
export function prepareGet<T extends OperationTable, O extends OperationIdOf<T>>(
  api: Api<T>,
  spec: RequestSpecIn<T, O>,
  name: string,
): PreparedGet<OperationResultOf<T, O>> | undefined {
  if (!HttpApi.isUnchanged(api)) return undefined;
  // the api answers what the operation's row says; the HttpApi itself is untyped by table
  return api.prepareGet(spec, name) as PreparedGet<OperationResultOf<T, O>>;
}
