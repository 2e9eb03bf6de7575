/**
 * Updates (events) the bot receives by long polling or webhook, discriminated by `update_type`.
 */
import type { Callback } from './callback';
import type { Chat } from './chat';
import type { ConstructedMessage, ConstructorInput } from './constructor';
import type { Message } from './message';
import type { User, UserWithPhoto } from './user';
import type { Assert, SameMembers } from './type-checks';

/**
 * Fields every update has.
 *
 * @example
 * const base: UpdateBase<'bot_started'> = { update_type: 'bot_started', timestamp: 1_717_000_000_000 };
 */
export interface UpdateBase<T extends string> {
  update_type: T;
  /** When the event happened, ms since epoch. */
  timestamp: number;
}

/**
 * Someone sent a message the bot can see.
 *
 * @example
 * if (update.update_type === 'message_created') console.log(update.message.body.text);
 */
export interface MessageCreatedUpdate extends UpdateBase<'message_created'> {
  message: Message;
  /** IETF BCP 47 locale of the sender; dialogs only. */
  user_locale?: string | null;
}

/**
 * A user pressed a callback button; answer it with `answerOnCallback`.
 *
 * @example
 * if (update.update_type === 'message_callback') console.log(update.callback.payload);
 */
export interface MessageCallbackUpdate extends UpdateBase<'message_callback'> {
  callback: Callback;
  /** The message holding the keyboard; `null` if it was deleted meanwhile. */
  message: Message | null;
  user_locale?: string | null;
}

/**
 * A message was edited.
 *
 * @example
 * if (update.update_type === 'message_edited') console.log(update.message.body.mid);
 */
export interface MessageEditedUpdate extends UpdateBase<'message_edited'> {
  message: Message;
}

/**
 * A message was deleted.
 *
 * @example
 * if (update.update_type === 'message_removed') console.log(update.message_id);
 */
export interface MessageRemovedUpdate extends UpdateBase<'message_removed'> {
  message_id: string;
  chat_id: number;
  /** Who deleted it. */
  user_id: number;
}

/**
 * The bot was added to a chat or channel.
 *
 * @example
 * if (update.update_type === 'bot_added') console.log(update.chat_id, update.is_channel);
 */
export interface BotAddedToChatUpdate extends UpdateBase<'bot_added'> {
  chat_id: number;
  /** Who added the bot. */
  user: User;
  is_channel: boolean;
}

/**
 * The bot was removed from a chat or channel.
 *
 * @example
 * if (update.update_type === 'bot_removed') forget(update.chat_id);
 */
export interface BotRemovedFromChatUpdate extends UpdateBase<'bot_removed'> {
  chat_id: number;
  /** Who removed the bot. */
  user: User;
  is_channel: boolean;
}

/**
 * A user joined a chat where the bot is admin.
 *
 * @example
 * if (update.update_type === 'user_added') greet(update.user);
 */
export interface UserAddedToChatUpdate extends UpdateBase<'user_added'> {
  chat_id: number;
  /** The new member. */
  user: User;
  /** Who invited them; `null` when they joined by link. */
  inviter_id?: number | null;
  is_channel: boolean;
}

/**
 * A user left or was removed from a chat where the bot is admin.
 *
 * @example
 * if (update.update_type === 'user_removed') console.log(update.user.name, update.admin_id);
 */
export interface UserRemovedFromChatUpdate extends UpdateBase<'user_removed'> {
  chat_id: number;
  /** The former member. */
  user: User;
  /** Admin who removed them; absent when they left on their own. */
  admin_id?: number;
  is_channel: boolean;
}

/**
 * A user pressed "Start" in a dialog with the bot (possibly via a deep link).
 *
 * @example
 * if (update.update_type === 'bot_started') console.log(update.payload ?? 'no deep-link payload');
 */
export interface BotStartedUpdate extends UpdateBase<'bot_started'> {
  /** The dialog's id. */
  chat_id: number;
  user: User;
  /** Deep-link payload, up to 512 chars. */
  payload?: string | null;
  user_locale?: string;
}

/**
 * A chat's title changed.
 *
 * @example
 * if (update.update_type === 'chat_title_changed') console.log(update.title);
 */
export interface ChatTitleChangedUpdate extends UpdateBase<'chat_title_changed'> {
  chat_id: number;
  /** Who changed it. */
  user: User;
  title: string;
}

/**
 * In constructor mode the user typed something or pressed a button; answer with `construct`.
 * (The schema names this object `MessageConstructionRequest`.)
 *
 * @example
 * if (update.update_type === 'message_construction_request') console.log(update.session_id);
 */
export interface MessageConstructionRequest extends UpdateBase<'message_construction_request'> {
  user: UserWithPhoto;
  user_locale?: string;
  /** Pass to `construct`. */
  session_id: string;
  /** `data` from the previous `ConstructorAnswer`. */
  data?: string | null;
  input: ConstructorInput;
}

/**
 * Alias of {@link MessageConstructionRequest}, named like the other updates.
 *
 * @example
 * const u: MessageConstructionRequestUpdate = sampleUpdates.message_construction_request;
 */
export type MessageConstructionRequestUpdate = MessageConstructionRequest;

/**
 * A message built in constructor mode was posted to a chat.
 *
 * @example
 * if (update.update_type === 'message_constructed') console.log(update.message.body.mid);
 */
export interface MessageConstructedUpdate extends UpdateBase<'message_constructed'> {
  session_id: string;
  message: ConstructedMessage;
}

/**
 * A chat button was pressed for the first time and its chat now exists.
 *
 * @example
 * if (update.update_type === 'message_chat_created') console.log(update.chat.chat_id, update.start_payload);
 */
export interface MessageChatCreatedUpdate extends UpdateBase<'message_chat_created'> {
  chat: Chat;
  /** The message holding the pressed button. */
  message_id: string;
  /** The button's `start_payload`. */
  start_payload?: string | null;
}

/**
 * Maps each `update_type` to its interface.
 *
 * @example
 * type Created = UpdateByType['message_created']; // MessageCreatedUpdate
 */
export interface UpdateByType {
  message_created: MessageCreatedUpdate;
  message_callback: MessageCallbackUpdate;
  message_edited: MessageEditedUpdate;
  message_removed: MessageRemovedUpdate;
  bot_added: BotAddedToChatUpdate;
  bot_removed: BotRemovedFromChatUpdate;
  user_added: UserAddedToChatUpdate;
  user_removed: UserRemovedFromChatUpdate;
  bot_started: BotStartedUpdate;
  chat_title_changed: ChatTitleChangedUpdate;
  message_construction_request: MessageConstructionRequest;
  message_constructed: MessageConstructedUpdate;
  message_chat_created: MessageChatCreatedUpdate;
}

/**
 * Every update type this version of the library knows.
 *
 * @example
 * const wanted: UpdateType[] = ['message_created', 'message_callback'];
 */
export type UpdateType = keyof UpdateByType;

/**
 * Any known update; narrow on `update_type`.
 *
 * @example
 * switch (update.update_type) {
 *   case 'message_created': return update.message;
 *   case 'bot_started': return update.user;
 * }
 */
export type Update = UpdateByType[UpdateType];

/**
 * The update interface for one `update_type`.
 *
 * @example
 * function onStart(update: UpdateOf<'bot_started'>) { return update.payload; }
 */
export type UpdateOf<T extends UpdateType> = UpdateByType[T];

/**
 * Every {@link UpdateType}, in schema order.
 *
 * @example
 * const csv = UPDATE_TYPES.join(','); // for `getUpdates?types=`
 */
export const UPDATE_TYPES = [
  'message_created',
  'message_callback',
  'message_edited',
  'message_removed',
  'bot_added',
  'bot_removed',
  'user_added',
  'user_removed',
  'bot_started',
  'chat_title_changed',
  'message_construction_request',
  'message_constructed',
  'message_chat_created',
] as const;
type _UpdateTypesMatch = Assert<SameMembers<(typeof UPDATE_TYPES)[number], UpdateType>>;

const knownUpdateTypes: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(UPDATE_TYPES);

/**
 * `true` when `value` is an update type this version knows.
 *
 * @example
 * isUpdateType('bot_started'); // true
 * isUpdateType('dialog_muted'); // false (newer server type)
 */
export function isUpdateType(value: unknown): value is UpdateType {
  return typeof value === 'string' && knownUpdateTypes.has(value);
}

/**
 * An update whose `update_type` this version does not know (sent by a newer server).
 * Deliberately not part of {@link Update}, so narrowing stays exact; update sources
 * report such updates separately instead of passing them off as known ones.
 *
 * @example
 * const raw: UnknownUpdate = { update_type: 'dialog_muted', timestamp: 1_717_000_000_000, chat_id: 1 };
 */
export interface UnknownUpdate {
  update_type: string;
  timestamp: number;
  [key: string]: unknown;
}

/**
 * One page of `getUpdates`. Pass `marker` back to commit this page and get the next.
 * The schema types `updates` as known updates; a source must still check each `update_type`.
 *
 * @example
 * const page: UpdateList = { updates: [], marker: 1_234 };
 */
export interface UpdateList {
  updates: Update[];
  marker: number | null;
}
