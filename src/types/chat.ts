/**
 * Chats, their members and the small request bodies of chat operations.
 */
import type { Image } from './common';
import type { Message } from './message';
import type { UserWithPhoto } from './user';
import type { PhotoAttachmentRequestPayload } from './attachment-request';
import type { Assert, SameMembers } from './type-checks';

/**
 * Kind of chat: a one-to-one `dialog`, a group `chat` or a `channel`.
 *
 * @example
 * const kind: ChatType = 'dialog';
 */
export type ChatType = 'dialog' | 'chat' | 'channel';

/**
 * Every {@link ChatType}, in schema order.
 *
 * @example
 * CHAT_TYPES.includes('channel'); // true
 */
export const CHAT_TYPES = ['dialog', 'chat', 'channel'] as const;
type _ChatTypesMatch = Assert<SameMembers<(typeof CHAT_TYPES)[number], ChatType>>;

/**
 * The bot's standing in a chat: still `active`, `removed` (kicked), `left`, `closed`, or
 * `suspended` (the user stopped the bot; dialogs only).
 *
 * @example
 * if (chat.status !== 'active') return;
 */
export type ChatStatus = 'active' | 'removed' | 'left' | 'closed' | 'suspended';

/**
 * Every {@link ChatStatus}, in schema order.
 *
 * @example
 * CHAT_STATUSES.length; // 5
 */
export const CHAT_STATUSES = ['active', 'removed', 'left', 'closed', 'suspended'] as const;
type _ChatStatusesMatch = Assert<SameMembers<(typeof CHAT_STATUSES)[number], ChatStatus>>;

/**
 * A right an admin may hold in a chat.
 *
 * @example
 * const canPin = member.permissions?.includes('pin_message') ?? false;
 */
export type ChatAdminPermission =
  | 'read_all_messages'
  | 'add_remove_members'
  | 'add_admins'
  | 'change_chat_info'
  | 'pin_message'
  | 'write';

/**
 * Every {@link ChatAdminPermission}, in schema order.
 *
 * @example
 * CHAT_ADMIN_PERMISSIONS.includes('write'); // true
 */
export const CHAT_ADMIN_PERMISSIONS = [
  'read_all_messages',
  'add_remove_members',
  'add_admins',
  'change_chat_info',
  'pin_message',
  'write',
] as const;
type _ChatAdminPermissionsMatch = Assert<SameMembers<(typeof CHAT_ADMIN_PERMISSIONS)[number], ChatAdminPermission>>;

/**
 * A chat the bot can see (dialog, group chat or channel).
 *
 * @example
 * const group: Chat = {
 *   chat_id: -70_512_345_678,
 *   type: 'chat',
 *   status: 'active',
 *   title: 'Team',
 *   icon: null,
 *   last_event_time: 1_717_000_000_000,
 *   participants_count: 12,
 *   is_public: false,
 *   description: null,
 * };
 */
export interface Chat {
  /** Group chats and channels have negative ids. */
  chat_id: number;
  type: ChatType;
  status: ChatStatus;
  /** `null` for dialogs. */
  title: string | null;
  icon: Image | null;
  /** ms since epoch. */
  last_event_time: number;
  /** Always 2 for dialogs. */
  participants_count: number;
  /** Only admins see the owner. */
  owner_id?: number | null;
  /** User id (as string key) → last activity in ms; admins only, often `null` in lists. */
  participants?: Record<string, number> | null;
  /** Always `false` for dialogs. */
  is_public: boolean;
  link?: string | null;
  description: string | null;
  /** The other side of a dialog. */
  dialog_with_user?: UserWithPhoto | null;
  /** Not sent for dialogs. */
  messages_count?: number | null;
  /** Message whose `chat` button created this chat. */
  chat_message_id?: string | null;
  /** Only when a single chat is requested. */
  pinned_message?: Message | null;
}

/**
 * One page of `getChats`. Pass `marker` back to get the next page; `null` means no more.
 *
 * @example
 * const page: ChatList = { chats: [], marker: null };
 */
export interface ChatList {
  chats: Chat[];
  marker: number | null;
}

/**
 * Changes for `editChat`; omitted fields stay as they are.
 *
 * @example
 * const patch: ChatPatch = { title: 'Release crew', notify: false };
 */
export interface ChatPatch {
  /** New icon: an uploaded photo, a token or a URL. */
  icon?: PhotoAttachmentRequestPayload | null;
  /** 1–200 chars. */
  title?: string | null;
  /** Message id to pin; use `unpinMessage` to remove a pin. */
  pin?: string | null;
  /** Post a system message about the change (server default `true`). */
  notify?: boolean | null;
}

/**
 * A user's membership in a chat, as returned by member and admin lists.
 *
 * @example
 * const admin: ChatMember = {
 *   ...alice,
 *   last_access_time: 1_717_000_000_000,
 *   is_owner: false,
 *   is_admin: true,
 *   join_time: 1_700_000_000_000,
 *   permissions: ['write', 'pin_message'],
 * };
 */
export interface ChatMember extends UserWithPhoto {
  /** Last activity in this chat, ms (may equal `join_time` in big chats). */
  last_access_time: number;
  is_owner: boolean;
  is_admin: boolean;
  /** ms since epoch. */
  join_time: number;
  /** Admin rights; `null` for non-admins. */
  permissions: ChatAdminPermission[] | null;
}

/**
 * One page of chat members. Pass `marker` back for the next page.
 *
 * @example
 * const page: ChatMembersList = { members: [admin], marker: null };
 */
export interface ChatMembersList {
  members: ChatMember[];
  marker?: number | null;
}

/**
 * Status a bot can show in a chat (`sendAction`).
 *
 * @example
 * const action: SenderAction = 'typing_on';
 */
export type SenderAction =
  | 'typing_on'
  | 'sending_photo'
  | 'sending_video'
  | 'sending_audio'
  | 'sending_file'
  | 'mark_seen';

/**
 * Every {@link SenderAction}, in schema order.
 *
 * @example
 * SENDER_ACTIONS.includes('mark_seen'); // true
 */
export const SENDER_ACTIONS = [
  'typing_on',
  'sending_photo',
  'sending_video',
  'sending_audio',
  'sending_file',
  'mark_seen',
] as const;
type _SenderActionsMatch = Assert<SameMembers<(typeof SENDER_ACTIONS)[number], SenderAction>>;

/**
 * Body of `sendAction`.
 *
 * @example
 * const body: ActionRequestBody = { action: 'typing_on' };
 */
export interface ActionRequestBody {
  action: SenderAction;
}

/**
 * Body of `pinMessage`.
 *
 * @example
 * const body: PinMessageBody = { message_id: 'mid.0000000000001a2b', notify: false };
 */
export interface PinMessageBody {
  message_id: string;
  /** Post a system message about the pin (server default `true`). */
  notify?: boolean | null;
}

/**
 * Answer of `getPinnedMessage`; `message` is `null` (or absent) when nothing is pinned.
 *
 * @example
 * const none: GetPinnedMessageResult = { message: null };
 */
export interface GetPinnedMessageResult {
  message?: Message | null;
}

/**
 * Body of `addMembers`.
 *
 * @example
 * const body: UserIdsList = { user_ids: [590_123_456, 590_654_321] };
 */
export interface UserIdsList {
  user_ids: readonly number[];
}
