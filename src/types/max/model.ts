/**
 * The Max Bot API model where it differs from TamTam's. Objects Max did not change (images,
 * photo/file/sticker/share/location payloads, link and request-contact buttons, most markup,
 * upload results...) are the TamTam types, imported from `../index`; everything that holds a
 * changed object (a user, a button, a contact, a recipient) has its own `Max…` type here, so a
 * Max message is Max all the way down.
 */
import type { Image } from '../common';
import type {
  AudioAttachmentRequest,
  ContactAttachmentRequest,
  FileAttachmentRequest,
  LocationAttachmentRequest,
  PhotoAttachmentRequest,
  PhotoAttachmentRequestPayload,
  ShareAttachmentRequest,
  StickerAttachmentRequest,
  VideoAttachmentRequest,
} from '../attachment-request';
import type {
  FileAttachment,
  LocationAttachment,
  MediaAttachmentPayload,
  PhotoAttachment,
  PhotoAttachmentPayload,
  ShareAttachment,
  StickerAttachment,
} from '../attachment';
import type { ButtonBase, LinkButton, RequestContactButton, RequestGeoLocationButton } from '../button';
import type { MarkupBase, MarkupElement } from '../markup';
import type { MessageLinkType, MessageStat, NewMessageLink, TextFormat } from '../message';
import type { BotCommand } from '../user';
import type { Assert, SameMembers } from '../type-checks';

// ── users ────────────────────────────────────────────────────────────────────────────────

/**
 * A Max user or bot. Max splits the display name: `first_name` is always there, `last_name`
 * may be; `name` is still sent but deprecated (read `first_name`/`last_name`).
 *
 * @example
 * const alice: MaxUser = {
 *   user_id: 590_123_456,
 *   first_name: 'Alice',
 *   last_name: null,
 *   name: 'Alice',
 *   username: null,
 *   is_bot: false,
 *   last_activity_time: 1_717_000_000_000,
 * };
 */
export interface MaxUser {
  user_id: number;
  first_name: string;
  last_name?: string | null;
  /** @deprecated Max keeps it for old clients; use `first_name` and `last_name`. */
  name?: string | null;
  /** Public `@name` without the `@`; `null` when unset. */
  username: string | null;
  is_bot: boolean;
  /** Last time seen online, ms since epoch. */
  last_activity_time: number;
}

/**
 * A Max user with profile text and avatar links.
 *
 * @example
 * const withPhoto: MaxUserWithPhoto = { ...alice, description: null, avatar_url: 'https://i.example.com/a.jpg' };
 */
export interface MaxUserWithPhoto extends MaxUser {
  description?: string | null;
  avatar_url?: string;
  full_avatar_url?: string;
}

/**
 * The bot's own profile on Max (`getMyInfo`; Max has no `editMyInfo`).
 *
 * @example
 * const me: MaxBotInfo = { ...botUser, commands: [{ name: 'start', description: 'Say hello' }] };
 */
export interface MaxBotInfo extends MaxUserWithPhoto {
  commands?: BotCommand[] | null;
}

// ── buttons and keyboards ─────────────────────────────────────────────────────────────────

/**
 * A callback button on Max: like TamTam's, without `intent`.
 *
 * @example
 * const yes: MaxCallbackButton = { type: 'callback', text: 'Yes', payload: 'vote:yes' };
 */
export interface MaxCallbackButton extends ButtonBase<'callback'> {
  /** Up to 1024 chars, sent back in `message_callback`. */
  payload: string;
}

/**
 * Opens a bot's mini-app.
 *
 * @example
 * const shop: OpenAppButton = { type: 'open_app', text: 'Open shop', web_app: 'shop_bot', payload: 'cart' };
 */
export interface OpenAppButton extends ButtonBase<'open_app'> {
  /** The bot (username or link) whose mini-app opens. */
  web_app?: string;
  /** The bot's id, as an alternative to `web_app`. */
  contact_id?: number;
  /** Start parameter handed to the mini-app. */
  payload?: string;
}

/**
 * Sends its `text` into the chat as the user's own message when pressed.
 *
 * @example
 * const help: MessageButton = { type: 'message', text: '/help' };
 */
export interface MessageButton extends ButtonBase<'message'> {}

/**
 * Copies `payload` to the user's clipboard when pressed.
 *
 * @example
 * const copy: ClipboardButton = { type: 'clipboard', text: 'Copy code', payload: 'PROMO-2026' };
 */
export interface ClipboardButton extends ButtonBase<'clipboard'> {
  /** Up to 1024 chars. */
  payload: string;
}

/**
 * Maps each Max inline button `type` to its interface (no `chat` button on Max).
 *
 * @example
 * type Copy = MaxButtonByType['clipboard']; // ClipboardButton
 */
export interface MaxButtonByType {
  callback: MaxCallbackButton;
  link: LinkButton;
  request_contact: RequestContactButton;
  request_geo_location: RequestGeoLocationButton;
  open_app: OpenAppButton;
  message: MessageButton;
  clipboard: ClipboardButton;
}

/**
 * A Max inline button type.
 *
 * @example
 * const t: MaxButtonType = 'open_app';
 */
export type MaxButtonType = keyof MaxButtonByType;

/**
 * Any Max inline button; narrow on `type`.
 *
 * @example
 * const row: MaxButton[] = [{ type: 'clipboard', text: 'Copy', payload: 'x' }];
 */
export type MaxButton = MaxButtonByType[MaxButtonType];

/**
 * Every {@link MaxButtonType}, in schema order.
 *
 * @example
 * MAX_BUTTON_TYPES.includes('chat' as MaxButtonType); // false
 */
export const MAX_BUTTON_TYPES = [
  'callback',
  'link',
  'request_contact',
  'request_geo_location',
  'open_app',
  'message',
  'clipboard',
] as const;
type _MaxButtonTypesMatch = Assert<SameMembers<(typeof MAX_BUTTON_TYPES)[number], MaxButtonType>>;

/**
 * Rows of Max inline buttons.
 *
 * @example
 * const kb: MaxKeyboard = { buttons: [[{ type: 'message', text: 'Hi' }]] };
 */
export interface MaxKeyboard {
  buttons: MaxButton[][];
}

/**
 * A reply-keyboard button that sends its text (and `payload`) as the user's message.
 *
 * @example
 * const b: SendMessageButton = { type: 'message', text: 'Menu', payload: 'menu' };
 */
export interface SendMessageButton {
  type?: 'message';
  /** 1–128 chars. */
  text: string;
  /** Up to 1024 chars; arrives as a `data` attachment. */
  payload?: string | null;
}

/**
 * A reply-keyboard button that shares the user's contact.
 *
 * @example
 * const b: SendContactButton = { type: 'user_contact', text: 'Share phone' };
 */
export interface SendContactButton {
  type: 'user_contact';
  text: string;
  payload?: string | null;
}

/**
 * A reply-keyboard button that shares the user's location (`quick`: without confirmation).
 *
 * @example
 * const b: SendGeoLocationButton = { type: 'user_geo_location', text: 'Where am I?', quick: true };
 */
export interface SendGeoLocationButton {
  type: 'user_geo_location';
  text: string;
  payload?: string | null;
  quick?: boolean;
}

/**
 * Any reply-keyboard button (shown in place of the user's keyboard).
 *
 * @example
 * const row: ReplyButton[] = [{ type: 'message', text: 'Yes' }, { type: 'message', text: 'No' }];
 */
export type ReplyButton = SendMessageButton | SendContactButton | SendGeoLocationButton;

// ── markup ───────────────────────────────────────────────────────────────────────────────

/**
 * A quoted range of text (Max only).
 *
 * @example
 * const q: QuoteMarkup = { type: 'quote', from: 0, length: 12 };
 */
export interface QuoteMarkup extends MarkupBase<'quote'> {}

/**
 * Any Max markup element: TamTam's plus `quote`.
 *
 * @example
 * const m: MaxMarkupElement[] = [{ type: 'quote', from: 0, length: 5 }, { type: 'strong', from: 6, length: 3 }];
 */
export type MaxMarkupElement = MarkupElement | QuoteMarkup;

// ── attachments ──────────────────────────────────────────────────────────────────────────

/**
 * A contact card's payload on Max: the Max profile in `max_info` (TamTam: `tam_info`) and a
 * `hash` that proves the user shared their own number.
 *
 * @example
 * const p: MaxContactAttachmentPayload = { vcf_info: 'BEGIN:VCARD…', max_info: bob, hash: 'f00d' };
 */
export interface MaxContactAttachmentPayload {
  vcf_info?: string | null;
  max_info?: MaxUser | null;
  hash?: string | null;
}

/**
 * A contact card in a Max message.
 *
 * @example
 * const a: MaxContactAttachment = { type: 'contact', payload: { vcf_info: null, max_info: bob } };
 */
export interface MaxContactAttachment {
  type: 'contact';
  payload: MaxContactAttachmentPayload;
}

/**
 * An audio clip on Max, with the server's speech-to-text `transcription` when it made one.
 *
 * @example
 * const a: MaxAudioAttachment = { type: 'audio', payload: { url: 'https://a.example.com/1', token: 't' }, transcription: 'call me' };
 */
export interface MaxAudioAttachment {
  type: 'audio';
  payload: MediaAttachmentPayload;
  transcription?: string | null;
}

/**
 * A video thumbnail on Max: just its URL.
 *
 * @example
 * const t: VideoThumbnail = { url: 'https://i.example.com/t.jpg' };
 */
export interface VideoThumbnail {
  url: string;
}

/**
 * A video on Max; sizes in pixels, `duration` in seconds. Details (playable URLs) come from
 * `getVideoAttachmentDetails` with the payload's token.
 *
 * @example
 * const a: MaxVideoAttachment = { type: 'video', payload: { url: 'https://v.example.com/1', token: 'vt1' }, thumbnail: { url: 'https://i.example.com/t.jpg' } };
 */
export interface MaxVideoAttachment {
  type: 'video';
  payload: MediaAttachmentPayload;
  thumbnail?: VideoThumbnail | null;
  width?: number | null;
  height?: number | null;
  duration?: number | null;
}

/**
 * An inline keyboard under a Max message.
 *
 * @example
 * const a: MaxInlineKeyboardAttachment = { type: 'inline_keyboard', payload: { buttons: [] } };
 */
export interface MaxInlineKeyboardAttachment {
  type: 'inline_keyboard';
  payload: MaxKeyboard;
}

/**
 * A reply keyboard the bot showed (Max).
 *
 * @example
 * const a: ReplyKeyboardAttachment = { type: 'reply_keyboard', buttons: [[{ type: 'message', text: 'Yes' }]] };
 */
export interface ReplyKeyboardAttachment {
  type: 'reply_keyboard';
  buttons: ReplyButton[][];
}

/**
 * The `payload` of a pressed reply-keyboard {@link SendMessageButton}, attached to the user's message.
 *
 * @example
 * const a: DataAttachment = { type: 'data', data: 'menu' };
 */
export interface DataAttachment {
  type: 'data';
  data: string;
}

/**
 * Maps each Max attachment `type` to its interface.
 *
 * @example
 * type Contact = MaxAttachmentByType['contact']; // MaxContactAttachment
 */
export interface MaxAttachmentByType {
  image: PhotoAttachment;
  video: MaxVideoAttachment;
  audio: MaxAudioAttachment;
  file: FileAttachment;
  sticker: StickerAttachment;
  contact: MaxContactAttachment;
  inline_keyboard: MaxInlineKeyboardAttachment;
  share: ShareAttachment;
  location: LocationAttachment;
  reply_keyboard: ReplyKeyboardAttachment;
  data: DataAttachment;
}

/**
 * A Max attachment type.
 *
 * @example
 * const t: MaxAttachmentType = 'data';
 */
export type MaxAttachmentType = keyof MaxAttachmentByType;

/**
 * Any attachment of a received Max message; narrow on `type`.
 *
 * @example
 * if (a.type === 'audio') console.log(a.transcription);
 */
export type MaxAttachment = MaxAttachmentByType[MaxAttachmentType];

/**
 * Attach an inline keyboard of Max buttons.
 *
 * @example
 * const a: MaxInlineKeyboardAttachmentRequest = { type: 'inline_keyboard', payload: { buttons: [[{ type: 'clipboard', text: 'Copy', payload: 'x' }]] } };
 */
export interface MaxInlineKeyboardAttachmentRequest {
  type: 'inline_keyboard';
  payload: { buttons: readonly (readonly MaxButton[])[] };
}

/**
 * Show a reply keyboard; `direct` shows it to one user (`direct_user_id`) only.
 *
 * @example
 * const a: ReplyKeyboardAttachmentRequest = { type: 'reply_keyboard', buttons: [[{ type: 'message', text: 'Yes' }]] };
 */
export interface ReplyKeyboardAttachmentRequest {
  type: 'reply_keyboard';
  buttons: readonly (readonly ReplyButton[])[];
  direct?: boolean;
  direct_user_id?: number | null;
}

/**
 * Maps each Max attachment request `type` to its interface.
 *
 * @example
 * type Kb = MaxAttachmentRequestByType['inline_keyboard']; // MaxInlineKeyboardAttachmentRequest
 */
export interface MaxAttachmentRequestByType {
  image: PhotoAttachmentRequest;
  video: VideoAttachmentRequest;
  audio: AudioAttachmentRequest;
  file: FileAttachmentRequest;
  sticker: StickerAttachmentRequest;
  contact: ContactAttachmentRequest;
  inline_keyboard: MaxInlineKeyboardAttachmentRequest;
  location: LocationAttachmentRequest;
  share: ShareAttachmentRequest;
  reply_keyboard: ReplyKeyboardAttachmentRequest;
}

/**
 * Anything a Max message can attach; narrow on `type`.
 *
 * @example
 * const a: MaxAttachmentRequest = { type: 'reply_keyboard', buttons: [[{ type: 'message', text: 'Menu' }]] };
 */
export type MaxAttachmentRequest = MaxAttachmentRequestByType[keyof MaxAttachmentRequestByType];

// ── chats ────────────────────────────────────────────────────────────────────────────────

/**
 * A Max chat type: the schema lists only `chat` (dialogs and channels are not told apart here).
 *
 * @example
 * const t: MaxChatType = 'chat';
 */
export type MaxChatType = 'chat';

/**
 * The bot's status in a Max chat (no `suspended`).
 *
 * @example
 * const s: MaxChatStatus = 'active';
 */
export type MaxChatStatus = 'active' | 'removed' | 'left' | 'closed';

/**
 * Every {@link MaxChatStatus}.
 *
 * @example
 * MAX_CHAT_STATUSES.length; // 4
 */
export const MAX_CHAT_STATUSES = ['active', 'removed', 'left', 'closed'] as const;
type _MaxChatStatusesMatch = Assert<SameMembers<(typeof MAX_CHAT_STATUSES)[number], MaxChatStatus>>;

/**
 * An admin right on Max: TamTam's six plus calls, link editing and finer message rights.
 *
 * @example
 * const rights: MaxChatAdminPermission[] = ['write', 'delete_message', 'can_call'];
 */
export type MaxChatAdminPermission =
  | 'read_all_messages'
  | 'add_remove_members'
  | 'add_admins'
  | 'change_chat_info'
  | 'pin_message'
  | 'write'
  | 'can_call'
  | 'edit_link'
  | 'post_edit_delete_message'
  | 'edit_message'
  | 'delete_message'
  | 'edit'
  | 'delete';

/**
 * Every {@link MaxChatAdminPermission}, in schema order.
 *
 * @example
 * MAX_CHAT_ADMIN_PERMISSIONS.includes('can_call'); // true
 */
export const MAX_CHAT_ADMIN_PERMISSIONS = [
  'read_all_messages',
  'add_remove_members',
  'add_admins',
  'change_chat_info',
  'pin_message',
  'write',
  'can_call',
  'edit_link',
  'post_edit_delete_message',
  'edit_message',
  'delete_message',
  'edit',
  'delete',
] as const;
type _MaxPermissionsMatch = Assert<SameMembers<(typeof MAX_CHAT_ADMIN_PERMISSIONS)[number], MaxChatAdminPermission>>;

/**
 * A chat activity the bot can show on Max (no `mark_seen`).
 *
 * @example
 * const a: MaxSenderAction = 'typing_on';
 */
export type MaxSenderAction = 'typing_on' | 'sending_photo' | 'sending_video' | 'sending_audio' | 'sending_file';

/**
 * A Max group chat or channel (no `chat_message_id`: Max has no chat buttons).
 *
 * @example
 * const chat: MaxChat = { chat_id: -7012345, type: 'chat', status: 'active', title: 'Team', icon: null, last_event_time: 1_717_000_000_000, participants_count: 12, is_public: false, description: null };
 */
export interface MaxChat {
  chat_id: number;
  type: MaxChatType;
  status: MaxChatStatus;
  title: string | null;
  icon: Image | null;
  last_event_time: number;
  participants_count: number;
  owner_id?: number | null;
  participants?: Record<string, number> | null;
  is_public: boolean;
  link?: string | null;
  description: string | null;
  dialog_with_user?: MaxUserWithPhoto | null;
  messages_count?: number | null;
  pinned_message?: MaxMessage | null;
}

/**
 * A membership in a Max chat; `alias` is the member's title shown in the chat.
 *
 * @example
 * const m: MaxChatMember = { ...alice, alias: 'moderator', last_access_time: 1, is_owner: false, is_admin: true, join_time: 1, permissions: ['write'] };
 */
export interface MaxChatMember extends MaxUserWithPhoto {
  alias?: string;
  last_access_time: number;
  is_owner: boolean;
  is_admin: boolean;
  join_time: number;
  permissions: MaxChatAdminPermission[] | null;
}

/**
 * One page of Max chat members.
 *
 * @example
 * const page: MaxChatMembersList = { members: [], marker: null };
 */
export interface MaxChatMembersList {
  members: MaxChatMember[];
  marker?: number | null;
}

/**
 * A user to make admin, with their rights (and optional title) — an item of `postAdmins`.
 *
 * @example
 * const admin: ChatAdmin = { user_id: 590_123_456, permissions: ['write', 'pin_message'], alias: 'editor' };
 */
export interface ChatAdmin {
  user_id: number;
  permissions: readonly MaxChatAdminPermission[];
  alias?: string;
}

/**
 * Body of `postAdmins`: who becomes admin (at most 50 admins per chat).
 *
 * @example
 * const body: ChatAdminsList = { admins: [{ user_id: 590_123_456, permissions: ['write'] }] };
 */
export interface ChatAdminsList {
  admins: readonly ChatAdmin[];
  marker?: number | null;
}

/**
 * Changes for `editChat` on Max (same fields as TamTam's).
 *
 * @example
 * const patch: MaxChatPatch = { title: 'Release crew' };
 */
export interface MaxChatPatch {
  icon?: PhotoAttachmentRequestPayload | null;
  title?: string | null;
  pin?: string | null;
  notify?: boolean | null;
}

// ── messages ─────────────────────────────────────────────────────────────────────────────

/**
 * Where a Max message went.
 *
 * @example
 * const to: MaxRecipient = { chat_id: 81_234_567, chat_type: 'chat', user_id: null };
 */
export interface MaxRecipient {
  chat_id: number | null;
  chat_type: MaxChatType;
  user_id: number | null;
}

/**
 * Content of a received Max message.
 *
 * @example
 * const body: MaxMessageBody = { mid: 'mid.1', seq: 1, text: '> hi', attachments: null, markup: [{ type: 'quote', from: 0, length: 4 }] };
 */
export interface MaxMessageBody {
  mid: string;
  seq: number;
  text: string | null;
  attachments: MaxAttachment[] | null;
  markup?: MaxMarkupElement[] | null;
}

/**
 * A forwarded or replied-to Max message.
 *
 * @example
 * const quoted: MaxLinkedMessage = { type: 'reply', sender: alice, message: body };
 */
export interface MaxLinkedMessage {
  type: MessageLinkType;
  sender?: MaxUser;
  chat_id?: number;
  message: MaxMessageBody;
}

/**
 * A message on Max (no constructor field: Max has no constructor mode).
 *
 * @example
 * const msg: MaxMessage = { sender: alice, recipient: { chat_id: 81, chat_type: 'chat', user_id: null }, timestamp: 1_717_000_000_000, body };
 */
export interface MaxMessage {
  sender?: MaxUser;
  recipient: MaxRecipient;
  timestamp: number;
  link?: MaxLinkedMessage | null;
  body: MaxMessageBody;
  stat?: MessageStat | null;
  url?: string | null;
}

/**
 * Answer of `getMessages` on Max.
 *
 * @example
 * const list: MaxMessageList = { messages: [] };
 */
export interface MaxMessageList {
  messages: MaxMessage[];
}

/**
 * Body of `sendMessage`/`editMessage` on Max: Max buttons and reply keyboards allowed.
 *
 * @example
 * const body: MaxNewMessageBody = { text: 'Pick one', attachments: [{ type: 'reply_keyboard', buttons: [[{ type: 'message', text: 'A' }]] }] };
 */
export interface MaxNewMessageBody {
  text?: string | null;
  attachments?: readonly MaxAttachmentRequest[] | null;
  link?: NewMessageLink | null;
  notify?: boolean;
  format?: TextFormat | null;
}

/**
 * Answer of `sendMessage` on Max.
 *
 * @example
 * const sent: MaxSendMessageResult = { message: msg };
 */
export interface MaxSendMessageResult {
  message: MaxMessage;
}

/**
 * Answer of `getPinnedMessage` on Max.
 *
 * @example
 * const pinned: MaxGetPinnedMessageResult = { message: null };
 */
export interface MaxGetPinnedMessageResult {
  message?: MaxMessage | null;
}

/**
 * A press of a Max callback button.
 *
 * @example
 * const cb: MaxCallback = { timestamp: 1_717_000_000_000, callback_id: 'cb.1', payload: 'vote:yes', user: alice };
 */
export interface MaxCallback {
  timestamp: number;
  callback_id: string;
  payload?: string;
  user: MaxUser;
}

/**
 * Body of `answerOnCallback` on Max.
 *
 * @example
 * const answer: MaxCallbackAnswer = { notification: 'Saved' };
 */
export interface MaxCallbackAnswer {
  message?: MaxNewMessageBody | null;
  notification?: string | null;
}

// ── uploads, videos, subscriptions ───────────────────────────────────────────────────────

/**
 * Where to upload a file on Max; for video and audio `token` is the attachment token to send.
 *
 * @example
 * const target: MaxUploadEndpoint = { url: 'https://vu.example.com/upload', token: 'vd-Tk1' };
 */
export interface MaxUploadEndpoint {
  url: string;
  token?: string;
}

/**
 * Playable URLs of a video by quality; each `null` when not available.
 *
 * @example
 * const urls: VideoUrls = { mp4_720: 'https://v.example.com/720.mp4', hls: null };
 */
export interface VideoUrls {
  mp4_1080?: string | null;
  mp4_720?: string | null;
  mp4_480?: string | null;
  mp4_360?: string | null;
  mp4_240?: string | null;
  mp4_144?: string | null;
  hls?: string | null;
}

/**
 * Answer of `getVideoAttachmentDetails`: a video's size, length and playable URLs.
 *
 * @example
 * const v: VideoAttachmentDetails = { token: 'vt1', width: 1280, height: 720, duration: 12, urls: { mp4_720: 'https://v.example.com/720.mp4' } };
 */
export interface VideoAttachmentDetails {
  token: string;
  width: number;
  height: number;
  /** Seconds. */
  duration: number;
  /** `null` when the video is not available. */
  urls?: VideoUrls | null;
  thumbnail?: PhotoAttachmentPayload | null;
}

/**
 * A Max webhook subscription (no `version`).
 *
 * @example
 * const sub: MaxSubscription = { url: 'https://bot.example.com/max', time: 1_717_000_000_000, update_types: null };
 */
export interface MaxSubscription {
  url: string;
  time: number;
  /** `null` means all; plain strings, as the server may list types this version does not know. */
  update_types: string[] | null;
}

/**
 * Answer of `getSubscriptions` on Max.
 *
 * @example
 * const result: MaxGetSubscriptionsResult = { subscriptions: [] };
 */
export interface MaxGetSubscriptionsResult {
  subscriptions: MaxSubscription[];
}
