import { chatIdOf, userIdOf } from '../operators/update-context';
import type { UpdateLike } from '../operators/update-like';

/**
 * The state key of the chat an update happened in: `chat:<id>` (dialogs are chats too), or
 * `null` when the update names no chat (constructor updates). One state for everyone in the chat.
 *
 * @example
 * const key = chatStateKey(update); // 'chat:42'
 * if (key !== null) await store.set(key, { lastCommand: '/order' });
 */
export function chatStateKey(update: UpdateLike): string | null {
  const chatId = chatIdOf(update);
  return chatId === null ? null : `chat:${chatId}`;
}

/**
 * The state key of the user who caused an update, in the chat it happened in:
 * `chat:<chatId>:user:<userId>`, so one person has a separate state in each group and in their
 * dialog with the bot. `null` when the update names no chat or no user.
 *
 * @example
 * const key = userStateKey(update); // 'chat:-7:user:101'
 */
export function userStateKey(update: UpdateLike): string | null {
  const chatId = chatIdOf(update);
  const userId = userIdOf(update);
  return chatId === null || userId === null ? null : `chat:${chatId}:user:${userId}`;
}
