/**
 * Assertions about what the bot did through a fake api, with failure messages that show what
 * it did instead. They throw {@link TestKitAssertionError}, so any test runner works.
 */
import type { OperationIdOf } from '../../api/operation-table';
import type { TamTamOperations } from '../../api/tamtam-operations';
import type { FakeApi } from '../fake-api/fake-api';
import type { FakeTable, MessageOfTable } from '../fake-api/operation-types';
import type { AnsweredCallback, EditedMessage, RecordedRequestOf, SentMessage } from '../fake-api/recorded-request';
import { TestKitAssertionError } from './assertion-error';
import {
  type MessageCriteria,
  type MessageFacts,
  describeCriteria,
  listMessages,
  meetsCriteria,
} from './message-criteria';
import { type TextExpectation, describeText, quote, textMatches } from './text-criteria';

/**
 * {@link MessageCriteria} plus how many messages must match.
 *
 * @example
 * expectSent(api, { chatId: 42, text: /^Hello/, times: 1 });
 */
export interface SentExpectation<M extends MessageOfTable<FakeTable> = MessageOfTable<TamTamOperations>>
  extends MessageCriteria<M> {
  /** Exactly this many sent messages must match (≥ 1; use `expectNotSent` for none). Default: at least one. */
  readonly times?: number;
}

/**
 * Asserts the bot sent a message meeting `expected` through `api` and returns the last one
 * that does. The failure message lists every message that was sent.
 *
 * @example
 * const { message } = expectSent(api, { chatId: TEST_CHATS.group.chat_id ?? 0, text: 'Pizza?', buttons: ['👍 0', '👎 0'] });
 */
export function expectSent<T extends FakeTable = TamTamOperations>(
  api: FakeApi<T>,
  expected: SentExpectation<MessageOfTable<T>> = {},
): SentMessage<T> {
  const { times } = expected;
  requireTimes('expectSent', times, 'expectNotSent(api, criteria)');
  const sent = api.sent();
  const matching = sent.filter((s) => meetsCriteria(facts(s), expected));
  const ok = times === undefined ? matching.length > 0 : matching.length === times;
  const last = matching.at(-1);
  if (!ok || last === undefined) {
    const wanted = times === undefined ? describeCriteria(expected) : `${times} × ${describeCriteria(expected)}`;
    throw new TestKitAssertionError(
      `Expected the bot to send ${wanted}, but ${matching.length === 0 ? 'none matched' : `${matching.length} matched`}.\n` +
        `Messages sent (${sent.length}):\n${listMessages(sent.map(facts))}`,
    );
  }
  return last;
}

/**
 * Asserts the bot sent no message meeting `criteria` (with none given: no message at all).
 *
 * @example
 * expectNotSent(api, { chatId: TEST_CHATS.channel.chat_id ?? 0 });
 */
export function expectNotSent<T extends FakeTable = TamTamOperations>(
  api: FakeApi<T>,
  criteria: MessageCriteria<MessageOfTable<T>> = {},
): void {
  const sent = api.sent();
  const matching = sent.filter((s) => meetsCriteria(facts(s), criteria));
  if (matching.length > 0) {
    throw new TestKitAssertionError(
      `Expected the bot not to send ${describeCriteria(criteria)}, but it sent ${matching.length}:\n${listMessages(matching.map(facts))}`,
    );
  }
}

/**
 * Expectations about an `editMessage`.
 *
 * @example
 * expectEdited(api, { messageId: mid, text: /👍 1/ });
 */
export interface EditExpectation {
  readonly messageId?: string;
  readonly text?: TextExpectation;
}

/**
 * Asserts the bot edited a message as described and returns the last such edit.
 *
 * @example
 * expectEdited(api, { messageId: sent.message.body.mid, text: 'Closed' });
 */
export function expectEdited<T extends FakeTable = TamTamOperations>(
  api: FakeApi<T>,
  expected: EditExpectation = {},
): EditedMessage<T> {
  const edits = api.edits();
  const found = edits
    .filter(
      (e) =>
        (expected.messageId === undefined || e.messageId === expected.messageId) && textMatches(e.text, expected.text),
    )
    .at(-1);
  if (found === undefined) {
    const wanted = [
      expected.messageId === undefined ? 'a message' : `message ${expected.messageId}`,
      expected.text === undefined ? '' : `to text ${describeText(expected.text)}`,
    ]
      .join(' ')
      .trim();
    const list =
      edits.length === 0 ? '  (none)' : edits.map((e, i) => `  ${i + 1}. ${e.messageId}: ${quote(e.text)}`).join('\n');
    throw new TestKitAssertionError(
      `Expected the bot to edit ${wanted}, but no edit matched.\nEdits (${edits.length}):\n${list}`,
    );
  }
  return found;
}

/**
 * Expectations about an `answerOnCallback`: which press, the notification, and the new
 * version of the pressed message (its text and keyboard).
 *
 * @example
 * expectAnswered(api, { callbackId: press.callback.callback_id, notification: /counted/, buttons: ['👍 1', '👎 0'] });
 */
export interface AnswerExpectation {
  readonly callbackId?: string;
  readonly notification?: TextExpectation;
  /** Text of the replacement message. */
  readonly text?: TextExpectation;
  /** Button texts of the replacement message's keyboard, row after row. */
  readonly buttons?: readonly string[];
}

/**
 * Asserts the bot answered a button press as described and returns the last such answer.
 *
 * @example
 * expectAnswered(api, { notification: 'Thanks for voting!' });
 */
export function expectAnswered<T extends FakeTable = TamTamOperations>(
  api: FakeApi<T>,
  expected: AnswerExpectation = {},
): AnsweredCallback<T> {
  const answers = api.callbackAnswers();
  const found = answers
    .filter(
      (a) =>
        (expected.callbackId === undefined || a.callbackId === expected.callbackId) &&
        textMatches(a.notification, expected.notification) &&
        textMatches(a.message?.text, expected.text) &&
        (expected.buttons === undefined || sameList(answerButtons(a), expected.buttons)),
    )
    .at(-1);
  if (found === undefined) {
    const wanted: string[] = [];
    if (expected.callbackId !== undefined) wanted.push(`callback ${expected.callbackId}`);
    if (expected.notification !== undefined) wanted.push(`notification ${describeText(expected.notification)}`);
    if (expected.text !== undefined) wanted.push(`message text ${describeText(expected.text)}`);
    if (expected.buttons !== undefined) wanted.push(`buttons [${expected.buttons.map((b) => quote(b)).join(', ')}]`);
    const list =
      answers.length === 0
        ? '  (none)'
        : answers
            .map((a, i) => {
              const buttons = answerButtons(a);
              return `  ${i + 1}. ${a.callbackId}: notification ${quote(a.notification)}, message ${a.message === null ? 'unchanged' : quote(a.message.text)}${buttons.length > 0 ? ` [${buttons.join(' | ')}]` : ''}`;
            })
            .join('\n');
    throw new TestKitAssertionError(
      `Expected the bot to answer a button press${wanted.length > 0 ? ` with ${wanted.join(', ')}` : ''}, but no answer matched.\nAnswers (${answers.length}):\n${list}`,
    );
  }
  return found;
}

/**
 * Asserts `api` got requests of `operation` — exactly `times` (≥ 1) of them when given, else at
 * least one, counting only those passing `match` — and returns the last.
 *
 * @example
 * expectRequested(api, 'sendAction', { match: (r) => r.body.action === 'typing_on' });
 */
export function expectRequested<O extends OperationIdOf<T>, T extends FakeTable = TamTamOperations>(
  api: FakeApi<T>,
  operation: O,
  expected: { readonly times?: number; readonly match?: (request: RecordedRequestOf<O, T>) => boolean } = {},
): RecordedRequestOf<O, T> {
  requireTimes('expectRequested', expected.times, `expect(api.requests('${operation}')).toHaveLength(0)`);
  const all = api.requests(operation);
  const matching = expected.match === undefined ? all : all.filter(expected.match);
  const ok = expected.times === undefined ? matching.length > 0 : matching.length === expected.times;
  const last = matching.at(-1);
  if (!ok || last === undefined) {
    const wanted = expected.times === undefined ? 'at least one' : String(expected.times);
    const others = api.requests().map((r) => r.operation);
    throw new TestKitAssertionError(
      `Expected ${wanted} ${operation} request(s)${expected.match ? ' passing the match function' : ''}, got ${matching.length}` +
        `${expected.match && all.length !== matching.length ? ` (${all.length} in all)` : ''}.\nRequests so far: ${others.length === 0 ? 'none' : others.join(', ')}`,
    );
  }
  return last;
}

function requireTimes(helper: string, times: number | undefined, instead: string): void {
  if (times !== undefined && !(Number.isInteger(times) && times >= 1)) {
    throw new TypeError(
      `${helper}: times must be a whole number ≥ 1, got ${String(times)}; to assert that nothing happened use ${instead}`,
    );
  }
}

function facts<T extends FakeTable>(sent: SentMessage<T>): MessageFacts<MessageOfTable<T>> {
  return { chatId: sent.chatId, userId: sent.userId, text: sent.text, message: sent.message };
}

function answerButtons<T extends FakeTable>(answer: AnsweredCallback<T>): string[] {
  return (answer.message?.attachments ?? []).flatMap((a) =>
    a.type === 'inline_keyboard' ? a.payload.buttons.flat().map((b) => b.text) : [],
  );
}

function sameList(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && actual.every((v, i) => v === expected[i]);
}
