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
  PinMessageBody,
  SimpleQueryResult,
  UploadResultByType,
  UploadType,
  UserIdsList,
  VideoAttachmentDetails,
} from '../types/index';
import type { OperationIdOf, OperationTable } from './operation-table';
import { defineOperation } from './operation-table';
import type { TamTamOperations } from './tamtam-operations';

const CHAT_ID = { chatId: { type: 'integer' } } as const;
const ATTACHMENT_NOT_READY = { errorCodes: ['attachment.not.ready'] } as const;

/**
 * Every Max operation by its schema operationId (plus `uploadFile`, the multipart POST to an
 * upload URL). Rows Max shares with TamTam have TamTam's method, path and parameter kinds — a
 * compile-time check below proves it — and Max's query, body and result types.
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
export const MAX_OPERATIONS = {
  getMyInfo: defineOperation<MaxBotInfo>()({ method: 'GET', path: '/me', params: {} }),
  getChatByLink: defineOperation<MaxChat>()({
    method: 'GET',
    path: '/chats/{chatLink}',
    params: { chatLink: { type: 'string', pattern: /^@?[a-zA-Z]+[a-zA-Z0-9-_]*$/ } },
  }),
  getChat: defineOperation<MaxChat>()({ method: 'GET', path: '/chats/{chatId}', params: CHAT_ID }),
  editChat: defineOperation<MaxChat, MaxChatPatch>()({ method: 'PATCH', path: '/chats/{chatId}', params: CHAT_ID }),
  sendAction: defineOperation<SimpleQueryResult, ActionRequestBody & { action: MaxSenderAction }>()({
    method: 'POST',
    path: '/chats/{chatId}/actions',
    params: CHAT_ID,
  }),
  getPinnedMessage: defineOperation<MaxGetPinnedMessageResult>()({
    method: 'GET',
    path: '/chats/{chatId}/pin',
    params: CHAT_ID,
  }),
  pinMessage: defineOperation<SimpleQueryResult, PinMessageBody>()({
    method: 'PUT',
    path: '/chats/{chatId}/pin',
    params: CHAT_ID,
  }),
  unpinMessage: defineOperation<SimpleQueryResult>()({
    method: 'DELETE',
    path: '/chats/{chatId}/pin',
    params: CHAT_ID,
  }),
  getMembership: defineOperation<MaxChatMember>()({
    method: 'GET',
    path: '/chats/{chatId}/members/me',
    params: CHAT_ID,
  }),
  leaveChat: defineOperation<SimpleQueryResult>()({
    method: 'DELETE',
    path: '/chats/{chatId}/members/me',
    params: CHAT_ID,
  }),
  getAdmins: defineOperation<MaxChatMembersList>()({
    method: 'GET',
    path: '/chats/{chatId}/members/admins',
    params: CHAT_ID,
  }),
  postAdmins: defineOperation<SimpleQueryResult, ChatAdminsList>()({
    method: 'POST',
    path: '/chats/{chatId}/members/admins',
    params: CHAT_ID,
  }),
  deleteAdmin: defineOperation<SimpleQueryResult>()({
    method: 'DELETE',
    path: '/chats/{chatId}/members/admins/{userId}',
    params: { chatId: { type: 'integer' }, userId: { type: 'integer' } },
  }),
  getMembers: defineOperation<
    MaxChatMembersList,
    undefined,
    { user_ids?: readonly number[] | undefined; marker?: number | null | undefined; count?: number | undefined }
  >()({ method: 'GET', path: '/chats/{chatId}/members', params: CHAT_ID }),
  addMembers: defineOperation<SimpleQueryResult, UserIdsList>()({
    method: 'POST',
    path: '/chats/{chatId}/members',
    params: CHAT_ID,
  }),
  removeMember: defineOperation<SimpleQueryResult, undefined, { user_id: number; block?: boolean | undefined }>()({
    method: 'DELETE',
    path: '/chats/{chatId}/members',
    params: CHAT_ID,
  }),
  getSubscriptions: defineOperation<MaxGetSubscriptionsResult>()({ method: 'GET', path: '/subscriptions', params: {} }),
  subscribe: defineOperation<SimpleQueryResult, MaxSubscriptionRequestBody>()({
    method: 'POST',
    path: '/subscriptions',
    params: {},
  }),
  unsubscribe: defineOperation<SimpleQueryResult, undefined, { url: string }>()({
    method: 'DELETE',
    path: '/subscriptions',
    params: {},
  }),
  getUploadUrl: defineOperation<MaxUploadEndpoint, undefined, { type: UploadType }>()({
    method: 'POST',
    path: '/uploads',
    params: {},
  }),
  getMessages: defineOperation<
    MaxMessageList,
    undefined,
    {
      chat_id?: number | undefined;
      message_ids?: readonly string[] | undefined;
      from?: number | undefined;
      to?: number | undefined;
      count?: number | undefined;
    }
  >()({ method: 'GET', path: '/messages', params: {} }),
  sendMessage: defineOperation<
    MaxSendMessageResult,
    MaxNewMessageBody,
    { chat_id?: number | undefined; user_id?: number | undefined; disable_link_preview?: boolean | undefined }
  >()({ method: 'POST', path: '/messages', params: {}, retry: ATTACHMENT_NOT_READY }),
  editMessage: defineOperation<SimpleQueryResult, MaxNewMessageBody, { message_id: string }>()({
    method: 'PUT',
    path: '/messages',
    params: {},
    retry: ATTACHMENT_NOT_READY,
  }),
  deleteMessage: defineOperation<SimpleQueryResult, undefined, { message_id: string }>()({
    method: 'DELETE',
    path: '/messages',
    params: {},
  }),
  getMessageById: defineOperation<MaxMessage>()({
    method: 'GET',
    path: '/messages/{messageId}',
    params: { messageId: { type: 'string' } },
  }),
  getVideoAttachmentDetails: defineOperation<VideoAttachmentDetails>()({
    method: 'GET',
    path: '/videos/{videoToken}',
    params: { videoToken: { type: 'string', pattern: /^[a-zA-Z0-9_-]+$/ } },
  }),
  answerOnCallback: defineOperation<SimpleQueryResult, MaxCallbackAnswer, { callback_id: string }>()({
    method: 'POST',
    path: '/answers',
    params: {},
  }),
  getUpdates: defineOperation<
    MaxUpdateList,
    undefined,
    {
      limit?: number | undefined;
      timeout?: number | undefined;
      marker?: number | null | undefined;
      types?: readonly MaxUpdateType[] | undefined;
    }
  >()({ method: 'GET', path: '/updates', params: {} }),
  uploadFile: defineOperation<UploadResultByType[UploadType], FormData>()({ method: 'POST', path: null, params: {} }),
} as const satisfies OperationTable;

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
