/**
 * Small factories on top of the shared samples, for operator tests.
 */
import type { ChatType, MessageCallbackUpdate, MessageCreatedUpdate, BotStartedUpdate } from '../../src/types';
/** A new message with `text` in chat `chatId` (a group chat unless `chatType` says otherwise). */
export declare function message(text: string | null, chatId?: number, options?: {
    chatType?: ChatType;
    userId?: number;
}): MessageCreatedUpdate;
/** A press of a button with `payload` in chat `chatId`. */
export declare function press(payload: string | undefined, chatId?: number): MessageCallbackUpdate;
/** A `bot_started` with a deep-link payload (or none). */
export declare function started(payload: string | null | undefined): BotStartedUpdate;
