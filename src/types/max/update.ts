/**
 * Max updates. The ten update types both APIs share keep their names and fields, but carry
 * Max users and messages; Max adds five dialog events and has none of TamTam's constructor and
 * chat-button updates.
 */
import type { UpdateBase } from '../update';
import type { Assert, SameMembers } from '../type-checks';
import type { MaxCallback, MaxMessage, MaxUser } from './model';

/**
 * Someone sent a message the bot can see (Max).
 *
 * @example
 * if (u.update_type === 'message_created') console.log(u.message.body.text);
 */
export interface MaxMessageCreatedUpdate extends UpdateBase<'message_created'> {
  message: MaxMessage;
  user_locale?: string | null;
}

/**
 * A user pressed a callback button (Max); answer with `answerOnCallback`.
 *
 * @example
 * if (u.update_type === 'message_callback') console.log(u.callback.payload);
 */
export interface MaxMessageCallbackUpdate extends UpdateBase<'message_callback'> {
  callback: MaxCallback;
  message: MaxMessage | null;
  user_locale?: string | null;
}

/**
 * A message was edited (Max).
 *
 * @example
 * if (u.update_type === 'message_edited') console.log(u.message.body.mid);
 */
export interface MaxMessageEditedUpdate extends UpdateBase<'message_edited'> {
  message: MaxMessage;
}

/**
 * A message was deleted (Max).
 *
 * @example
 * if (u.update_type === 'message_removed') console.log(u.message_id, u.user_id);
 */
export interface MaxMessageRemovedUpdate extends UpdateBase<'message_removed'> {
  message_id: string;
  chat_id: number;
  user_id: number;
}

/**
 * The bot was added to a chat or channel (Max).
 *
 * @example
 * if (u.update_type === 'bot_added') console.log(u.chat_id);
 */
export interface MaxBotAddedUpdate extends UpdateBase<'bot_added'> {
  chat_id: number;
  user: MaxUser;
  is_channel: boolean;
}

/**
 * The bot was removed from a chat or channel (Max).
 *
 * @example
 * if (u.update_type === 'bot_removed') forget(u.chat_id);
 */
export interface MaxBotRemovedUpdate extends UpdateBase<'bot_removed'> {
  chat_id: number;
  user: MaxUser;
  is_channel: boolean;
}

/**
 * A user joined a chat (Max).
 *
 * @example
 * if (u.update_type === 'user_added') greet(u.user.first_name);
 */
export interface MaxUserAddedUpdate extends UpdateBase<'user_added'> {
  chat_id: number;
  user: MaxUser;
  inviter_id?: number | null;
  is_channel: boolean;
}

/**
 * A user left or was removed from a chat (Max).
 *
 * @example
 * if (u.update_type === 'user_removed') console.log(u.admin_id ?? 'left on their own');
 */
export interface MaxUserRemovedUpdate extends UpdateBase<'user_removed'> {
  chat_id: number;
  user: MaxUser;
  admin_id?: number;
  is_channel: boolean;
}

/**
 * A user started the bot, possibly through a deep link whose payload (up to 512 chars on Max)
 * arrives in `payload`.
 *
 * @example
 * if (u.update_type === 'bot_started') console.log(u.payload ?? 'no payload');
 */
export interface MaxBotStartedUpdate extends UpdateBase<'bot_started'> {
  chat_id: number;
  user: MaxUser;
  payload?: string | null;
  user_locale?: string;
}

/**
 * A chat's title changed (Max).
 *
 * @example
 * if (u.update_type === 'chat_title_changed') console.log(u.title);
 */
export interface MaxChatTitleChangedUpdate extends UpdateBase<'chat_title_changed'> {
  chat_id: number;
  user: MaxUser;
  title: string;
}

/**
 * Fields of the five Max dialog events: the dialog, the user, their locale.
 *
 * @example
 * const e: MaxDialogEvent<'bot_stopped'> = { update_type: 'bot_stopped', timestamp: 1, chat_id: 81, user: alice };
 */
export interface MaxDialogEvent<T extends string> extends UpdateBase<T> {
  /** The dialog with the bot. */
  chat_id: number;
  user: MaxUser;
  /** IETF BCP 47 locale of the user. */
  user_locale?: string;
}

/**
 * The user stopped (blocked) the bot in Max; messages to them fail until `bot_started`.
 *
 * @example
 * ofType('bot_stopped') // then forget the user's subscriptions
 */
export interface BotStoppedUpdate extends MaxDialogEvent<'bot_stopped'> {}

/**
 * The user cleared the history of their dialog with the bot.
 *
 * @example
 * if (u.update_type === 'dialog_cleared') resetConversation(u.chat_id);
 */
export interface DialogClearedUpdate extends MaxDialogEvent<'dialog_cleared'> {}

/**
 * The user muted notifications of the dialog until `muted_until` (ms since epoch).
 *
 * @example
 * if (u.update_type === 'dialog_muted') console.log(new Date(u.muted_until));
 */
export interface DialogMutedUpdate extends MaxDialogEvent<'dialog_muted'> {
  /** Muted until this time, ms since epoch. */
  muted_until: number;
}

/**
 * The user unmuted the dialog.
 *
 * @example
 * if (u.update_type === 'dialog_unmuted') console.log('notifications back on for', u.chat_id);
 */
export interface DialogUnmutedUpdate extends MaxDialogEvent<'dialog_unmuted'> {}

/**
 * The user deleted the dialog with the bot.
 *
 * @example
 * if (u.update_type === 'dialog_removed') forget(u.user.user_id);
 */
export interface DialogRemovedUpdate extends MaxDialogEvent<'dialog_removed'> {}

/**
 * Maps each Max `update_type` to its interface.
 *
 * @example
 * type Muted = MaxUpdateByType['dialog_muted']; // DialogMutedUpdate
 */
export interface MaxUpdateByType {
  message_created: MaxMessageCreatedUpdate;
  message_callback: MaxMessageCallbackUpdate;
  message_edited: MaxMessageEditedUpdate;
  message_removed: MaxMessageRemovedUpdate;
  bot_added: MaxBotAddedUpdate;
  bot_removed: MaxBotRemovedUpdate;
  user_added: MaxUserAddedUpdate;
  user_removed: MaxUserRemovedUpdate;
  bot_started: MaxBotStartedUpdate;
  bot_stopped: BotStoppedUpdate;
  dialog_cleared: DialogClearedUpdate;
  dialog_muted: DialogMutedUpdate;
  dialog_unmuted: DialogUnmutedUpdate;
  dialog_removed: DialogRemovedUpdate;
  chat_title_changed: MaxChatTitleChangedUpdate;
}

/**
 * Every Max update type.
 *
 * @example
 * const wanted: MaxUpdateType[] = ['bot_started', 'bot_stopped'];
 */
export type MaxUpdateType = keyof MaxUpdateByType;

/**
 * Any known Max update; narrow on `update_type`.
 *
 * @example
 * switch (u.update_type) { case 'dialog_muted': return u.muted_until; }
 */
export type MaxUpdate = MaxUpdateByType[MaxUpdateType];

/**
 * The Max update interface for one `update_type`.
 *
 * @example
 * function onMute(u: MaxUpdateOf<'dialog_muted'>) { return u.muted_until; }
 */
export type MaxUpdateOf<T extends MaxUpdateType> = MaxUpdateByType[T];

/**
 * Every {@link MaxUpdateType}, in schema order.
 *
 * @example
 * MAX_UPDATE_TYPES.includes('dialog_muted'); // true
 */
export const MAX_UPDATE_TYPES = [
  'message_created',
  'message_callback',
  'message_edited',
  'message_removed',
  'bot_added',
  'bot_removed',
  'user_added',
  'user_removed',
  'bot_started',
  'bot_stopped',
  'dialog_cleared',
  'dialog_muted',
  'dialog_unmuted',
  'dialog_removed',
  'chat_title_changed',
] as const;
type _MaxUpdateTypesMatch = Assert<SameMembers<(typeof MAX_UPDATE_TYPES)[number], MaxUpdateType>>;

/**
 * One page of `getUpdates` on Max. Without a marker Max answers only the latest update, so
 * keep passing the `marker` of the previous page.
 *
 * @example
 * const page: MaxUpdateList = { updates: [], marker: 1_234 };
 */
export interface MaxUpdateList {
  updates: MaxUpdate[];
  marker: number | null;
}

/**
 * Body of `subscribe` on Max. `secret` (5–256 of `A–Z a–z 0–9 _ -`) comes back in the
 * `X-Max-Bot-Api-Secret` header of every delivery; Max accepts only `https://` URLs on port 443
 * with a certificate from a trusted CA.
 *
 * @example
 * const body: MaxSubscriptionRequestBody = { url: 'https://bot.example.com/max', secret: process.env.HOOK_SECRET!, update_types: ['message_created'] };
 */
export interface MaxSubscriptionRequestBody {
  url: string;
  update_types?: readonly MaxUpdateType[];
  secret?: string;
}
