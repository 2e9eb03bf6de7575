/**
 * What the web chat page receives over `GET /_emulator/events`: emulator events reshaped for a
 * browser (one SSE `event:` name each, a JSON `data:` line).
 */
import type { Message, SenderAction, Update, UpdateType } from '../../types';
import type { EmulatorEvent } from '../state/events';

/**
 * Update types that change a chat's title, members or the bot's place in it; each becomes a
 * `chat_changed` stream event so pages refresh their chat lists.
 *
 * @example
 * CHAT_CHANGING_UPDATES.includes('chat_title_changed'); // true
 */
export const CHAT_CHANGING_UPDATES = [
  'bot_added',
  'bot_removed',
  'bot_started',
  'user_added',
  'user_removed',
  'chat_title_changed',
  'message_chat_created',
] as const satisfies readonly UpdateType[];

/**
 * One event of the page's live stream. `name` is the SSE `event:` field, `data` its JSON body.
 *
 * - `message_created` / `message_edited`: the message as the control API returns it.
 * - `message_removed`: which message disappeared.
 * - `callback_answered`: the bot answered a press of `userId`; `notification` is shown as a toast.
 * - `action`: the bot is typing (or sending a file, ...) in a chat.
 * - `chat_changed`: a chat's title, members or bot status changed (`change` is the update type).
 *
 * @example
 * const e: StreamEvent = { name: 'message_removed', data: { chatId: -1, messageId: 'mid.1' } };
 */
export type StreamEvent =
  | { name: 'message_created' | 'message_edited'; data: { chatId: number; message: Message } }
  | { name: 'message_removed'; data: { chatId: number; messageId: string } }
  | {
      name: 'callback_answered';
      data: { callbackId: string; userId: number; notification: string | null; editsMessage: boolean };
    }
  | { name: 'action'; data: { chatId: number; action: SenderAction } }
  | { name: 'chat_changed'; data: { chatId: number; change: (typeof CHAT_CHANGING_UPDATES)[number] } };

/**
 * Maps an emulator event to the page's stream event, or `undefined` for events the page does
 * not show (updates that only concern the bot).
 *
 * @example
 * toStreamEvent({ type: 'message_removed', chatId: -1, messageId: 'mid.1' });
 * // { name: 'message_removed', data: { chatId: -1, messageId: 'mid.1' } }
 */
export function toStreamEvent(event: EmulatorEvent): StreamEvent | undefined {
  switch (event.type) {
    case 'message_created':
    case 'message_edited':
      return { name: event.type, data: { chatId: event.chatId, message: event.message } };
    case 'message_removed':
      return { name: 'message_removed', data: { chatId: event.chatId, messageId: event.messageId } };
    case 'callback_answered':
      return {
        name: 'callback_answered',
        data: {
          callbackId: event.callbackId,
          userId: event.userId,
          notification: event.answer.notification ?? null,
          editsMessage: event.answer.message !== undefined && event.answer.message !== null,
        },
      };
    case 'action':
      return { name: 'action', data: { chatId: event.chatId, action: event.action } };
    case 'update':
      return chatChange(event.update);
  }
}

function chatChange(update: Update): StreamEvent | undefined {
  // Injected updates (`emulator.updates.inject`) may lack fields, so ids are checked at run time.
  let chatId: unknown;
  switch (update.update_type) {
    case 'bot_added':
    case 'bot_removed':
    case 'bot_started':
    case 'user_added':
    case 'user_removed':
    case 'chat_title_changed':
      chatId = update.chat_id;
      break;
    case 'message_chat_created':
      chatId = update.chat?.chat_id;
      break;
    default:
      return undefined;
  }
  return typeof chatId === 'number'
    ? { name: 'chat_changed', data: { chatId, change: update.update_type } }
    : undefined;
}
