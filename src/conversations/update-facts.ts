/**
 * What the engine reads off an update: the answer's text or payload, a command, an id to
 * recognise a redelivery by.
 */
import type { MessageCallbackUpdate, MessageCreatedUpdate } from '../types/index';
import type { MaxMessageCallbackUpdate, MaxMessageCreatedUpdate } from '../types/max/index';
import type { ConversationUpdate } from './conversation';

function isNewMessage(update: ConversationUpdate): update is MessageCreatedUpdate | MaxMessageCreatedUpdate {
  return update.update_type === 'message_created' && 'message' in update;
}

function isPress(update: ConversationUpdate): update is MessageCallbackUpdate | MaxMessageCallbackUpdate {
  return update.update_type === 'message_callback' && 'callback' in update;
}

/**
 * The trimmed text of a new message; `undefined` for anything else or an empty text.
 *
 * @example
 * textOf(textMessage(' Ann ')); // 'Ann'
 */
export function textOf(update: ConversationUpdate): string | undefined {
  if (!isNewMessage(update)) return undefined;
  const text = update.message.body.text?.trim();
  return text === undefined || text === '' ? undefined : text;
}

/**
 * The payload of a pressed callback button; `undefined` for anything else.
 *
 * @example
 * payloadOf(pressButton(message, 'M')); // 'size:M'
 */
export function payloadOf(update: ConversationUpdate): string | undefined {
  return isPress(update) ? (update.callback.payload ?? undefined) : undefined;
}

/**
 * The callback id of a button press; `undefined` for anything else.
 *
 * @example
 * callbackIdOf(pressButton(message, 'M')); // 'cb.…'
 */
export function callbackIdOf(update: ConversationUpdate): string | undefined {
  return isPress(update) ? update.callback.callback_id : undefined;
}

/**
 * `true` when the update is a new message with this command (`'/cancel'`), also addressed to a
 * bot (`/cancel@shop_bot`) or with arguments; the name is compared ignoring case.
 *
 * @example
 * commandMatches('/cancel', textMessage('/Cancel now')); // true
 */
export function commandMatches(command: string, update: ConversationUpdate): boolean {
  const text = textOf(update);
  if (text === undefined) return false;
  const word = text.split(/\s/, 1)[0] ?? '';
  const name = word.split('@', 1)[0] ?? '';
  return name.toLowerCase() === command.toLowerCase();
}

/**
 * An id naming this update among the redeliveries of the same one: the message id of a new
 * message, the callback id of a press, else `null` (nothing to compare).
 *
 * @example
 * updateIdOf(textMessage('hi')); // 'm:mid.…'
 */
export function updateIdOf(update: ConversationUpdate): string | null {
  if (isNewMessage(update)) return `m:${update.message.body.mid}`;
  if (isPress(update)) return `c:${update.callback.callback_id}`;
  return null;
}
