import type { Observable } from 'rxjs';
import type { CallOptions, TokenPlacement } from './options';
import type { RequestSpec } from './request-spec';

/**
 * A configured connection to the Bot API. Actions take it as their first argument and call
 * {@link Api.request}; the test kit provides a fake with the same shape.
 *
 * @example
 * const api = createApi({ token });
 * api.request<BotInfo>({ operation: 'getMyInfo', method: 'GET', path: '/me' }).subscribe(console.log);
 */
export interface Api {
  /** API root the requests go to. */
  readonly baseUrl: string;
  /** Schema version sent as `v`. */
  readonly version: string;
  /** Default request timeout in ms. */
  readonly timeout: number;
  /** Where the token is sent. */
  readonly tokenIn: TokenPlacement;
  /**
   * Performs one call as a cold Observable: nothing is sent before subscribe, unsubscribing
   * aborts the HTTP request, failures are typed errors, retries follow the policy.
   */
  request<T>(spec: RequestSpec, options?: CallOptions): Observable<T>;
}
