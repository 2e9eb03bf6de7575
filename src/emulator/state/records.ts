/**
 * The emulator's internal, mutable records. Wire objects are derived from them (see `wire.ts`).
 */
import type {
  Attachment,
  BotCommand,
  ChatAdminPermission,
  ChatStatus,
  ChatType,
  Image,
  LinkedMessage,
  MarkupElement,
} from '../../types';

/**
 * A user (or the bot) as the emulator stores it.
 *
 * @example
 * const alice: UserRecord = { user_id: 1, name: 'Alice', username: 'alice', is_bot: false, last_activity_time: 0, description: null, locale: 'en-US' };
 */
export interface UserRecord {
  user_id: number;
  /** Display name (TamTam `name`, deprecated on Max). */
  name: string;
  /** Max `first_name`. */
  first_name: string;
  /** Max `last_name` (never set for bots). */
  last_name: string | null;
  username: string | null;
  is_bot: boolean;
  last_activity_time: number;
  description: string | null;
  avatar_url?: string;
  full_avatar_url?: string;
  /** Sent as `user_locale` in updates this user causes. */
  locale: string;
}

/**
 * The bot: a user with commands.
 *
 * @example
 * const bot: BotRecord = { ...alice, is_bot: true, commands: [{ name: 'start' }] };
 */
export interface BotRecord extends UserRecord {
  commands: BotCommand[] | null;
}

/**
 * One membership of a user (or the bot) in a chat.
 *
 * @example
 * const m: MemberRecord = { userId: 1, joinTime: 0, lastAccessTime: 0, isOwner: false, isAdmin: false, permissions: null };
 */
export interface MemberRecord {
  userId: number;
  joinTime: number;
  lastAccessTime: number;
  isOwner: boolean;
  isAdmin: boolean;
  permissions: ChatAdminPermission[] | null;
  /** Max: the admin's title in the chat, set by `POST /chats/{chatId}/members/admins`. */
  alias?: string;
}

/**
 * A dialog, group chat or channel.
 *
 * @example
 * world.chats.get(chatId)?.members.size;
 */
export interface ChatRecord {
  chatId: number;
  type: ChatType;
  title: string | null;
  description: string | null;
  icon: Image | null;
  /** Public or private link name (without `@`), if any. */
  link: string | null;
  isPublic: boolean;
  ownerId: number | null;
  /** Current members, the bot included while it is active. */
  members: Map<number, MemberRecord>;
  /** The bot's status in this chat. */
  botStatus: ChatStatus;
  /** Whether the bot has ever been a member (chats it never joined are invisible to it). */
  botKnows: boolean;
  /** For dialogs: the other user. */
  dialogUserId: number | null;
  pinnedMid: string | null;
  lastEventTime: number;
  /** Set when a `chat` button created this chat. */
  chatMessageId: string | null;
  /** Message ids in order of creation (deleted ones removed). */
  mids: string[];
  /** Next `seq` for a message in this chat. */
  nextSeq: number;
  /** For dialogs: until when the user muted it (ms since epoch), `null` when not muted. */
  mutedUntil?: number | null;
}

/**
 * A message stored in a chat.
 *
 * @example
 * world.messages.get(mid)?.text;
 */
export interface MessageRecord {
  mid: string;
  seq: number;
  chatId: number;
  /** `null` for posts on behalf of a channel. */
  senderId: number | null;
  timestamp: number;
  text: string | null;
  attachments: Attachment[] | null;
  markup: MarkupElement[] | null;
  link: LinkedMessage | null;
  /** The bot that constructed this message, if it was made in constructor mode. */
  constructorId: number | null;
}
