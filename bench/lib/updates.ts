/**
 * Realistic update objects for benchmarks: the shapes the emulator produces for a user writing
 * to the bot in a dialog, and for a button press.
 */
import type { MessageCallbackUpdate, MessageCreatedUpdate, User } from '../../src/types/index';

const BOT_ID = 500_000_001;

function user(index: number): User {
  return {
    user_id: 600_000_000 + index,
    name: `User ${index}`,
    username: `user${index}`,
    is_bot: false,
    last_activity_time: 1_717_000_000_000,
  };
}

/**
 * A `message_created` update from user `index % chats` in their dialog with the bot; `seq`
 * makes `mid` and the text unique.
 *
 * @example
 * messageCreated(7, 100).message.body.text; // 'm 7 7'
 */
export function messageCreated(seq: number, chats: number): MessageCreatedUpdate {
  const index = seq % chats;
  const now = 1_717_000_000_000 + seq;
  return {
    update_type: 'message_created',
    timestamp: now,
    message: {
      sender: user(index),
      recipient: { chat_id: 80_000_000 + index, chat_type: 'dialog', user_id: BOT_ID },
      timestamp: now,
      body: {
        mid: `mid.${seq.toString(16).padStart(16, '0')}`,
        seq,
        text: `m ${index} ${seq}`,
        attachments: null,
        markup: [],
      },
      url: null,
    },
    user_locale: 'en-US',
  };
}

/**
 * A `message_callback` update (a button press) whose payload is `payload`.
 *
 * @example
 * messageCallback(3, 'vote:yes').callback.payload; // 'vote:yes'
 */
export function messageCallback(seq: number, payload: string): MessageCallbackUpdate {
  const created = messageCreated(seq, 1000);
  return {
    update_type: 'message_callback',
    timestamp: created.timestamp,
    callback: { timestamp: created.timestamp, callback_id: `cb.${seq}`, payload, user: created.message.sender as User },
    message: created.message,
    user_locale: 'en-US',
  };
}
