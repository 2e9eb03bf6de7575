/**
 * People and bots: users, users with avatars, the bot's own profile and its commands.
 */
import type { PhotoAttachmentRequestPayload } from './attachment-request';

/**
 * A TamTam user or bot as it appears in messages and updates.
 *
 * @example
 * const alice: User = {
 *   user_id: 590_123_456,
 *   name: 'Alice',
 *   username: null,
 *   is_bot: false,
 *   last_activity_time: 1_717_000_000_000,
 * };
 */
export interface User {
  user_id: number;
  /** Display name. */
  name: string;
  /** Public `@name` without the `@`; `null` when unset or hidden. */
  username: string | null;
  is_bot: boolean;
  /** Last time the user was seen online, ms since epoch (may lag if they hide their status). */
  last_activity_time: number;
}

/**
 * A user together with profile text and avatar links.
 *
 * @example
 * const withPhoto: UserWithPhoto = { ...alice, description: null, avatar_url: 'https://i.example.com/a.jpg' };
 */
export interface UserWithPhoto extends User {
  /** Profile text; `null` when the user wrote none. */
  description?: string | null;
  /** Small avatar. */
  avatar_url?: string;
  /** Large avatar. */
  full_avatar_url?: string;
}

/**
 * The bot's own profile, as returned by `getMyInfo` and `editMyInfo`.
 *
 * @example
 * const me: BotInfo = { ...botUser, commands: [{ name: 'start', description: 'Say hello' }] };
 */
export interface BotInfo extends UserWithPhoto {
  /** Commands the bot advertises (at most 32). */
  commands?: BotCommand[] | null;
}

/**
 * One command shown in the bot's command menu.
 *
 * @example
 * const help: BotCommand = { name: 'help', description: 'List what I can do' };
 */
export interface BotCommand {
  /** Command without the slash, 1–64 chars. */
  name: string;
  /** Optional hint, 1–128 chars. */
  description?: string | null;
}

/**
 * Changes to the bot's profile for `editMyInfo`; omitted fields stay as they are.
 *
 * @example
 * const patch: BotPatch = { name: 'Weather bot', commands: [{ name: 'today' }] };
 */
export interface BotPatch {
  /** New display name, 1–64 chars. */
  name?: string | null;
  /** New description, up to 16 000 chars. */
  description?: string | null;
  /** Replaces the whole command list; pass `[]` to clear it. */
  commands?: readonly BotCommand[] | null;
  /** New avatar: an uploaded photo, a token or a URL. */
  photo?: PhotoAttachmentRequestPayload | null;
}
