import { Subject, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { type Update, memoryStateStore } from '../../src/index';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import {
  createFakeApi,
  expectSent,
  factsOf,
  meetsCriteria,
  pressButton,
  textMessage,
  waitFor,
} from '../../src/testing/index';
import { withEmulator } from '../../src/testing/entry-emulator';
import { SECONDS_PER_QUESTION, quizBot, scoreText } from './bot';

/** Lets `ms` pass on a virtual-time scheduler. */
function advance(scheduler: VirtualTimeScheduler, ms: number): void {
  scheduler.schedule(() => {}, ms);
  scheduler.maxFrames = scheduler.now() + ms;
  scheduler.flush();
}

describe('quiz bot (fake api, virtual time)', () => {
  it("moves on when a question's time runs out and scores at the end", async () => {
    const scheduler = new VirtualTimeScheduler();
    const api = createFakeApi({ scheduler });
    const updates$ = new Subject<Update>();
    const store = memoryStateStore({ now: () => scheduler.now() });
    const subscription = quizBot(api, updates$, { store, scheduler }).subscribe();
    /** Waits for the bot to say `text`; on timeout, expectSent fails listing what it said. */
    const botSays = async (text: string | RegExp) => {
      await waitFor(() => api.sent().some((s) => meetsCriteria(factsOf(s.message), { text }))).catch(() => {});
      return expectSent(api, { text });
    };

    updates$.next(textMessage('/quiz'));
    const first = (await botSays(/^Question 1 of 3/)).message;
    updates$.next(pressButton(first, 'Jupiter'));
    await botSays('Right!');
    const second = (await botSays(/^Question 2 of 3/)).message;
    advance(scheduler, SECONDS_PER_QUESTION * 1000); // no answer: time is up
    const third = (await botSays(/^Question 3 of 3/)).message;
    expectSent(api, { text: '⏰ Time is up!', times: 1 });
    updates$.next(pressButton(second, '6')); // too late for question 2
    await botSays('Please answer with the buttons.');
    updates$.next(pressButton(third, 'Atlantic'));
    await botSays(scoreText(1));
    expect(store.size).toBe(0);
    subscription.unsubscribe();
  });
});

describe('quiz bot (emulator)', () => {
  it('plays a whole quiz with the answer buttons', () =>
    withEmulator(
      async ({ emulator, waitForSent }) => {
        const { alice } = DEFAULT_WORLD_IDS;
        emulator.actAs(alice).sendToBot('/quiz');
        for (const [n, answer] of [
          [1, 'Jupiter'],
          [2, '6'],
          [3, 'Indian'],
        ] as const) {
          const question = await waitForSent({ userId: alice, text: new RegExp(`^Question ${n} of 3`) });
          emulator.actAs(alice).pressButton(question.body.mid, answer);
        }
        await waitForSent({ userId: alice, text: scoreText(2) });
      },
      { bot: (api, updates$) => quizBot(api, updates$, { store: memoryStateStore() }) },
    ));
});
