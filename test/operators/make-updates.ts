/**
 * Small factories on top of the shared samples, for operator tests.
 */
import type { ChatType, MessageCallbackUpdate, MessageCreatedUpdate, BotStartedUpdate } from '../../src/types';
import { freshSampleUpdate, sampleUsers } from '../fixtures/updates';

let seq = 0;

/** A new message with `text` in chat `chatId` (a group chat unless `chatType` says otherwise). */
export function message(
  text: string | null,
  chatId = -100,
  options: { chatType?: ChatType; userId?: number } = {},
): MessageCreatedUpdate {
  const u = freshSampleUpdate('message_created');
  seq += 1;
  u.message.body = { ...u.message.body, text, mid: `mid.test.${seq}`, markup: null, attachments: null };
  u.message.recipient = { chat_id: chatId, chat_type: options.chatType ?? 'chat', user_id: null };
  if (options.userId !== undefined) u.message.sender = { ...sampleUsers.alice, user_id: options.userId };
  return u;
}

/** A press of a button with `payload` in chat `chatId`. */
export function press(payload: string | undefined, chatId = -100): MessageCallbackUpdate {
  const u = freshSampleUpdate('message_callback');
  if (payload === undefined) delete u.callback.payload;
  else u.callback.payload = payload;
  if (u.message) u.message.recipient = { chat_id: chatId, chat_type: 'chat', user_id: null };
  return u;
}

/** A `bot_started` with a deep-link payload (or none). */
export function started(payload: string | null | undefined): BotStartedUpdate {
  const u = freshSampleUpdate('bot_started');
  if (payload === undefined) delete u.payload;
  else u.payload = payload;
  return u;
}
