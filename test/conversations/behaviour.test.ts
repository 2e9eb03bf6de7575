import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type OrderSteps, orderForm } from '../../examples/order-form/bot';
import { QUESTIONS, SECONDS_PER_QUESTION, quiz, scoreText } from '../../examples/quiz/bot';
import { type StateStore, type Update, conversation, markRedelivery, memoryStateStore } from '../../src/index';
import { fileStateStore } from '../../src/node/index';
import {
  TEST_CHATS,
  TEST_USERS,
  dialogWith,
  expectSent,
  pressButton,
  textMessage,
  waitFor,
} from '../../src/testing/index';
import { type Harness, harness } from './harness';

const alice = TEST_USERS.alice;
const bob = TEST_USERS.bob;
const group = TEST_CHATS.group;
const NAME_Q = 'What name should we put on the order? (/cancel to stop)';
const CANCELLED = 'Order cancelled. Send /order to start again.';

const running: Harness[] = [];
const directories: string[] = [];
afterEach(async () => {
  for (const t of running.splice(0)) t.stop();
  for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
});

function start(...args: Parameters<typeof harness>): Harness {
  const t = harness(...args);
  running.push(t);
  return t;
}

/** Plays the order form up to `step` for `from` in their dialog. */
async function orderUpTo(t: Harness, step: keyof OrderSteps, from = alice): Promise<void> {
  const chat = dialogWith(from);
  await t.turn(textMessage('/order', { from, chat }));
  if (step === 'name') return;
  await t.turn(textMessage('Ann', { from, chat }));
  if (step === 'size') return;
  const sizes = t.api.lastSent().message;
  await t.turn(pressButton(sizes, 'L', { by: from }));
}

describe('conversations: cancel, time limits, concurrency', () => {
  for (const step of ['name', 'size', 'confirm'] as const) {
    it(`cancels with /cancel at the ${step} step, and the next message goes to the rest of the bot`, async () => {
      const t = start([orderForm]);
      await orderUpTo(t, step);
      expect(await t.turn(textMessage('/cancel'))).toEqual([CANCELLED]);
      expect(t.dialogs.stats.timers).toBe(0);
      expect(await t.turn(textMessage('Bea'))).toEqual([]);
      expect(t.fallback).toHaveLength(1);
    });
  }

  it('ends a dialog when its time limit runs out mid-dialog, in virtual time', async () => {
    const t = start([orderForm]);
    await orderUpTo(t, 'size');
    expect(await t.advance(10 * 60_000 - 1)).toEqual([]);
    expect(await t.advance(1)).toEqual([
      'The order form closed after 10 minutes without an answer. Send /order to start again.',
    ]);
    expect(t.dialogs.stats.timers).toBe(0);
    expect(await t.turn(textMessage('M'))).toEqual([]);
    expect(t.fallback).toHaveLength(1);
  });

  it('moves on per step when a step has its own time limit (quiz), and scores at the end', async () => {
    const t = start([quiz]);
    const limit = SECONDS_PER_QUESTION * 1000;
    expect(await t.turn(textMessage('/quiz'))).toEqual([expect.stringMatching(/^Question 1 of 3/)]);
    const first = t.api.lastSent().message;
    await t.advance(limit / 2);
    expect(await t.turn(pressButton(first, 'Jupiter'))).toEqual(['Right!', expect.stringMatching(/^Question 2 of 3/)]);
    // The second question's clock started when it was asked: half the first limit does not end it.
    expect(await t.advance(limit / 2)).toEqual([]);
    expect(await t.advance(limit / 2)).toEqual(['⏰ Time is up!', expect.stringMatching(/^Question 3 of 3/)]);
    // A press on an old question's keyboard does not count for the current one.
    expect(await t.turn(pressButton(first, 'Jupiter'))).toEqual(['Please answer with the buttons.']);
    expect(await t.advance(limit)).toEqual(['⏰ Time is up!', scoreText(1)]);
    expect(t.dialogs.stats.timers).toBe(0);
  });

  it('runs two chats in different steps at once without mixing them', async () => {
    const t = start([orderForm]);
    const bobChat = dialogWith(bob);
    await orderUpTo(t, 'confirm', alice);
    expect(await t.turn(textMessage('/order', { from: bob, chat: bobChat }))).toEqual([NAME_Q]);
    // Both answer in one batch: each answer reaches its own chat's step.
    const confirm = t.api.sent().find((s) => s.message.body.text?.startsWith('Your order'))?.message;
    if (confirm === undefined) throw new Error('no confirmation');
    const said = await t.turn(textMessage('Bob', { from: bob, chat: bobChat }), pressButton(confirm, 'Place order'));
    expect(said.sort()).toEqual(['Order placed: size L for Ann. Thank you!', 'Thanks, Bob. Which size?'].sort());
    expect(t.api.sent().at(-1)?.message.recipient.chat_id).toBeTypeOf('number');
  });

  it('keeps a user in a dialog conversation while the same user talks in a group', async () => {
    const t = start([orderForm]);
    await orderUpTo(t, 'name', alice);
    // In the group, Alice's messages are not answers: the rest of the bot gets them.
    expect(await t.turn(textMessage('hi all', { from: alice, chat: group }))).toEqual([]);
    expect(t.fallback).toHaveLength(1);
    expect(await t.turn(textMessage('Ann', { from: alice }))).toEqual(['Thanks, Ann. Which size?']);
    expect(t.fallback).toHaveLength(1);
  });

  it('gives each member of a group their own dialog with key: userStateKey', async () => {
    const { userStateKey } = await import('../../src/index');
    const t = start([orderForm], { engine: { key: userStateKey } });
    expect(await t.turn(textMessage('/order', { from: alice, chat: group }))).toEqual([NAME_Q]);
    expect(await t.turn(textMessage('chatter', { from: bob, chat: group }))).toEqual([]);
    expect(await t.turn(textMessage('Ann', { from: alice, chat: group }))).toEqual(['Thanks, Ann. Which size?']);
    expect(t.fallback).toHaveLength(1);
  });
});

describe('conversations: durability', () => {
  async function fileStore(): Promise<(scheduler: { now(): number }) => StateStore> {
    const directory = await mkdtemp(join(tmpdir(), 'tamtam-rx-convo-'));
    directories.push(directory);
    return (scheduler) => fileStateStore(directory, { now: () => scheduler.now() });
  }

  it('continues mid-dialog after a restart on a file store', async () => {
    const store = await fileStore();
    const before = start([orderForm], { store });
    await orderUpTo(before, 'size');
    before.stop();
    // A new process: a new engine, api and clock on the same folder.
    const after = start([orderForm], { store });
    const sizes = before.api.lastSent().message;
    expect(await after.turn(pressButton(sizes, 'S'))).toEqual(['Your order: size S for Ann. Place it?']);
    expect(after.fallback).toEqual([]);
  });

  it("after a restart, says the timeout on the chat's next update once the limit has passed", async () => {
    const store = await fileStore();
    const before = start([orderForm], { store });
    await orderUpTo(before, 'name');
    before.stop();
    const after = start([orderForm], { store, scheduler: before.scheduler });
    await after.advance(11 * 60_000); // no timer runs here: this process never saw the dialog
    expect(await after.turn(textMessage('Ann'))).toEqual([
      'The order form closed after 10 minutes without an answer. Send /order to start again.',
    ]);
    expect(after.fallback).toHaveLength(1);
  });

  it("takes over a dialog's time limit when another worker handles its next update", async () => {
    const store = await fileStore();
    const first = start([quiz], { store });
    await first.turn(textMessage('/quiz'));
    first.stop();
    const second = start([quiz], { store, scheduler: first.scheduler });
    expect(await second.turn(textMessage('hm'))).toEqual(['Please answer with the buttons.']);
    expect(await second.advance(SECONDS_PER_QUESTION * 1000)).toEqual([
      '⏰ Time is up!',
      expect.stringMatching(/^Question 2 of 3/),
    ]);
  });

  it('does not advance twice on a redelivered answer', async () => {
    const t = start([orderForm]);
    await orderUpTo(t, 'name');
    const answer = textMessage('Ann');
    expect(await t.turn(answer)).toEqual(['Thanks, Ann. Which size?']);
    const again: Update = structuredClone(answer);
    markRedelivery(again);
    expect(await t.turn(again)).toEqual([]);
    const sizes = t.api.lastSent().message;
    expect(await t.turn(pressButton(sizes, 'M'))).toEqual(['Your order: size M for Ann. Place it?']);
  });

  it('counts an answer handled only once its new position is durable', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let gated = false;
    let writeWaiting = false;
    const t = start([orderForm], {
      store: (scheduler) => {
        const inner = memoryStateStore({ now: () => scheduler.now() });
        return {
          get: (key) => inner.get(key),
          delete: (key) => inner.delete(key),
          set: async (key, value, options) => {
            if (gated) {
              writeWaiting = true;
              await gate;
            }
            return inner.set(key, value, options);
          },
        };
      },
    });
    await orderUpTo(t, 'name');
    gated = true;
    const outcomes: string[] = [];
    t.emitTracked(textMessage('Ann'), {
      handled: () => outcomes.push('handled'),
      abandoned: () => outcomes.push('abandoned'),
    });
    await waitFor(() => writeWaiting);
    // The next question is already sent (messages go first), but the write is not durable yet.
    expectSent(t.api, { text: 'Thanks, Ann. Which size?' });
    expect(outcomes).toEqual([]);
    release();
    await t.idle();
    expect(outcomes).toEqual(['handled']);
  });
});

describe('conversations: starting from code, failing steps', () => {
  it('starts a dialog from code with enter(), at a chosen step with its data', async () => {
    const t = start([orderForm]);
    await t.turn(textMessage('I want the usual'));
    const update = t.fallback[0];
    if (update === undefined) throw new Error('no fallback update');
    await new Promise<void>((resolve, reject) =>
      t.dialogs.enter(update, orderForm, { step: 'size', data: { name: 'Usual' } }).subscribe({
        error: reject,
        complete: resolve,
      }),
    );
    expect(await t.turn(textMessage('s'))).toEqual([
      'Thanks, Usual. Which size?', // sent by enter()
      'Your order: size S for Usual. Place it?',
    ]);
  });

  it('reports a step that throws and keeps the dialog where it was', async () => {
    interface Steps {
      ask: Record<string, never>;
    }
    const fragile = conversation<Steps>({
      id: 'fragile',
      enterOn: '/go',
      start: { step: 'ask', data: {} },
      steps: {
        ask: {
          ask: () => 'Say something',
          answer: (c) => {
            if (c.text === 'boom') throw new Error('step failed');
            return c.done(`You said ${c.text ?? '?'}`);
          },
        },
      },
    });
    const t = start([fragile]);
    expect(await t.turn(textMessage('/go'))).toEqual(['Say something']);
    expect(await t.turn(textMessage('boom'))).toEqual([]);
    expect(String(t.errors[0])).toMatch(/step failed/);
    expect(await t.turn(textMessage('hi'))).toEqual(['You said hi']);
    expect(t.fallback).toEqual([]);
  });
});

describe('conversations: definitions', () => {
  it('refuses a definition whose start names no step, with a message saying what to pass', () => {
    expect(() =>
      conversation<{ a: Record<string, never> }>({
        id: 'x',
        // @ts-expect-error: 'b' is not a step
        start: { step: 'b', data: {} },
        steps: { a: { answer: (c) => c.done() } },
      }),
    ).toThrow(/start.step must name one of the steps \(a\)/);
  });

  it('reports and drops a stored record of a flow that no longer runs', async () => {
    const t = start([orderForm]);
    const key = `conversation:chat:${String(dialogWith(alice).chat_id)}`;
    await t.store.set(key, {
      v: 1,
      flow: 'gone',
      step: 'x',
      data: {},
      seq: 0,
      stepDeadline: null,
      deadline: null,
      applied: [],
      target: { chat_id: 1 },
    });
    expect(await t.turn(textMessage('hello'))).toEqual([]);
    expect(t.fallback).toHaveLength(1);
    expect(String(t.errors[0])).toMatch(/no flow 'gone'/);
    expect(await t.store.get(key)).toBeUndefined();
  });

  it('asks each question of the quiz with its buttons', async () => {
    const t = start([quiz]);
    await t.turn(textMessage('/quiz'));
    const question = t.api.lastSent().message;
    const buttons = question.body.attachments?.flatMap((a) =>
      a.type === 'inline_keyboard' ? a.payload.buttons.flat() : [],
    );
    expect(buttons?.map((b) => b.text)).toEqual(QUESTIONS[0]?.answers);
  });
});
