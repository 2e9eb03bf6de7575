import { describe, expect, it } from 'vitest';
import { SECONDS_PER_QUESTION, quiz } from '../../examples/quiz/bot';
import { memoryStateStore } from '../../src/index';
import { type FakeApi, dialogWith, pressButton, textMessage } from '../../src/testing/index';
import type { Message, User } from '../../src/types/index';
import { testScale } from '../helpers/test-scale';
import { harness } from './harness';

/** 10 000 in the release tier (test/helpers/test-scale.ts); CONVO_DIALOGS overrides (an even number). */
const DIALOGS = Number(process.env['CONVO_DIALOGS'] ?? testScale({ full: 10_000, quick: 2_000 }));

function user(i: number): User {
  return { user_id: 700_000_000 + i, name: `User ${i}`, username: null, is_bot: false, last_activity_time: 0 };
}

/**
 * The messages the bot sent, as the fake answered them: `api.sent()` without its deep copy of
 * each (tens of thousands of messages here).
 */
function sentMessages(api: FakeApi): Message[] {
  return api
    .requests('sendMessage')
    .flatMap((r) => (r.outcome === 'succeeded' && r.response ? [r.response.message] : []));
}

describe('conversations at scale', () => {
  it(`runs ${DIALOGS} quizzes at once in virtual time, and memory returns to its baseline once they end`, async () => {
    let store = memoryStateStore();
    const t = harness([quiz], {
      store: (scheduler) => {
        store = memoryStateStore({ now: () => scheduler.now(), maxEntries: Infinity });
        return store;
      },
    });
    const users = Array.from({ length: DIALOGS }, (_, i) => user(i));
    const baseline = { entries: store.size, timers: t.dialogs.stats.timers, busy: t.dialogs.stats.busyKeys };
    expect(baseline).toEqual({ entries: 0, timers: 0, busy: 0 });

    const asked = await t.turn(...users.map((from) => textMessage('/quiz', { from, chat: dialogWith(from) })));
    expect(asked).toHaveLength(DIALOGS);
    expect(store.size).toBe(DIALOGS);
    expect(t.dialogs.stats.timers).toBe(DIALOGS);

    // Half of them answer the first question (right or wrong), the rest let it time out.
    const questions = sentMessages(t.api).slice(-DIALOGS);
    const presses = questions
      .slice(0, DIALOGS / 2)
      .map((message, i) => pressButton(message, i % 2 === 0 ? 'Jupiter' : 'Mars', { by: users[i] as User }));
    const answered = await t.turn(...presses);
    expect(answered).toHaveLength(DIALOGS); // a verdict and the next question each
    expect(store.size).toBe(DIALOGS);

    // Three time limits later every quiz has ended.
    for (let q = 0; q < 3; q += 1) await t.advance(SECONDS_PER_QUESTION * 1000);
    expect({ entries: store.size, timers: t.dialogs.stats.timers, busy: t.dialogs.stats.busyKeys }).toEqual(baseline);
    const scores = sentMessages(t.api).filter((m) => m.body.text?.startsWith('Quiz over')).length;
    expect(scores).toBe(DIALOGS);
    expect(t.errors).toEqual([]);
    t.stop();
  }, 600_000);
});
