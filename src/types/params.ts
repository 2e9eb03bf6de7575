/**
 * Query parameters of the operations that take any (path ids are plain arguments instead).
 * Arrays are sent comma-separated; `undefined` fields are left out of the URL.
 */
import type { UpdateType } from './update';
import type { UploadType } from './upload';

/**
 * Query of `getChats`.
 *
 * @example
 * const q: GetChatsQuery = { count: 50, marker: 1_234 };
 */
export interface GetChatsQuery {
  /** 1–100, server default 50. */
  count?: number;
  /** From the previous `ChatList`; omit for the first page. */
  marker?: number;
}

/**
 * Query of `getMembers`. With `user_ids`, `count` and `marker` are ignored.
 *
 * @example
 * const q: GetMembersQuery = { user_ids: [590_123_456] };
 */
export interface GetMembersQuery {
  user_ids?: readonly number[];
  marker?: number;
  /** 1–100, server default 20. */
  count?: number;
}

/**
 * Query of `removeMember`.
 *
 * @example
 * const q: RemoveMemberQuery = { user_id: 590_123_456, block: true };
 */
export interface RemoveMemberQuery {
  user_id: number;
  /** Also block the user (chats with a link only; server default `false`). */
  block?: boolean;
}

/**
 * Query of `unsubscribe`.
 *
 * @example
 * const q: UnsubscribeQuery = { url: 'https://bot.example.com/hook' };
 */
export interface UnsubscribeQuery {
  url: string;
}

/**
 * Query of `getUploadUrl`.
 *
 * @example
 * const q: GetUploadUrlQuery = { type: 'video' };
 */
export interface GetUploadUrlQuery {
  type: UploadType;
}

/**
 * Query of `getMessages`: either a chat (with optional time range) or explicit message ids.
 *
 * @example
 * const q: GetMessagesQuery = { chat_id: -70_512_345_678, count: 20 };
 */
export interface GetMessagesQuery {
  chat_id?: number;
  message_ids?: readonly string[];
  /** Start time, ms since epoch. */
  from?: number;
  /** End time, ms since epoch. */
  to?: number;
  /** 1–100, server default 50. */
  count?: number;
}

/**
 * Query of `sendMessage`: set `user_id` (dialog) or `chat_id`.
 *
 * @example
 * const q: SendMessageQuery = { chat_id: -70_512_345_678, disable_link_preview: true };
 */
export interface SendMessageQuery {
  user_id?: number;
  chat_id?: number;
  /** Server default `false`. */
  disable_link_preview?: boolean;
}

/**
 * Query of `editMessage`.
 *
 * @example
 * const q: EditMessageQuery = { message_id: 'mid.0000000000001a2b' };
 */
export interface EditMessageQuery {
  message_id: string;
}

/**
 * Query of `deleteMessage`.
 *
 * @example
 * const q: DeleteMessageQuery = { message_id: 'mid.0000000000001a2b' };
 */
export interface DeleteMessageQuery {
  message_id: string;
}

/**
 * Query of `answerOnCallback`.
 *
 * @example
 * const q: AnswerOnCallbackQuery = { callback_id: 'cb.1a2b' };
 */
export interface AnswerOnCallbackQuery {
  /** Non-blank. */
  callback_id: string;
}

/**
 * Query of `construct`.
 *
 * @example
 * const q: ConstructQuery = { session_id: 'cs.77aa' };
 */
export interface ConstructQuery {
  session_id: string;
}

/**
 * Query of `getUpdates` (long polling).
 *
 * @example
 * const q: GetUpdatesQuery = { timeout: 30, limit: 100, types: ['message_created'] };
 */
export interface GetUpdatesQuery {
  /** 1–1000, server default 100. */
  limit?: number;
  /** Seconds to wait, 0–90, server default 30. */
  timeout?: number;
  /** Commits everything before it; omit to get everything since the last commit. */
  marker?: number | null;
  /** Only these update types. */
  types?: readonly UpdateType[] | null;
}
