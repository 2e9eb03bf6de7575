/**
 * Names and types of the TamTam operations, all read off {@link TAMTAM_OPERATIONS}.
 */
import type {
  OperationBodyOf,
  OperationIdOf,
  OperationPathParamsOf,
  OperationQueryOf,
  OperationResultOf,
  OperationTable,
} from './operation-table';
import { TAMTAM_OPERATIONS, type TamTamOperations } from './tamtam-operations';

/**
 * Name of one TamTam operation: a schema operationId, or `uploadFile`.
 *
 * @example
 * const op: OperationId = 'getMyInfo';
 */
export type OperationId = OperationIdOf<TamTamOperations>;

/**
 * The operation ids of a table, in table order.
 *
 * @example
 * operationIds(TAMTAM_OPERATIONS).length; // 29
 */
export function operationIds<T extends OperationTable>(table: T): readonly OperationIdOf<T>[] {
  // Object.keys forgets the key type; a table's own keys are exactly OperationIdOf<T>
  return Object.freeze(Object.keys(table) as OperationIdOf<T>[]);
}

/**
 * Every TamTam operation by its schema operationId, plus `uploadFile` (the multipart POST to an
 * upload URL). Requests carry the name so fakes and logs can tell calls apart.
 *
 * @example
 * OPERATION_IDS.includes('sendMessage'); // true
 */
export const OPERATION_IDS: readonly OperationId[] = /* @__PURE__ */ operationIds(TAMTAM_OPERATIONS);

/**
 * What a TamTam operation answers.
 *
 * @example
 * const me: OperationResult<'getMyInfo'> = await firstValueFrom(getMyInfo(api));
 */
export type OperationResult<O extends OperationId> = OperationResultOf<TamTamOperations, O>;

/**
 * The body a TamTam operation sends (`undefined` when none; `FormData` for `uploadFile`).
 *
 * @example
 * const body: OperationBody<'sendMessage'> = { text: 'hi' };
 */
export type OperationBody<O extends OperationId> = OperationBodyOf<TamTamOperations, O>;

/**
 * The query parameters a TamTam operation takes.
 *
 * @example
 * const query: OperationQuery<'getUpdates'> = { timeout: 30, types: ['message_created'] };
 */
export type OperationQuery<O extends OperationId> = OperationQueryOf<TamTamOperations, O>;

/**
 * The path parameters of a TamTam operation.
 *
 * @example
 * const params: OperationPathParams<'getChat'> = { chatId: -70_000_000_001 };
 */
export type OperationPathParams<O extends OperationId> = OperationPathParamsOf<TamTamOperations, O>;
