/**
 * What each operation sends and answers, so scripted responses and recorded requests are typed.
 * Read off the api's operation table (`TAMTAM_OPERATIONS`, `MAX_OPERATIONS`): adding an
 * operation there types it here.
 */
import type { MaxOperations } from '../../api/max-operations';
import type { OperationBodyOf, OperationIdOf, OperationResultOf } from '../../api/operation-table';
import type { TamTamOperations } from '../../api/tamtam-operations';

/**
 * The operation tables a fake api can speak: TamTam's (the default) and Max's.
 *
 * @example
 * function answers<T extends FakeTable>(api: FakeApi<T>) { return api.requests().length; }
 */
export type FakeTable = TamTamOperations | MaxOperations;

/**
 * The answer type of every operation of table `T` (TamTam's by default).
 *
 * @example
 * const me: OperationResults['getMyInfo'] = TEST_BOT_INFO;
 * const video: OperationResults<MaxOperations>['getVideoAttachmentDetails']['urls'] = null;
 */
export type OperationResults<T extends FakeTable = TamTamOperations> = {
  readonly [O in OperationIdOf<T>]: OperationResultOf<T, O>;
};

/**
 * The request body of every operation of table `T` (`undefined` for those without one; uploads
 * send FormData).
 *
 * @example
 * const body: OperationBodies['sendMessage'] = { text: 'hi' };
 * const admins: OperationBodies<MaxOperations>['postAdmins'] = { admins: [] };
 */
export type OperationBodies<T extends FakeTable = TamTamOperations> = {
  readonly [O in OperationIdOf<T>]: OperationBodyOf<T, O>;
};

/**
 * The message type of table `T` (`Message` for TamTam, `MaxMessage` for Max).
 *
 * @example
 * const m: MessageOfTable<MaxOperations> = api.lastSent().message; // a MaxMessage
 */
export type MessageOfTable<T extends FakeTable> = OperationResultOf<T, 'sendMessage'>['message'];

/**
 * The new-message body of table `T` (what `sendMessage` and `editMessage` send).
 *
 * @example
 * const body: NewMessageBodyOfTable<MaxOperations> = { text: 'Copy this', attachments: [] };
 */
export type NewMessageBodyOfTable<T extends FakeTable> = OperationBodyOf<T, 'sendMessage'>;

/**
 * The `answerOnCallback` body of table `T`.
 *
 * @example
 * const answer: CallbackAnswerOfTable<MaxOperations> = { notification: 'Saved' };
 */
export type CallbackAnswerOfTable<T extends FakeTable> = OperationBodyOf<T, 'answerOnCallback'>;
