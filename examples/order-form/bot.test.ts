import { Subject } from 'rxjs';
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
import { orderBot } from './bot';

describe('order form bot (fake api)', () => {
  it('takes an order: name, size button, confirmation', async () => {
    const api = createFakeApi();
    const updates$ = new Subject<Update>();
    const subscription = orderBot(api, updates$, { store: memoryStateStore() }).subscribe();
    /** Waits for the bot to say `text`; on timeout, expectSent fails listing what it said. */
    const botSays = async (text: string | RegExp) => {
      await waitFor(() => api.sent().some((s) => meetsCriteria(factsOf(s.message), { text }))).catch(() => {});
      return expectSent(api, { text });
    };

    updates$.next(textMessage('/order'));
    await botSays('What name should we put on the order? (/cancel to stop)');
    updates$.next(textMessage('Ann'));
    const sizes = (await botSays('Thanks, Ann. Which size?')).message;
    updates$.next(pressButton(sizes, 'L'));
    const confirm = (await botSays('Your order: size L for Ann. Place it?')).message;
    updates$.next(pressButton(confirm, 'Place order'));
    await botSays('Order placed: size L for Ann. Thank you!');
    updates$.next(textMessage('thanks'));
    await botSays('Send /order to order a pizza.');
    subscription.unsubscribe();
  });
});

describe('order form bot (emulator)', () => {
  it("plays the form in the chat page's world: text, keyboard, confirmation, and /cancel", () =>
    withEmulator(
      async ({ emulator, waitForSent }) => {
        const { alice, bob } = DEFAULT_WORLD_IDS;
        emulator.actAs(alice).sendToBot('/order');
        await waitForSent({ userId: alice, text: /What name/ });
        emulator.actAs(bob).sendToBot('/order');
        await waitForSent({ userId: bob, text: /What name/ });
        emulator.actAs(alice).sendToBot('Ann');
        const sizes = await waitForSent({ userId: alice, buttons: ['S', 'M', 'L'] });
        emulator.actAs(bob).sendToBot('/cancel');
        await waitForSent({ userId: bob, text: 'Order cancelled. Send /order to start again.' });
        emulator.actAs(alice).pressButton(sizes.body.mid, 'M');
        const confirm = await waitForSent({ userId: alice, buttons: ['Place order', 'Start over'] });
        emulator.actAs(alice).pressButton(confirm.body.mid, 'Place order');
        await waitForSent({ userId: alice, text: 'Order placed: size M for Ann. Thank you!' });
        expect(emulator.inspect.callbackAnswers().map((a) => a.answer.notification)).toEqual(['Size M', '✓']);
      },
      { bot: (api, updates$) => orderBot(api, updates$, { store: memoryStateStore() }) },
    ));
});
