/**
 * Ready-to-use update factories backed by one shared {@link UpdateFactory}.
 */
import type {
  Message,
  MessageCallbackUpdate,
  MessageCreatedUpdate,
  NewMessageBody,
  Recipient,
  UpdateByType,
  UpdateOf,
  UpdateType,
  User,
} from '../types/index';
import type { DeepPartial } from './deep-merge';
import type { ButtonSelector } from './find-button';
import {
  type BotMessageOptions,
  type PressButtonOptions,
  type UpdateFactory,
  type UserMessageOptions,
  createUpdateFactory,
} from './update-factory';
import { type MaxUpdateFactory, maxUpdateFactoryOver } from './max/max-update-factory';

const shared: UpdateFactory = createUpdateFactory({ idSpace: 0 });

/**
 * Ready-made Max updates, for a Max bot and `createFakeApi({ dialect: 'max' })`: every Max
 * update type with Max users (`first_name`), including the dialog events only Max has. It
 * shares ids and clock with the TamTam factories here (`resetUpdateFactories()` resets it too).
 *
 * @example
 * const api = createFakeApi({ dialect: 'max' });
 * bot(api, of(maxUpdates.textMessage('/start'), maxUpdates.dialogMuted(), maxUpdates.botStopped())).subscribe();
 */
export const maxUpdates: MaxUpdateFactory = maxUpdateFactoryOver(shared);

/**
 * Any update by type with deep overrides over realistic defaults (fresh ids, next timestamp).
 *
 * @example
 * const press = createUpdate('message_callback', { callback: { payload: 'vote:yes' } });
 */
export function createUpdate<T extends UpdateType>(type: T, overrides?: DeepPartial<UpdateOf<T>>): UpdateOf<T> {
  return shared.update(type, overrides);
}

/**
 * A `message_created`: by default Alice writes "Hello" to the bot in her dialog.
 *
 * @example
 * messageCreated({ message: { body: { text: '/start' } } });
 */
export const messageCreated = (
  overrides?: DeepPartial<UpdateByType['message_created']>,
): UpdateByType['message_created'] => shared.messageCreated(overrides);

/**
 * A `message_callback`: by default Alice presses "OK" (payload `ok`) under a bot message.
 * To press a button of a real message, use {@link pressButton}.
 *
 * @example
 * messageCallback({ callback: { payload: 'menu:help' } });
 */
export const messageCallback = (
  overrides?: DeepPartial<UpdateByType['message_callback']>,
): UpdateByType['message_callback'] => shared.messageCallback(overrides);

/**
 * A `message_edited`: by default one of Alice's messages in her dialog.
 *
 * @example
 * messageEdited({ message: { body: { text: 'fixed typo' } } });
 */
export const messageEdited = (
  overrides?: DeepPartial<UpdateByType['message_edited']>,
): UpdateByType['message_edited'] => shared.messageEdited(overrides);

/**
 * A `message_removed`: by default Alice deleted a message in her dialog.
 *
 * @example
 * messageRemoved({ message_id: 'mid.0000000000000001' });
 */
export const messageRemoved = (
  overrides?: DeepPartial<UpdateByType['message_removed']>,
): UpdateByType['message_removed'] => shared.messageRemoved(overrides);

/**
 * A `bot_added`: by default Alice added the bot to the test group.
 *
 * @example
 * botAdded({ chat_id: TEST_CHATS.channel.chat_id ?? 0, is_channel: true });
 */
export const botAdded = (overrides?: DeepPartial<UpdateByType['bot_added']>): UpdateByType['bot_added'] =>
  shared.botAdded(overrides);

/**
 * A `bot_removed`: by default Alice removed the bot from the test group.
 *
 * @example
 * botRemoved({ user: TEST_USERS.bob });
 */
export const botRemoved = (overrides?: DeepPartial<UpdateByType['bot_removed']>): UpdateByType['bot_removed'] =>
  shared.botRemoved(overrides);

/**
 * A `user_added`: by default Alice added Bob to the test group.
 *
 * @example
 * userAdded({ user: TEST_USERS.carol, inviter_id: null }); // joined by link
 */
export const userAdded = (overrides?: DeepPartial<UpdateByType['user_added']>): UpdateByType['user_added'] =>
  shared.userAdded(overrides);

/**
 * A `user_removed`: by default Alice removed Bob from the test group.
 *
 * @example
 * userRemoved({ admin_id: undefined }); // Bob left on his own
 */
export const userRemoved = (overrides?: DeepPartial<UpdateByType['user_removed']>): UpdateByType['user_removed'] =>
  shared.userRemoved(overrides);

/**
 * A `bot_started`: by default Alice pressed Start without a deep-link payload.
 *
 * @example
 * botStarted({ payload: 'ref-42' });
 */
export const botStarted = (overrides?: DeepPartial<UpdateByType['bot_started']>): UpdateByType['bot_started'] =>
  shared.botStarted(overrides);

/**
 * A `chat_title_changed`: by default Alice renamed the test group.
 *
 * @example
 * chatTitleChanged({ title: 'Release crew' });
 */
export const chatTitleChanged = (
  overrides?: DeepPartial<UpdateByType['chat_title_changed']>,
): UpdateByType['chat_title_changed'] => shared.chatTitleChanged(overrides);

/**
 * A `message_construction_request`: by default Alice just opened the constructor.
 *
 * @example
 * messageConstructionRequest({ input: { input_type: 'callback', payload: 'next' } });
 */
export const messageConstructionRequest = (
  overrides?: DeepPartial<UpdateByType['message_construction_request']>,
): UpdateByType['message_construction_request'] => shared.messageConstructionRequest(overrides);

/**
 * A `message_constructed`: by default Alice posted a constructed message.
 *
 * @example
 * messageConstructed({ session_id: 'cs.00000001' });
 */
export const messageConstructed = (
  overrides?: DeepPartial<UpdateByType['message_constructed']>,
): UpdateByType['message_constructed'] => shared.messageConstructed(overrides);

/**
 * A `message_chat_created`: by default a chat button made a new group chat.
 *
 * @example
 * messageChatCreated({ start_payload: 'release-482' });
 */
export const messageChatCreated = (
  overrides?: DeepPartial<UpdateByType['message_chat_created']>,
): UpdateByType['message_chat_created'] => shared.messageChatCreated(overrides);

/**
 * A user writes `text`: by default Alice, in her dialog with the bot.
 *
 * @example
 * textMessage('/poll Pizza?', { from: TEST_USERS.bob, chat: TEST_CHATS.group });
 */
export function textMessage(text: string | null, options?: UserMessageOptions): MessageCreatedUpdate {
  return shared.textMessage(text, options);
}

/**
 * The message the bot would have produced by sending `body` (the bot as sender, a fresh mid,
 * keyboards as received), e.g. to press its buttons.
 *
 * @example
 * const menu = botMessage({ text: 'Menu', attachments: [inlineKeyboard([[callbackButton('Help', 'help')]])] });
 * const press = pressButton(menu, 'Help');
 */
export function botMessage(body: string | NewMessageBody, options?: BotMessageOptions): Message {
  return shared.botMessage(body, options);
}

/**
 * A `message_callback` for pressing a callback button of `message`'s keyboard, chosen by
 * text or payload. Pair it with the message a fake api recorded: `pressButton(api.lastSent().message, 'Yes')`.
 *
 * @example
 * const press = pressButton(api.lastSent().message, '👍 0', { by: TEST_USERS.bob });
 */
export function pressButton(
  message: Message,
  selector: ButtonSelector,
  options?: PressButtonOptions,
): MessageCallbackUpdate {
  return shared.pressButton(message, selector, options);
}

/**
 * The dialog between `user` and the bot, as a message recipient.
 *
 * @example
 * textMessage('hi', { from: TEST_USERS.bob, chat: dialogWith(TEST_USERS.bob) });
 */
export function dialogWith(user: User): Recipient {
  return shared.dialogWith(user);
}

/**
 * Restarts the shared factory's ids and clock, for tests that compare exact ids or timestamps.
 *
 * @example
 * beforeEach(() => resetUpdateFactories());
 */
export function resetUpdateFactories(): void {
  shared.reset();
}
