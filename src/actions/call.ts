import { type Observable, defer } from 'rxjs';
import type { Api } from '../api/api';
import type { MaxOperations } from '../api/max-operations';
import type { OperationIdOf, OperationResultOf, OperationTable } from '../api/operation-table';
import type { CallOptions } from '../api/options';
import { type ActionInput, type AnyRequestInput, type RequestSpecIn, buildAnyRequest } from '../api/request-spec';
import { TAMTAM_OPERATIONS, type TamTamOperations } from '../api/tamtam-operations';

/**
 * An operation table that has every operation in `O`: the constraint actions put on the table
 * of the api they are given. `getChat(api, …)` takes any api whose table has `getChat`;
 * `construct(maxApi, …)` does not compile, because the Max table has no `construct`.
 *
 * @example
 * function whoAmI<T extends TableWith<'getMyInfo'>>(api: Api<T>) { return getMyInfo(api); }
 */
export type TableWith<O extends string> = OperationTable & { readonly [K in O]: OperationTable[string] };

/**
 * The one way actions call the API: builds the request of `operation` lazily from the row in
 * the api's own table (its dialect's; TamTam for a hand-made api without one), so input
 * validation errors arrive through the Observable's error channel at subscribe time, and hands
 * it to the api, typed by the row's result in that table. `defer` only wraps the builder here;
 * the request itself stays abortable.
 *
 * The input is checked against the TamTam row: the rows both dialects share have the same
 * method, path and parameters (a compile-time check in `max-operations.ts` proves it). `O` is
 * inferred from `operation` alone (`NoInfer` on the input: inferring it through the input's
 * conditional types again at every action was most of what checking an action cost).
 *
 * @example
 * export const getChat = <T extends TableWith<'getChat'>>(api: Api<T>, chatId: number, options?: CallOptions) =>
 *   call(api, 'getChat', () => ({ params: { chatId } }), options); // Observable<Chat> or Observable<MaxChat>
 */
export function call<T extends TableWith<O>, O extends OperationIdOf<TamTamOperations>>(
  api: Api<T>,
  operation: O,
  input: () => NoInfer<ActionInput<TamTamOperations, O>>,
  options?: CallOptions,
): Observable<OperationResultOf<T, O>> {
  return send(api, operation, input, options);
}

/**
 * {@link call} for the operations only Max has: the input is checked against the Max row.
 *
 * @example
 * export const deleteAdmin = <T extends TableWith<'deleteAdmin'>>(api: Api<T>, chatId: number, userId: number) =>
 *   callMax(api, 'deleteAdmin', () => ({ params: { chatId, userId } }));
 */
export function callMax<
  T extends TableWith<O>,
  O extends Exclude<OperationIdOf<MaxOperations>, OperationIdOf<TamTamOperations>>,
>(
  api: Api<T>,
  operation: O,
  input: () => NoInfer<ActionInput<MaxOperations, O>>,
  options?: CallOptions,
): Observable<OperationResultOf<T, O>> {
  return send(api, operation, input, options);
}

function send<T extends TableWith<O>, O extends string>(
  api: Api<T>,
  operation: O,
  input: () => object,
  options: CallOptions | undefined,
): Observable<OperationResultOf<T, O>> {
  return defer(() => {
    // An api without a dialect is TamTam's by contract (see Api.dialect).
    const table: OperationTable = api.dialect?.operations ?? TAMTAM_OPERATIONS;
    if (!Object.hasOwn(table, operation)) {
      const name = api.dialect?.name ?? 'TamTam';
      throw new TypeError(
        `${operation}: the ${name} Bot API has no such operation (check the api's dialect: createApi({ dialect }))`,
      );
    }
    // The row is looked up in the api's own table; the input was checked against the
    // reference row, whose wire shape equals it (proved in max-operations.ts).
    const spec = buildAnyRequest(table, operation, input() as AnyRequestInput);
    return api.request(spec as RequestSpecIn<T, O>, options);
  });
}
