/**
 * What a test expects of a message the bot sent, for the fake api and the emulator alike.
 */
import type { MaxMessage, Message } from '../../types/index';
import { type TextExpectation, describeText, quote, textMatches } from './text-criteria';

/**
 * Expectations about a message the bot sent; every given field must hold. `M` is the message
 * type of the dialect (`Message` for TamTam, `MaxMessage` for Max).
 *
 * @example
 * const criteria: MessageCriteria = { chatId: TEST_CHATS.group.chat_id ?? 0, text: /^Poll:/, buttons: ['👍 0', '👎 0'] };
 */
export interface MessageCriteria<M extends Message | MaxMessage = Message> {
  /** The chat it went to. */
  readonly chatId?: number;
  /** The user whose dialog it went to. */
  readonly userId?: number;
  /** Its text: exactly this string, or matching this RegExp. */
  readonly text?: TextExpectation;
  /** Texts of its inline keyboard's buttons, row after row. */
  readonly buttons?: readonly string[];
  /** Any further check of the message (as stored: fresh mid, keyboards as received). */
  readonly match?: (message: M) => boolean;
}

/**
 * The facts of one sent message that criteria are checked against.
 *
 * @example
 * const facts: MessageFacts = { chatId: 42, userId: null, text: 'hi', message };
 */
export interface MessageFacts<M extends Message | MaxMessage = Message> {
  readonly chatId: number | null;
  readonly userId: number | null;
  readonly text: string | null;
  readonly message: M;
}

/**
 * The facts of a stored message: its chat, the user of a dialog, its text. A dialog is told by
 * the recipient's `user_id` (Max calls every chat `chat`; group messages have no `user_id`).
 *
 * @example
 * factsOf(emulator.inspect.sentMessages()[0]!);
 */
export function factsOf<M extends Message | MaxMessage>(message: M): MessageFacts<M> {
  const { recipient } = message;
  return {
    chatId: recipient.chat_id,
    userId: recipient.user_id,
    text: message.body.text,
    message,
  };
}

/**
 * Whether `facts` meet `criteria`.
 *
 * @example
 * meetsCriteria(factsOf(message), { text: 'hi' });
 */
export function meetsCriteria<M extends Message | MaxMessage>(
  facts: MessageFacts<M>,
  criteria: MessageCriteria<M>,
): boolean {
  if (criteria.chatId !== undefined && facts.chatId !== criteria.chatId) return false;
  if (criteria.userId !== undefined && facts.userId !== criteria.userId) return false;
  if (!textMatches(facts.text, criteria.text)) return false;
  if (criteria.buttons !== undefined && !sameTexts(buttonTexts(facts.message), criteria.buttons)) return false;
  return criteria.match === undefined || criteria.match(facts.message);
}

/**
 * Criteria in words, for failure messages.
 *
 * @example
 * describeCriteria({ chatId: 42, text: 'hi' }); // 'a message to chat 42 with text "hi"'
 */
export function describeCriteria<M extends Message | MaxMessage>(criteria: MessageCriteria<M>): string {
  const parts = ['a message'];
  if (criteria.chatId !== undefined) parts.push(`to chat ${criteria.chatId}`);
  if (criteria.userId !== undefined) parts.push(`to user ${criteria.userId}`);
  if (criteria.text !== undefined) parts.push(`with text ${describeText(criteria.text)}`);
  if (criteria.buttons !== undefined) parts.push(`with buttons [${criteria.buttons.map((b) => quote(b)).join(', ')}]`);
  if (criteria.match !== undefined) parts.push('passing the match function');
  return parts.join(' ');
}

/**
 * A numbered list of messages for failure messages.
 *
 * @example
 * listMessages(api.sent()); // '  1. to chat 42: "hi" [Yes | No]'
 */
export function listMessages(messages: readonly MessageFacts<Message | MaxMessage>[]): string {
  if (messages.length === 0) return '  (none)';
  return messages
    .map((m, i) => {
      const where = m.userId !== null ? `to user ${m.userId} (chat ${m.chatId})` : `to chat ${m.chatId}`;
      const buttons = buttonTexts(m.message);
      return `  ${i + 1}. ${where}: ${quote(m.text)}${buttons.length > 0 ? ` [${buttons.join(' | ')}]` : ''}`;
    })
    .join('\n');
}

function buttonTexts(message: Message | MaxMessage): string[] {
  return (message.body.attachments ?? []).flatMap((a) =>
    a.type === 'inline_keyboard' ? a.payload.buttons.flat().map((b) => b.text) : [],
  );
}

function sameTexts(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && actual.every((text, i) => text === expected[i]);
}
