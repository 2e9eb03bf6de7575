import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { UpdateOfTable } from '../../src/index';
import { type DialectKit, type FakeTable, dialectKit, expectAnswered, expectSent } from '../../src/testing/index';
import { demoBot } from './bot';

/** Written once for both dialects, like the bot. */
function demoSuite<T extends FakeTable>(kit: DialectKit<T>): void {
  it('answers /start, /help and /poll, and counts votes, on one update stream', () => {
    const api = kit.fakeApi();
    const updates$ = new Subject<UpdateOfTable<T>>();
    demoBot(api, updates$).subscribe();

    updates$.next(kit.textMessage('/start'));
    expectSent(api, { text: /Pick a topic/ });
    updates$.next(kit.textMessage('/help'));
    expectSent(api, { text: /\/poll <question>/ });
    updates$.next(kit.textMessage('/poll Pizza or pasta?', { chat: kit.chats.group }));
    const poll = expectSent(api, { chatId: kit.chats.group.chat_id ?? 0, buttons: ['👍 0', '👎 0'] });

    updates$.next(kit.pressButton(poll.message, '👍 0'));
    expectAnswered(api, { buttons: ['👍 1', '👎 0'] });
    expect(api.sent()).toHaveLength(3);
  });
}

describe('demo bot (FAQ + voting, TamTam)', () => demoSuite(dialectKit('tamtam')));
describe('demo bot (FAQ + voting, Max)', () => demoSuite(dialectKit('max')));
