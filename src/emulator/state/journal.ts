/**
 * What the bot did, kept for inspection by tests.
 */
import type { CallbackAnswer, ConstructorAnswer, Message, SenderAction } from '../../types';

/**
 * A bot's answer to a button press.
 *
 * @example
 * emulator.inspect.callbackAnswers()[0]?.answer.notification; // 'Saved!'
 */
export interface CallbackAnswerRecord {
  callbackId: string;
  /** The user who pressed the button. */
  userId: number;
  chatId: number;
  /** The message that held the button. */
  messageId: string;
  answer: CallbackAnswer;
  /** ms since epoch. */
  at: number;
}

/**
 * A bot's answer to a construction request.
 *
 * @example
 * emulator.inspect.constructorAnswers()[0]?.answer.hint;
 */
export interface ConstructorAnswerRecord {
  sessionId: string;
  userId: number;
  answer: ConstructorAnswer;
  at: number;
}

/**
 * A pin (`messageId` set) or unpin (`messageId: null`) done by the bot.
 *
 * @example
 * emulator.inspect.pins(chatId).at(-1)?.messageId;
 */
export interface PinRecord {
  chatId: number;
  messageId: string | null;
  notify: boolean;
  at: number;
}

/**
 * A chat action (typing, ...) sent by the bot.
 *
 * @example
 * emulator.inspect.actions(chatId).map((a) => a.action); // ['typing_on']
 */
export interface ActionRecord {
  chatId: number;
  action: SenderAction;
  at: number;
}

/**
 * A removed message: who removed it and when.
 *
 * @example
 * emulator.inspect.removedMessages().some((r) => r.messageId === mid);
 */
export interface RemovedMessageRecord {
  chatId: number;
  messageId: string;
  /** The user or bot that deleted it. */
  userId: number;
  at: number;
}

/**
 * A message that was edited (by the bot or a user): the page shows it as "edited" even after
 * a reload.
 *
 * @example
 * emulator.inspect.editedMessages(chatId).some((r) => r.messageId === mid);
 */
export interface EditedMessageRecord {
  chatId: number;
  messageId: string;
  /** ms since epoch of the latest edit. */
  at: number;
}

/**
 * Append-only logs of the bot's actions. The `sent` list keeps message ids; the last known
 * state of a deleted message is kept in `lastKnown` so inspection can still show it.
 *
 * @example
 * const journal = new Journal();
 * journal.actions.push({ chatId: 1, action: 'typing_on', at: Date.now() });
 */
export class Journal {
  /** Message ids the bot sent, in order. */
  readonly sent: string[] = [];
  /** Last state of deleted messages, by id. */
  readonly lastKnown = new Map<string, Message>();
  readonly callbackAnswers: CallbackAnswerRecord[] = [];
  readonly constructorAnswers: ConstructorAnswerRecord[] = [];
  readonly pins: PinRecord[] = [];
  readonly actions: ActionRecord[] = [];
  readonly removed: RemovedMessageRecord[] = [];
  /** Edited messages by id (the latest edit); kept in the order of their first edit. */
  readonly edited = new Map<string, EditedMessageRecord>();
}
