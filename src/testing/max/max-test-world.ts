/**
 * The test world as a Max bot sees it: the same people, chats and ids as `TEST_USERS` and
 * `TEST_CHATS`, in Max's wire shape (users with `first_name`/`last_name`, every chat of type
 * `chat`).
 */
import type { MaxBotInfo, MaxRecipient } from '../../types/index';
import { TEST_BOT_INFO, TEST_CHATS, TEST_USERS } from '../test-world';
import { toMaxUser } from './max-wire';

/**
 * The bot and the people of the test world as Max users (the ids of `TEST_USERS`).
 *
 * @example
 * MAX_TEST_USERS.alice.first_name; // 'Alice'
 * maxUpdates.textMessage('hi', { from: MAX_TEST_USERS.bob });
 */
export const MAX_TEST_USERS = Object.freeze({
  bot: Object.freeze(toMaxUser(TEST_USERS.bot)),
  alice: Object.freeze(toMaxUser(TEST_USERS.alice)),
  bob: Object.freeze(toMaxUser(TEST_USERS.bob)),
  carol: Object.freeze(toMaxUser(TEST_USERS.carol)),
});

const maxRecipient = (recipient: (typeof TEST_CHATS)[keyof typeof TEST_CHATS]): MaxRecipient =>
  Object.freeze({ chat_id: recipient.chat_id, chat_type: 'chat', user_id: recipient.user_id });

/**
 * The chats of the test world as Max recipients (the ids of `TEST_CHATS`; Max calls every chat
 * `chat`, a dialog has the other side in `user_id`).
 *
 * @example
 * maxUpdates.textMessage('hi all', { from: MAX_TEST_USERS.bob, chat: MAX_TEST_CHATS.group });
 */
export const MAX_TEST_CHATS = Object.freeze({
  /** Alice's dialog with the bot, seen from Alice's side (`user_id` is the bot). */
  dialogWithAlice: maxRecipient(TEST_CHATS.dialogWithAlice),
  /** The group chat "Emulator Lounge". */
  group: maxRecipient(TEST_CHATS.group),
  /** The channel "Emulator News". */
  channel: maxRecipient(TEST_CHATS.channel),
});

/**
 * The test bot's profile as Max's `getMyInfo` answers it (a Max fake api's default).
 *
 * @example
 * createFakeApi({ dialect: 'max', bot: { ...MAX_TEST_BOT_INFO, first_name: 'Weather' } });
 */
export const MAX_TEST_BOT_INFO: MaxBotInfo = Object.freeze({
  ...MAX_TEST_USERS.bot,
  description: TEST_BOT_INFO.description ?? null,
  commands: (TEST_BOT_INFO.commands ?? []).map((command) => ({ ...command })),
});
