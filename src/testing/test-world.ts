/**
 * The people and chats test data uses by default: read from the emulator's default world
 * (the one fixture both use), so unit tests and emulator tests talk about the same Alice.
 */
import {
  DEFAULT_WORLD,
  DEFAULT_WORLD_BOT,
  DEFAULT_WORLD_IDS,
  DEFAULT_WORLD_USERS,
} from '../emulator/fixtures/default-world';
import { DIALOG_ID_BASE, dialogIdFor, dialogUserFor } from '../emulator/state/ids';
import type { BotInfo, Recipient, User } from '../types/index';

/**
 * Default start of the factories' clock: 2024-06-01T12:00:00.000Z in ms.
 *
 * @example
 * createUpdateFactory().messageCreated().timestamp; // TEST_EPOCH + 1000
 */
export const TEST_EPOCH = Date.UTC(2024, 5, 1, 12, 0, 0);

const user = (
  fixture: { readonly userId: number; readonly name: string; readonly username: string | null },
  is_bot = false,
): User =>
  Object.freeze({
    user_id: fixture.userId,
    name: fixture.name,
    username: fixture.username,
    is_bot,
    last_activity_time: TEST_EPOCH,
  });

/**
 * The bot and three users (frozen), with the emulator's default-world ids.
 * Alice is the default sender of every factory.
 *
 * @example
 * messageCreated({ message: { sender: TEST_USERS.bob } });
 */
export const TEST_USERS = Object.freeze({
  bot: user(DEFAULT_WORLD_BOT, true),
  alice: user(DEFAULT_WORLD_USERS.alice),
  bob: user(DEFAULT_WORLD_USERS.bob),
  carol: user(DEFAULT_WORLD_USERS.carol),
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
  dialogWithAlice: Object.freeze<Recipient>({
    chat_id: DEFAULT_WORLD_IDS.dialogWithAlice,
    chat_type: 'dialog',
    user_id: DEFAULT_WORLD_IDS.bot,
  }),
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
export const TEST_DIALOGS: ReadonlyMap<number, number> = new Map(
  (DEFAULT_WORLD.chats ?? []).flatMap((chat) =>
    chat.type === 'dialog' && chat.chatId !== undefined ? [[chat.userId, chat.chatId] as const] : [],
  ),
);

/**
 * The id of the dialog between `userId` and the bot in test data: Alice's from the default
 * world, for anyone else `80_000_000_000 + userId`, the id the emulator gives a new dialog.
 * Every factory, the fake api and the emulator agree on it.
 *
 * @example
 * testDialogId(TEST_USERS.bob.user_id); // 80500000102
 */
export function testDialogId(userId: number): number {
  return TEST_DIALOGS.get(userId) ?? dialogIdFor(userId) ?? DIALOG_ID_BASE + userId;
}

/**
 * The user of a test dialog id (the inverse of {@link testDialogId}), or `null`.
 *
 * @example
 * testDialogUser(80_500_000_102); // 500000102
 */
export function testDialogUser(chatId: number): number | null {
  for (const [userId, dialogId] of TEST_DIALOGS) if (dialogId === chatId) return userId;
  return dialogUserFor(chatId);
}

/**
 * The test bot's profile as `getMyInfo` answers it (a fake api's default).
 *
 * @example
 * createFakeApi({ bot: { ...TEST_BOT_INFO, username: 'weather_bot' } });
 */
export const TEST_BOT_INFO: BotInfo = Object.freeze({
  ...TEST_USERS.bot,
  description: DEFAULT_WORLD_BOT.description,
  commands: DEFAULT_WORLD_BOT.commands.map((command) => ({ ...command })),
});
