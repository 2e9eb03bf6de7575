import { type Observable, defer } from 'rxjs';
import type { Api } from '../api/api';
import type { CallOptions } from '../api/options';
import type { RequestSpec } from '../api/request-spec';

/**
 * The one way actions call the API: builds the request spec lazily (so input validation
 * errors arrive through the Observable's error channel, at subscribe time) and hands it to
 * the api. `defer` only wraps the spec builder here; the request itself stays abortable.
 *
 * @example
 * export const getMyInfo = (api: Api, options?: CallOptions) =>
 *   call<BotInfo>(api, () => ({ operation: 'getMyInfo', method: 'GET', path: '/me' }), options);
 */
export function call<T>(api: Api, build: () => RequestSpec, options?: CallOptions): Observable<T> {
  return defer(() => api.request<T>(build(), options));
}
