/**
 * The Max Bot API operation table (schema snapshot 2026-07-01): TamTam's operations with the
 * same methods, paths and parameters, typed by the Max model, minus `editMyInfo` (`PATCH /me`),
 * `construct` (`POST /answers/constructor`) and `getChats`, plus `postAdmins`, `deleteAdmin` and
 * `getVideoAttachmentDetails`. Actions, `Api.request`, the emulator's router and the test kit
 * read it like the TamTam table.
 */
import type {
  ActionRequestBody,
  ChatAdminsList,
  MaxBotInfo,
  MaxCallbackAnswer,
  MaxChat,
  MaxChatMember,
  MaxChatMembersList,
  MaxChatPatch,
  MaxGetPinnedMessageResult,
  MaxGetSubscriptionsResult,
  MaxMessage,
  MaxMessageList,
  MaxNewMessageBody,
  MaxSendMessageResult,
  MaxSenderAction,
  MaxSubscriptionRequestBody,
  MaxUpdateList,
  MaxUpdateType,
  MaxUploadEndpoint,
  SimpleQueryResult,
  VideoAttachmentDetails,
} from '../types/index';
import type { OperationIdOf, OperationTable } from './operation-table';
import { defineOperation, retype } from './operation-table';
import { TAMTAM_OPERATIONS as T, type TamTamOperations } from './tamtam-operations';

/**
 * Every Max operation by its schema operationId (plus `uploadFile`, the multipart POST to an
 * upload URL). Rows Max shares with TamTam are TamTam's rows (the same method, path, parameters
 * and retry settings), retyped with Max's query, body and result types where those differ.
 *
 * Left out on purpose:
 * - `editMyInfo` and `construct`: Max has no such endpoints.
 * - `getChats` (`GET /chats`): Max stopped serving it in June 2026 and the schema now gives it
 *   no parameters and no answer. A row would type a call that can only fail, so a Max api
 *   refuses `getChats` at compile time; keep the ids of the chats the bot is in from
 *   `bot_added`/`bot_removed` updates instead.
 *
 * @example
 * MAX_OPERATIONS.deleteAdmin.path; // '/chats/{chatId}/members/admins/{userId}'
 * 'construct' in MAX_OPERATIONS; // false
 */
export const MAX_OPERATIONS = /* @__PURE__ */ maxOperations();

/** The rows of {@link MAX_OPERATIONS} (built by a call marked pure: see `TAMTAM_OPERATIONS`). */
function maxOperations() {
  return {
    getMyInfo: retype(T.getMyInfo)<MaxBotInfo>(),
    getChatByLink: retype(T.getChatByLink)<MaxChat>(),
    getChat: retype(T.getChat)<MaxChat>(),
    editChat: retype(T.editChat)<MaxChat, MaxChatPatch>(),
    sendAction: retype(T.sendAction)<SimpleQueryResult, ActionRequestBody & { action: MaxSenderAction }>(),
    getPinnedMessage: retype(T.getPinnedMessage)<MaxGetPinnedMessageResult>(),
    pinMessage: T.pinMessage,
    unpinMessage: T.unpinMessage,
    getMembership: retype(T.getMembership)<MaxChatMember>(),
    leaveChat: T.leaveChat,
    getAdmins: retype(T.getAdmins)<MaxChatMembersList>(),
    postAdmins: defineOperation<SimpleQueryResult, ChatAdminsList>()({
      method: 'POST',
      path: '/chats/{chatId}/members/admins',
      params: { chatId: { type: 'integer' } },
    }),
    deleteAdmin: defineOperation<SimpleQueryResult>()({
      method: 'DELETE',
      path: '/chats/{chatId}/members/admins/{userId}',
      params: { chatId: { type: 'integer' }, userId: { type: 'integer' } },
    }),
    getMembers: retype(T.getMembers)<MaxChatMembersList>(),
    addMembers: T.addMembers,
    removeMember: T.removeMember,
    getSubscriptions: retype(T.getSubscriptions)<MaxGetSubscriptionsResult>(),
    subscribe: retype(T.subscribe)<SimpleQueryResult, MaxSubscriptionRequestBody>(),
    unsubscribe: T.unsubscribe,
    getUploadUrl: retype(T.getUploadUrl)<MaxUploadEndpoint>(),
    getMessages: retype(T.getMessages)<MaxMessageList>(),
    sendMessage: retype(T.sendMessage)<MaxSendMessageResult, MaxNewMessageBody>(),
    editMessage: retype(T.editMessage)<SimpleQueryResult, MaxNewMessageBody>(),
    deleteMessage: T.deleteMessage,
    getMessageById: retype(T.getMessageById)<MaxMessage>(),
    getVideoAttachmentDetails: defineOperation<VideoAttachmentDetails>()({
      method: 'GET',
      path: '/videos/{videoToken}',
      params: { videoToken: { type: 'string', pattern: /^[a-zA-Z0-9_-]+$/ } },
    }),
    answerOnCallback: retype(T.answerOnCallback)<SimpleQueryResult, MaxCallbackAnswer>(),
    getUpdates: retype(T.getUpdates)<
      MaxUpdateList,
      undefined,
      {
        limit?: number | undefined;
        timeout?: number | undefined;
        marker?: number | null | undefined;
        types?: readonly MaxUpdateType[] | undefined;
      }
    >(),
    uploadFile: T.uploadFile,
  } as const satisfies OperationTable;
}

/**
 * The type of the Max operation table.
 *
 * @example
 * const api: Api<MaxOperations> = createApi({ dialect: 'max', token });
 */
export type MaxOperations = typeof MAX_OPERATIONS;

/**
 * Operations both dialects have (the actions that take either api).
 *
 * @example
 * const op: SharedOperationId = 'sendMessage';
 */
export type SharedOperationId = OperationIdOf<MaxOperations> & OperationIdOf<TamTamOperations>;

type WireShape<R> = R extends { readonly method: infer M; readonly path: infer P; readonly params: infer PP }
  ? { method: M; path: P; params: PP }
  : never;
/** Shared rows go over the wire exactly like TamTam's: actions build their requests from either table. */
type _SharedRowsAgree = {
  [K in SharedOperationId]: WireShape<MaxOperations[K]> extends WireShape<TamTamOperations[K]>
    ? WireShape<TamTamOperations[K]> extends WireShape<MaxOperations[K]>
      ? true
      : K
    : K;
}[SharedOperationId];
type IsTrue<T extends true> = T;
/** Fails to compile, naming the operation, when a shared row's method, path or parameters differ. */
type _SharedRowsCheck = IsTrue<_SharedRowsAgree>;
