/**
 * Messages as received, and the bodies a bot sends.
 */
import type { Attachment } from './attachment';
import type { AttachmentRequest } from './attachment-request';
import type { ChatType } from './chat';
import type { MarkupElement } from './markup';
import type { User } from './user';
import type { Assert, SameMembers } from './type-checks';

/**
 * Where a message went: a chat (`chat_id`) and, in dialogs, the user.
 *
 * @example
 * const to: Recipient = { chat_id: 81_234_567, chat_type: 'dialog', user_id: 590_123_456 };
 */
export interface Recipient {
  chat_id: number | null;
  chat_type: ChatType;
  user_id: number | null;
}

/**
 * A message in a chat.
 *
 * @example
 * const msg: Message = {
 *   sender: alice,
 *   recipient: { chat_id: 81_234_567, chat_type: 'dialog', user_id: 590_999_000 },
 *   timestamp: 1_717_000_000_000,
 *   body: { mid: 'mid.0000000000001a2b', seq: 112_233, text: 'hi', attachments: null },
 * };
 */
export interface Message {
  /** Author; absent for posts made on behalf of a channel. */
  sender?: User;
  recipient: Recipient;
  /** ms since epoch. */
  timestamp: number;
  /** The forwarded or replied-to message. */
  link?: LinkedMessage | null;
  body: MessageBody;
  /** View counter; channels only, in `getMessages`. */
  stat?: MessageStat | null;
  /** Public link; `null` in dialogs and private chats. */
  url?: string | null;
  // The wire field `constructor` (the bot-constructor that built the message) is left out on
  // purpose: every JS object inherits `constructor` from Object.prototype, so declaring it
  // would break assignability of ordinary literals and lie at runtime when the field is absent.
  // Read it with `getMessageConstructor(message)`.
}

/**
 * The bot-constructor (a bot user) that built `message`, or `null` when there is none.
 * Reads the wire field `constructor` safely: only an own property that looks like a user
 * counts, never the inherited `Object.prototype.constructor`.
 *
 * @example
 * const author = getMessageConstructor(update.message);
 * if (author) console.log(`built by ${author.name}`);
 */
export function getMessageConstructor(message: Message): User | null {
  if (!Object.hasOwn(message, 'constructor')) return null;
  const value: unknown = (message as unknown as Record<string, unknown>)['constructor'];
  if (typeof value !== 'object' || value === null) return null;
  const candidate = value as Record<string, unknown>;
  return typeof candidate['user_id'] === 'number' && typeof candidate['name'] === 'string' ? (value as User) : null;
}

/**
 * Content of a received message: text, attachments and formatting.
 *
 * @example
 * const body: MessageBody = {
 *   mid: 'mid.0000000000001a2b',
 *   seq: 112_233,
 *   text: 'Hello *world*',
 *   attachments: null,
 *   markup: [{ type: 'emphasized', from: 6, length: 5 }],
 * };
 */
export interface MessageBody {
  /** Message id, used by edit/delete/pin and replies. */
  mid: string;
  /** Position of the message within its chat. */
  seq: number;
  text: string | null;
  attachments: Attachment[] | null;
  /** Formatting ranges over `text`. */
  markup?: MarkupElement[] | null;
}

/**
 * Counters of a channel post.
 *
 * @example
 * const stat: MessageStat = { views: 1520 };
 */
export interface MessageStat {
  views: number;
}

/**
 * Answer of `getMessages`.
 *
 * @example
 * const list: MessageList = { messages: [] };
 */
export interface MessageList {
  messages: Message[];
}

/**
 * How the server parses `text` of a message the bot sends.
 *
 * @example
 * const body: NewMessageBody = { text: '**bold**', format: 'markdown', attachments: null, link: null };
 */
export type TextFormat = 'markdown' | 'html';

/**
 * Every {@link TextFormat}.
 *
 * @example
 * TEXT_FORMATS.includes('html'); // true
 */
export const TEXT_FORMATS = ['markdown', 'html'] as const;
type _TextFormatsMatch = Assert<SameMembers<(typeof TEXT_FORMATS)[number], TextFormat>>;

/**
 * Whether a linked message is a `forward` or a `reply`.
 *
 * @example
 * const link: NewMessageLink = { type: 'reply', mid: 'mid.0000000000001a2b' };
 */
export type MessageLinkType = 'forward' | 'reply';

/**
 * Every {@link MessageLinkType}.
 *
 * @example
 * MESSAGE_LINK_TYPES; // ['forward', 'reply']
 */
export const MESSAGE_LINK_TYPES = ['forward', 'reply'] as const;
type _MessageLinkTypesMatch = Assert<SameMembers<(typeof MESSAGE_LINK_TYPES)[number], MessageLinkType>>;

/**
 * Body of `sendMessage` and `editMessage` (and of a callback answer's new message).
 * The schema lists `text`, `attachments` and `link` as required-but-nullable; the server
 * treats a missing field like `null`, so all three are optional here.
 *
 * @example
 * const body: NewMessageBody = { text: 'Pong', notify: false };
 */
export interface NewMessageBody {
  /** Up to 4000 chars. */
  text?: string | null;
  /** Attachments (uploads, keyboard, location...). */
  attachments?: readonly AttachmentRequest[] | null;
  /** Reply to or forward another message. */
  link?: NewMessageLink | null;
  /** `false` sends silently (server default `true`). */
  notify?: boolean;
  /** Parse `text` as markdown or html. */
  format?: TextFormat | null;
}

/**
 * Reference to an existing message to reply to or forward.
 *
 * @example
 * const reply: NewMessageLink = { type: 'reply', mid: 'mid.0000000000001a2b' };
 */
export interface NewMessageLink {
  type: MessageLinkType;
  mid: string;
}

/**
 * A forwarded or replied-to message embedded in another message.
 *
 * @example
 * const quoted: LinkedMessage = { type: 'reply', sender: alice, message: body };
 */
export interface LinkedMessage {
  type: MessageLinkType;
  /** Original author; absent for channel posts. */
  sender?: User;
  /** Chat of the original; forwards only. */
  chat_id?: number;
  message: MessageBody;
}

/**
 * Answer of `sendMessage`.
 *
 * @example
 * const sent: SendMessageResult = { message: msg };
 */
export interface SendMessageResult {
  message: Message;
}
