import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Update } from '../../src/index';
import {
  TEST_CHATS,
  createFakeApi,
  expectAnswered,
  expectSent,
  pressButton,
  textMessage,
} from '../../src/testing/index';
import { demoBot } from './bot';

describe('demo bot (FAQ + voting)', () => {
  it('answers /start, /help and /poll, and counts votes, on one update stream', () => {
    const api = createFakeApi();
    const updates$ = new Subject<Update>();
    demoBot(api, updates$).subscribe();

    updates$.next(textMessage('/start'));
    expectSent(api, { text: /Pick a topic/ });
    updates$.next(textMessage('/help'));
    expectSent(api, { text: /\/poll <question>/ });
    updates$.next(textMessage('/poll Pizza or pasta?', { chat: TEST_CHATS.group }));
    const poll = expectSent(api, { chatId: TEST_CHATS.group.chat_id ?? 0, buttons: ['👍 0', '👎 0'] });

    updates$.next(pressButton(poll.message, '👍 0'));
    expectAnswered(api, { buttons: ['👍 1', '👎 0'] });
    expect(api.sent()).toHaveLength(3);
  });
});
