/**
 * Realistic update objects for benchmarks: the shapes the emulator produces for a user writing
 * to the bot in a dialog, and for a button press.
 */
import type { MessageCallbackUpdate, MessageCreatedUpdate } from '../../src/types/index';
/**
 * A `message_created` update from user `index % chats` in their dialog with the bot; `seq`
 * makes `mid` and the text unique.
 *
 * @example
 * messageCreated(7, 100).message.body.text; // 'm 7 7'
 */
export declare function messageCreated(seq: number, chats: number): MessageCreatedUpdate;
/**
 * A `message_callback` update (a button press) whose payload is `payload`.
 *
 * @example
 * messageCallback(3, 'vote:yes').callback.payload; // 'vote:yes'
 */
export declare function messageCallback(seq: number, payload: string): MessageCallbackUpdate;
