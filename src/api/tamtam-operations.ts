/**
 * The TamTam Bot API 0.5.6 operation table: every operation by its schema operationId, plus
 * `uploadFile` (the multipart POST to an upload URL). Adding an operation means adding its row
 * here and its action; `request`, the emulator's router and the test kit follow from the row.
 */
import type {
  ActionRequestBody,
  BotInfo,
  BotPatch,
  CallbackAnswer,
  Chat,
  ChatList,
  ChatMember,
  ChatMembersList,
  ChatPatch,
  ConstructorAnswer,
  GetPinnedMessageResult,
  GetSubscriptionsResult,
  Message,
  MessageList,
  NewMessageBody,
  PinMessageBody,
  SendMessageResult,
  SimpleQueryResult,
  SubscriptionRequestBody,
  UpdateList,
  UpdateType,
  UploadEndpoint,
  UploadResultByType,
  UploadType,
  UserIdsList,
} from '../types/index';
import { type OperationTable, defineOperation } from './operation-table';

const CHAT_ID = { chatId: { type: 'integer' } } as const;
/** A freshly uploaded attachment may still be processing: sending it fails with this code for a while. */
const ATTACHMENT_NOT_READY = { errorCodes: ['attachment.not.ready'] } as const;

/**
 * Every TamTam operation: method, path template, path parameters and (as types) query, body
 * and result. `{name}` in a path is a path parameter declared in `params`. (Built by a call
 * marked pure: an app that never reads the table leaves it out of its bundle, also when it
 * bundles the published one-file build, where `sideEffects: false` cannot drop it.)
 *
 * @example
 * TAMTAM_OPERATIONS.getChat; // { method: 'GET', path: '/chats/{chatId}', params: { chatId: { type: 'integer' } } }
 * type Chat = OperationResult<'getChat'>;
 */
export const TAMTAM_OPERATIONS = /* @__PURE__ */ tamtamOperations();

/** The rows of {@link TAMTAM_OPERATIONS}. */
function tamtamOperations() {
  return {
    getMyInfo: defineOperation<BotInfo>()({ method: 'GET', path: '/me', params: {} }),
    editMyInfo: defineOperation<BotInfo, BotPatch>()({ method: 'PATCH', path: '/me', params: {} }),
    getChats: defineOperation<
      ChatList,
      undefined,
      { count?: number | undefined; marker?: number | null | undefined }
    >()({
      method: 'GET',
      path: '/chats',
      params: {},
    }),
    getChatByLink: defineOperation<Chat>()({
      method: 'GET',
      path: '/chats/{chatLink}',
      params: { chatLink: { type: 'string', pattern: /^@?[a-zA-Z]+[a-zA-Z0-9-_]*$/ } },
    }),
    getChat: defineOperation<Chat>()({ method: 'GET', path: '/chats/{chatId}', params: CHAT_ID }),
    editChat: defineOperation<Chat, ChatPatch>()({ method: 'PATCH', path: '/chats/{chatId}', params: CHAT_ID }),
    sendAction: defineOperation<SimpleQueryResult, ActionRequestBody>()({
      method: 'POST',
      path: '/chats/{chatId}/actions',
      params: CHAT_ID,
    }),
    getPinnedMessage: defineOperation<GetPinnedMessageResult>()({
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
    getMembership: defineOperation<ChatMember>()({
      method: 'GET',
      path: '/chats/{chatId}/members/me',
      params: CHAT_ID,
    }),
    leaveChat: defineOperation<SimpleQueryResult>()({
      method: 'DELETE',
      path: '/chats/{chatId}/members/me',
      params: CHAT_ID,
    }),
    getAdmins: defineOperation<ChatMembersList>()({
      method: 'GET',
      path: '/chats/{chatId}/members/admins',
      params: CHAT_ID,
    }),
    getMembers: defineOperation<
      ChatMembersList,
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
    getSubscriptions: defineOperation<GetSubscriptionsResult>()({ method: 'GET', path: '/subscriptions', params: {} }),
    subscribe: defineOperation<SimpleQueryResult, SubscriptionRequestBody>()({
      method: 'POST',
      path: '/subscriptions',
      params: {},
    }),
    unsubscribe: defineOperation<SimpleQueryResult, undefined, { url: string }>()({
      method: 'DELETE',
      path: '/subscriptions',
      params: {},
    }),
    getUploadUrl: defineOperation<UploadEndpoint & { token?: string }, undefined, { type: UploadType }>()({
      method: 'POST',
      path: '/uploads',
      params: {},
    }),
    getMessages: defineOperation<
      MessageList,
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
      SendMessageResult,
      NewMessageBody,
      { chat_id?: number | undefined; user_id?: number | undefined; disable_link_preview?: boolean | undefined }
    >()({ method: 'POST', path: '/messages', params: {}, retry: ATTACHMENT_NOT_READY }),
    editMessage: defineOperation<SimpleQueryResult, NewMessageBody, { message_id: string }>()({
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
    getMessageById: defineOperation<Message>()({
      method: 'GET',
      path: '/messages/{messageId}',
      params: { messageId: { type: 'string' } },
    }),
    answerOnCallback: defineOperation<SimpleQueryResult, CallbackAnswer, { callback_id: string }>()({
      method: 'POST',
      path: '/answers',
      params: {},
    }),
    construct: defineOperation<SimpleQueryResult, ConstructorAnswer, { session_id: string }>()({
      method: 'POST',
      path: '/answers/constructor',
      params: {},
    }),
    getUpdates: defineOperation<
      UpdateList,
      undefined,
      {
        limit?: number | undefined;
        timeout?: number | undefined;
        marker?: number | null | undefined;
        types?: readonly UpdateType[] | undefined;
      }
    >()({ method: 'GET', path: '/updates', params: {} }),
    uploadFile: defineOperation<UploadResultByType[UploadType], FormData>()({ method: 'POST', path: null, params: {} }),
  } as const satisfies OperationTable;
}

/**
 * The type of the TamTam operation table.
 *
 * @example
 * const api: Api<TamTamOperations> = createApi({ token });
 */
export type TamTamOperations = typeof TAMTAM_OPERATIONS;
