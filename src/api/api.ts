import type { Observable } from 'rxjs';
import type { Dialect } from './dialect';
import type { OperationIdOf, OperationResultOf, OperationTable } from './operation-table';
import type { CallOptions, TokenPlacement } from './options';
import type { RequestSpecIn } from './request-spec';
import type { TamTamOperations } from './tamtam-operations';

/**
 * A configured connection to the Bot API of one dialect (by default TamTam, whose operations
 * are {@link TamTamOperations}; `createApi({ dialect: 'max' })` gives an `Api<MaxOperations>`).
 * Actions take it as their first argument and call {@link Api.request}; the test kit provides a
 * fake with the same shape. The table `T` types everything downstream: which actions accept
 * the api, what they answer, and which updates `fromLongPolling(api)` emits.
 *
 * @example
 * const api = createApi({ token });
 * api.request(buildRequest(TAMTAM_OPERATIONS, 'getMyInfo', {})).subscribe((me) => console.log(me.username));
 */
export interface Api<T extends OperationTable = TamTamOperations> {
  /** API root the requests go to. */
  readonly baseUrl: string;
  /** Schema version sent as `v`. */
  readonly version: string;
  /** Default request timeout in ms. */
  readonly timeout: number;
  /** Where the token is sent. */
  readonly tokenIn: TokenPlacement;
  /**
   * The dialect the api speaks; actions build their requests from its operation table. Apis
   * made by `createApi` always have it; a hand-made api without it is taken for TamTam.
   */
  readonly dialect?: Dialect<T>;
  /**
   * Performs one call as a cold Observable of what its operation answers: nothing is sent
   * before subscribe, unsubscribing aborts the HTTP request, failures are typed errors,
   * retries follow the policy.
   */
  request<O extends OperationIdOf<T>>(
    spec: RequestSpecIn<T, O>,
    options?: CallOptions,
  ): Observable<OperationResultOf<T, O>>;
}
