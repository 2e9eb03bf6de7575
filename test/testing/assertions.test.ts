import { describe, expect, it } from 'vitest';
import { answerOnCallback, editMessage, sendAction, sendMessage } from '../../src/actions/index';
import { callbackButton, inlineKeyboard } from '../../src/builders/index';
import {
  TEST_CHATS,
  TEST_USERS,
  type TestKitAssertionError,
  apiError,
  createFakeApi,
  expectAnswered,
  expectEdited,
  expectNotSent,
  expectRequested,
  expectSent,
  isTestKitAssertionError,
} from '../../src/testing/index';

const group = TEST_CHATS.group.chat_id ?? 0;
const alice = TEST_USERS.alice.user_id;

function botThatSent() {
  const api = createFakeApi();
  sendMessage(
    api,
    { chat_id: group },
    {
      text: 'Pizza?',
      attachments: [inlineKeyboard([[callbackButton('👍 0', 'like'), callbackButton('👎 0', 'dislike')]])],
    },
  ).subscribe();
  sendMessage(api, { user_id: alice }, { text: 'Hello, Alice' }).subscribe();
  return api;
}

function failure(run: () => unknown): TestKitAssertionError {
  try {
    run();
  } catch (error) {
    if (isTestKitAssertionError(error)) return error;
    throw error;
  }
  throw new Error('expected the assertion to fail');
}

describe('expectSent / expectNotSent', () => {
  it('finds a message by chat, user, exact text, RegExp, buttons or a match function', () => {
    const api = botThatSent();
    expect(expectSent(api, { chatId: group, text: 'Pizza?', buttons: ['👍 0', '👎 0'] }).text).toBe('Pizza?');
    expect(expectSent(api, { userId: alice, text: /^Hello/ }).chatId).toBe(TEST_CHATS.dialogWithAlice.chat_id);
    expect(expectSent(api, { chatId: TEST_CHATS.dialogWithAlice.chat_id ?? 0 }).userId).toBe(alice); // user_id target resolved to the dialog
    expect(expectSent(api, { match: (m) => m.recipient.chat_type === 'chat', times: 1 }).chatId).toBe(group);
    expect(expectSent(api).text).toBe('Hello, Alice'); // the last one
    expectNotSent(api, { chatId: TEST_CHATS.channel.chat_id ?? 0 });
  });

  it('fails with what was wanted and a list of what was sent', () => {
    const api = botThatSent();
    const error = failure(() => expectSent(api, { chatId: group, text: 'Pasta?' }));
    expect(error.name).toBe('AssertionError');
    expect(error.message).toBe(
      [
        'Expected the bot to send a message to chat -70000000001 with text "Pasta?", but none matched.',
        'Messages sent (2):',
        '  1. to chat -70000000001: "Pizza?" [👍 0 | 👎 0]',
        `  2. to user ${alice} (chat 80000000001): "Hello, Alice"`,
      ].join('\n'),
    );
    expect(failure(() => expectSent(api, { buttons: ['👍 1', '👎 0'] })).message).toMatch(
      /with buttons \["👍 1", "👎 0"\], but none matched/,
    );
    expect(failure(() => expectSent(api, { text: /./, times: 1 })).message).toMatch(
      /^Expected the bot to send 1 × a message with text \/\.\/, but 2 matched/,
    );
    expect(failure(() => expectSent(createFakeApi())).message).toMatch(/Messages sent \(0\):\n {2}\(none\)/);
    expect(failure(() => expectNotSent(api, { userId: alice })).message).toMatch(
      /^Expected the bot not to send a message to user \d+, but it sent 1:\n {2}1\. to user/,
    );
  });

  it('does not count failed sends and rejects times < 1', () => {
    const api = createFakeApi({ responses: { sendMessage: apiError(403, 'chat.denied') } });
    sendMessage(api, { chat_id: group }, { text: 'x' }).subscribe({ error: () => {} });
    expectNotSent(api);
    expect(() => expectSent(api, { times: 0 })).toThrow(
      /times must be a whole number ≥ 1, got 0; to assert that nothing happened use expectNotSent/,
    );
  });
});

describe('expectEdited / expectAnswered / expectRequested', () => {
  it('check edits, callback answers and any request, listing what happened when they fail', () => {
    const api = botThatSent();
    const mid = api.sent()[0]?.message.body.mid ?? '';
    editMessage(api, mid, { text: 'Closed' }).subscribe();
    answerOnCallback(api, 'cb.1', {
      notification: 'Counted',
      message: { text: 'Pizza?', attachments: [inlineKeyboard([[callbackButton('👍 1', 'like')]])] },
    }).subscribe();
    sendAction(api, group, 'typing_on').subscribe();

    expect(expectEdited(api, { messageId: mid, text: 'Closed' }).messageId).toBe(mid);
    expect(failure(() => expectEdited(api, { text: 'Open' })).message).toBe(
      `Expected the bot to edit a message to text "Open", but no edit matched.\nEdits (1):\n  1. ${mid}: "Closed"`,
    );

    expect(
      expectAnswered(api, { callbackId: 'cb.1', notification: /Count/, text: 'Pizza?', buttons: ['👍 1'] }).callbackId,
    ).toBe('cb.1');
    expect(failure(() => expectAnswered(api, { notification: 'Nope' })).message).toBe(
      'Expected the bot to answer a button press with notification "Nope", but no answer matched.\nAnswers (1):\n  1. cb.1: notification "Counted", message "Pizza?" [👍 1]',
    );

    expect(expectRequested(api, 'sendAction', { times: 1, match: (r) => r.body.action === 'typing_on' }).path).toBe(
      `/chats/${group}/actions`,
    );
    expect(failure(() => expectRequested(api, 'pinMessage')).message).toBe(
      'Expected at least one pinMessage request(s), got 0.\nRequests so far: sendMessage, sendMessage, editMessage, answerOnCallback, sendAction',
    );
    expect(failure(() => expectRequested(api, 'sendMessage', { match: (r) => r.body.text === 'x' })).message).toMatch(
      /passing the match function, got 0 \(2 in all\)/,
    );
  });
});
