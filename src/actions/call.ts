import { type Observable, defer } from 'rxjs';
import type { Api } from '../api/api';
import type { OperationId, OperationResult } from '../api/operations';
import type { CallOptions } from '../api/options';
import { type RequestInput, buildRequest } from '../api/request-spec';
import { TAMTAM_OPERATIONS, type TamTamOperations } from '../api/tamtam-operations';

/**
 * The one way actions call the API: builds the request of `operation` from its row in the
 * operation table lazily (so input validation errors arrive through the Observable's error
 * channel, at subscribe time) and hands it to the api, typed by the row's result. `defer`
 * only wraps the builder here; the request itself stays abortable.
 *
 * @example
 * export const getChat = (api: Api, chatId: number, options?: CallOptions) =>
 *   call(api, 'getChat', () => ({ params: { chatId } }), options); // Observable<Chat>
 */
export function call<O extends OperationId>(
  api: Api,
  operation: O,
  input: () => RequestInput<TamTamOperations, O>,
  options?: CallOptions,
): Observable<OperationResult<O>> {
  return defer(() => api.request(buildRequest(TAMTAM_OPERATIONS, operation, input()), options));
}
