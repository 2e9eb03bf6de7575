/**
 * What each operation sends and answers, so scripted responses and recorded requests are typed.
 * Read off the api's operation table (`TAMTAM_OPERATIONS`): adding an operation there types it here.
 */
import type { OperationBody, OperationId, OperationResult } from '../../api/operations';

/**
 * The answer type of every operation.
 *
 * @example
 * const me: OperationResults['getMyInfo'] = TEST_BOT_INFO;
 */
export type OperationResults = { readonly [O in OperationId]: OperationResult<O> };

/**
 * The request body of every operation (`undefined` for those without one; uploads send FormData).
 *
 * @example
 * const body: OperationBodies['sendMessage'] = { text: 'hi' };
 */
export type OperationBodies = { readonly [O in OperationId]: OperationBody<O> };
