import { describe, expect, it } from 'vitest';
import { orderForm } from '../../examples/order-form/bot';
import { TEST_USERS, dialogWith, pressButton, textMessage } from '../../src/testing/index';
import { harness } from './harness';

const alice = TEST_USERS.alice;

describe('a conversation on the fake api', () => {
  it('asks, re-asks on a bad answer, takes a button, confirms and ends', async () => {
    const t = harness([orderForm]);
    expect(await t.turn(textMessage('/order'))).toEqual(['What name should we put on the order? (/cancel to stop)']);
    expect(await t.turn(textMessage('x'.repeat(41)))).toEqual(['That name is too long: 40 characters at most.']);
    expect(await t.turn(textMessage('Ann'))).toEqual(['Thanks, Ann. Which size?']);
    expect(await t.turn(textMessage('XL'))).toEqual(['Please pick a size with the buttons: S, M or L.']);
    const sizes = t.api.sent().at(-2)?.message;
    if (sizes === undefined) throw new Error('no size question');
    expect(await t.turn(pressButton(sizes, 'M'))).toEqual(['Your order: size M for Ann. Place it?']);
    expect(t.api.callbackAnswers().at(-1)?.notification).toBe('Size M');
    const confirm = t.api.lastSent().message;
    expect(await t.turn(pressButton(confirm, 'Place order'))).toEqual(['Order placed: size M for Ann. Thank you!']);
    expect(await t.store.get(`conversation:chat:${String(dialogWith(alice).chat_id)}`)).toBeUndefined();
    // Out of the dialog, messages go to the rest of the bot again.
    await t.turn(textMessage('hello'));
    expect(t.fallback.map((u) => (u.update_type === 'message_created' ? u.message.body.text : ''))).toEqual(['hello']);
    expect(t.errors).toEqual([]);
  });
});
