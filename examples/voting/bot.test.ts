import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Update } from '../../src/index';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import {
  TEST_CHATS,
  TEST_USERS,
  createFakeApi,
  expectAnswered,
  expectSent,
  pressButton,
  textMessage,
} from '../../src/testing/index';
import { withEmulator } from '../../src/testing/entry-emulator';
import { votingBot } from './bot';

const group = TEST_CHATS.group;

function startVoting() {
  const api = createFakeApi();
  const updates$ = new Subject<Update>();
  votingBot(api, updates$).subscribe();
  updates$.next(textMessage('/poll Pizza or pasta?', { chat: group }));
  const poll = expectSent(api, {
    chatId: group.chat_id ?? 0,
    text: 'Pizza or pasta?',
    buttons: ['👍 0', '👎 0'],
  }).message;
  return { api, updates$, poll };
}

describe('voting bot (fake api)', () => {
  it('posts the question with zero counts', () => {
    const { poll } = startVoting();
    expect(poll.sender?.is_bot).toBe(true);
  });

  it('counts votes, moves a changed vote and takes back a repeated one, editing the poll in place', () => {
    const { api, updates$, poll } = startVoting();

    const aliceLikes = pressButton(poll, '👍 0', { by: TEST_USERS.alice });
    updates$.next(aliceLikes);
    expectAnswered(api, {
      callbackId: aliceLikes.callback.callback_id,
      text: 'Pizza or pasta?',
      buttons: ['👍 1', '👎 0'],
      notification: 'You like it 👍',
    });

    updates$.next(pressButton(poll, '👎 0', { by: TEST_USERS.bob }));
    expectAnswered(api, { buttons: ['👍 1', '👎 1'] });

    updates$.next(pressButton(poll, '👎 0', { by: TEST_USERS.alice }));
    expectAnswered(api, { buttons: ['👍 0', '👎 2'] });

    updates$.next(pressButton(poll, '👎 0', { by: TEST_USERS.bob }));
    expectAnswered(api, { buttons: ['👍 0', '👎 1'], notification: 'Vote taken back' });

    expect(api.callbackAnswers()).toHaveLength(4);
    expect(api.sent()).toHaveLength(1); // edits in place, never a new message
  });

  it('keeps separate counts per poll', () => {
    const { api, updates$, poll } = startVoting();
    updates$.next(textMessage('/poll Tea?', { chat: group }));
    const tea = expectSent(api, { text: 'Tea?' }).message;

    updates$.next(pressButton(poll, '👍 0'));
    updates$.next(pressButton(tea, '👎 0'));
    expect(api.callbackAnswers().map((a) => a.message?.attachments?.[0])).toMatchObject([
      { payload: { buttons: [[{ text: '👍 1' }, { text: '👎 0' }]] } },
      { payload: { buttons: [[{ text: '👍 0' }, { text: '👎 1' }]] } },
    ]);
  });

  it('asks a default question when /poll has none, and ignores foreign buttons', () => {
    const api = createFakeApi();
    const updates$ = new Subject<Update>();
    votingBot(api, updates$).subscribe();
    updates$.next(textMessage('/poll'));
    expectSent(api, { text: 'Do you like it?' });
    updates$.next(
      pressButton(
        expectSent(api).message,
        { payload: 'vote:like' },
        { overrides: { callback: { payload: 'faq:hours' } } },
      ),
    );
    expect(api.callbackAnswers()).toEqual([]);
  });
});

describe('voting bot (emulator)', () => {
  it('edits the poll in place as users vote', () =>
    withEmulator(
      async ({ emulator, waitForSent }) => {
        const { alice, bob, group: lounge } = DEFAULT_WORLD_IDS;
        emulator.actAs(alice).sendMessage(lounge, '/poll Pizza or pasta?');
        const poll = await waitForSent({ chatId: lounge, text: 'Pizza or pasta?', buttons: ['👍 0', '👎 0'] });

        emulator.actAs(alice).pressButton(poll.body.mid, '👍 0');
        await waitForSent({ buttons: ['👍 1', '👎 0'] });
        emulator.actAs(bob).pressButton(poll.body.mid, '👎 0');
        await waitForSent({ buttons: ['👍 1', '👎 1'] });

        expect(emulator.inspect.sentMessages(lounge)).toHaveLength(1);
        expect(emulator.inspect.callbackAnswers().map((a) => a.answer.notification)).toEqual([
          'You like it 👍',
          'You dislike it 👎',
        ]);
      },
      { bot: votingBot },
    ));
});
