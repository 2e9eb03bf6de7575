import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { UpdateOfTable } from '../../src/index';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import { type DialectKit, type FakeTable, dialectKit, expectAnswered, expectSent } from '../../src/testing/index';
import { withEmulator } from '../../src/testing/entry-emulator';
import { votingBot } from './bot';

/** The bot on a fake api of `kit`'s dialect, with a poll posted in the group. */
function startVoting<T extends FakeTable>(kit: DialectKit<T>) {
  const api = kit.fakeApi();
  const updates$ = new Subject<UpdateOfTable<T>>();
  votingBot(api, updates$).subscribe();
  const group = kit.chats.group;
  updates$.next(kit.textMessage('/poll Pizza or pasta?', { chat: group }));
  const poll = expectSent(api, {
    chatId: group.chat_id ?? 0,
    text: 'Pizza or pasta?',
    buttons: ['👍 0', '👎 0'],
  }).message;
  return { api, updates$, poll };
}

/** The fake-api tests, written once for both dialects like the bot. */
function votingSuite<T extends FakeTable>(kit: DialectKit<T>): void {
  it('posts the question with zero counts', () => {
    const { poll } = startVoting(kit);
    expect(poll.sender?.is_bot).toBe(true);
  });

  it('counts votes, moves a changed vote and takes back a repeated one, editing the poll in place', () => {
    const { api, updates$, poll } = startVoting(kit);
    const { alice, bob } = kit.users;

    const aliceLikes = kit.pressButton(poll, '👍 0', { by: alice });
    updates$.next(aliceLikes);
    expectAnswered(api, {
      callbackId: aliceLikes.callback.callback_id,
      text: 'Pizza or pasta?',
      buttons: ['👍 1', '👎 0'],
      notification: 'You like it 👍',
    });

    updates$.next(kit.pressButton(poll, '👎 0', { by: bob }));
    expectAnswered(api, { buttons: ['👍 1', '👎 1'] });

    updates$.next(kit.pressButton(poll, '👎 0', { by: alice }));
    expectAnswered(api, { buttons: ['👍 0', '👎 2'] });

    updates$.next(kit.pressButton(poll, '👎 0', { by: bob }));
    expectAnswered(api, { buttons: ['👍 0', '👎 1'], notification: 'Vote taken back' });

    expect(api.callbackAnswers()).toHaveLength(4);
    expect(api.sent()).toHaveLength(1); // edits in place, never a new message
  });

  it('keeps separate counts per poll', () => {
    const { api, updates$, poll } = startVoting(kit);
    updates$.next(kit.textMessage('/poll Tea?', { chat: kit.chats.group }));
    const tea = expectSent(api, { text: 'Tea?' }).message;

    updates$.next(kit.pressButton(poll, '👍 0'));
    updates$.next(kit.pressButton(tea, '👎 0'));
    expect(api.callbackAnswers().map((a) => a.message?.attachments?.[0])).toMatchObject([
      { payload: { buttons: [[{ text: '👍 1' }, { text: '👎 0' }]] } },
      { payload: { buttons: [[{ text: '👍 0' }, { text: '👎 1' }]] } },
    ]);
  });

  it('asks a default question when /poll has none, and ignores foreign buttons', () => {
    const api = kit.fakeApi();
    const updates$ = new Subject<UpdateOfTable<T>>();
    votingBot(api, updates$).subscribe();
    updates$.next(kit.textMessage('/poll'));
    const question = expectSent(api, { text: 'Do you like it?' }).message;
    const foreign = kit.pressButton(question, { payload: 'vote:like' });
    updates$.next({ ...foreign, callback: { ...foreign.callback, payload: 'faq:hours' } });
    expect(api.callbackAnswers()).toEqual([]);
  });
}

describe('voting bot (fake api, TamTam)', () => votingSuite(dialectKit('tamtam')));
describe('voting bot (fake api, Max)', () => votingSuite(dialectKit('max')));

describe.each(['tamtam', 'max'] as const)('voting bot (emulator, %s)', (dialect) => {
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

        expect(emulator.dialect).toBe(dialect);
        expect(emulator.inspect.sentMessages(lounge)).toHaveLength(1);
        expect(emulator.inspect.callbackAnswers().map((a) => a.answer.notification)).toEqual([
          'You like it 👍',
          'You dislike it 👎',
        ]);
      },
      { dialect, bot: votingBot },
    ));
});
