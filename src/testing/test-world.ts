/**
 * The people and chats test data uses by default: the same ids and names as the emulator's
 * default world, so unit tests and emulator tests talk about the same Alice.
 */
import { DEFAULT_WORLD_IDS } from '../emulator/fixtures/default-world';
import type { BotInfo, Recipient, User } from '../types/index';

/**
 * Default start of the factories' clock: 2024-06-01T12:00:00.000Z in ms.
 *
 * @example
 * createUpdateFactory().messageCreated().timestamp; // TEST_EPOCH + 1000
 */
export const TEST_EPOCH = Date.UTC(2024, 5, 1, 12, 0, 0);

const user = (user_id: number, name: string, username: string | null, is_bot = false): User =>
  Object.freeze({ user_id, name, username, is_bot, last_activity_time: TEST_EPOCH });

/**
 * The bot and three users (frozen), with the emulator's default-world ids.
 * Alice is the default sender of every factory.
 *
 * @example
 * messageCreated({ message: { sender: TEST_USERS.bob } });
 */
export const TEST_USERS = Object.freeze({
  bot: user(DEFAULT_WORLD_IDS.bot, 'Emulator Bot', 'emulator_bot', true),
  alice: user(DEFAULT_WORLD_IDS.alice, 'Alice Smith', 'alice'),
  bob: user(DEFAULT_WORLD_IDS.bob, 'Bob Brown', 'bob'),
  carol: user(DEFAULT_WORLD_IDS.carol, 'Carol White', null),
});

/**
 * Chats as message recipients (frozen): Alice's dialog with the bot, a group chat and a
 * channel, with the emulator's default-world ids. A message "in" a chat has it as `recipient`.
 *
 * @example
 * messageCreated({ message: { recipient: TEST_CHATS.group, sender: TEST_USERS.bob } });
 */
export const TEST_CHATS = Object.freeze({
  /** Alice's dialog with the bot, seen from Alice's side (`user_id` is the bot). */
  dialogWithAlice: Object.freeze<Recipient>({ chat_id: DEFAULT_WORLD_IDS.dialogWithAlice, chat_type: 'dialog', user_id: DEFAULT_WORLD_IDS.bot }),
  /** The group chat "Emulator Lounge". */
  group: Object.freeze<Recipient>({ chat_id: DEFAULT_WORLD_IDS.group, chat_type: 'chat', user_id: null }),
  /** The channel "Emulator News". */
  channel: Object.freeze<Recipient>({ chat_id: DEFAULT_WORLD_IDS.channel, chat_type: 'channel', user_id: null }),
});

/**
 * Dialog ids of the test users that have one in the emulator's default world (Alice).
 *
 * @example
 * TEST_DIALOGS.get(TEST_USERS.alice.user_id); // 80000000001
 */
export const TEST_DIALOGS: ReadonlyMap<number, number> = new Map([[DEFAULT_WORLD_IDS.alice, DEFAULT_WORLD_IDS.dialogWithAlice]]);

const DIALOG_BASE = 80_000_000_000;

/**
 * The id of the dialog between `userId` and the bot in test data: Alice's from the default
 * world, for anyone else `80_000_000_000 + userId`. Every factory and fake api agrees on it.
 *
 * @example
 * testDialogId(TEST_USERS.bob.user_id); // 80500000102
 */
export function testDialogId(userId: number): number {
  return TEST_DIALOGS.get(userId) ?? DIALOG_BASE + userId;
}

/**
 * The user of a test dialog id (the inverse of {@link testDialogId}), or `null`.
 *
 * @example
 * testDialogUser(80_500_000_102); // 500000102
 */
export function testDialogUser(chatId: number): number | null {
  for (const [userId, dialogId] of TEST_DIALOGS) if (dialogId === chatId) return userId;
  return chatId > DIALOG_BASE ? chatId - DIALOG_BASE : null;
}

/**
 * The test bot's profile as `getMyInfo` answers it (a fake api's default).
 *
 * @example
 * createFakeApi({ bot: { ...TEST_BOT_INFO, username: 'weather_bot' } });
 */
export const TEST_BOT_INFO: BotInfo = Object.freeze({
  ...TEST_USERS.bot,
  description: 'A bot under test',
  commands: [
    { name: 'start', description: 'Start the bot' },
    { name: 'help', description: 'What this bot can do' },
  ],
});
