import { describe, it } from 'vitest';
import {
  type MaxAttachmentRequest,
  type MaxNewMessageBody,
  conversation,
  conversations,
  memoryStateStore,
  perChat,
} from '../../src/index';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import { withEmulator } from '../../src/testing/entry-emulator';
import { testDialogId } from '../../src/testing/index';

interface PizzaSteps {
  size: Record<string, never>;
  name: { size: string };
}

/** A keyboard written as a Max attachment request. */
const sizeKeyboard: MaxAttachmentRequest = {
  type: 'inline_keyboard',
  payload: {
    buttons: [
      [
        { type: 'callback', text: 'S', payload: 'S' },
        { type: 'callback', text: 'L', payload: 'L' },
      ],
    ],
  },
};

/** A flow written for Max: its messages are Max message bodies. */
const pizza = conversation<PizzaSteps, MaxNewMessageBody>({
  id: 'max-pizza',
  enterOn: '/pizza',
  start: { step: 'size', data: {} },
  steps: {
    size: {
      ask: () => ({ text: 'Which size?', attachments: [sizeKeyboard] }),
      answer: (c) =>
        c.payload === 'S' || c.payload === 'L' ? c.next('name', { size: c.payload }) : c.retry('Use the buttons.'),
    },
    name: {
      ask: ({ data }) => `Size ${data.size}. Your name?`,
      answer: (c) =>
        c.text === undefined ? c.retry('Send your name as text.') : c.done(`${c.data.size} for ${c.text}, coming up.`),
    },
  },
});

describe('conversations on the Max emulator', () => {
  it('runs a dialog with a keyboard and text answers, two users at once', () =>
    withEmulator(
      async ({ emulator, waitForSent }) => {
        // On Max a dialog is a chat: messages are matched by the dialog's chat id.
        const alice = testDialogId(DEFAULT_WORLD_IDS.alice);
        const bob = testDialogId(DEFAULT_WORLD_IDS.bob);
        // Each action waits for the bot's answer: the Max emulator answers a poll without a
        // marker with only the latest update, so actions sent back to back can be skipped.
        const as = (user: number) => emulator.actAs(user);
        as(DEFAULT_WORLD_IDS.alice).sendToBot('/pizza');
        const aliceSizes = await waitForSent({ chatId: alice, text: 'Which size?' });
        as(DEFAULT_WORLD_IDS.bob).sendToBot('/pizza');
        const bobSizes = await waitForSent({ chatId: bob, text: 'Which size?' });
        as(DEFAULT_WORLD_IDS.alice).sendToBot('large please');
        await waitForSent({ chatId: alice, text: 'Use the buttons.' });
        as(DEFAULT_WORLD_IDS.bob).pressButton(bobSizes.body.mid, 'S');
        await waitForSent({ chatId: bob, text: 'Size S. Your name?' });
        as(DEFAULT_WORLD_IDS.alice).pressButton(aliceSizes.body.mid, 'L');
        await waitForSent({ chatId: alice, text: 'Size L. Your name?' });
        as(DEFAULT_WORLD_IDS.bob).sendToBot('/cancel');
        await waitForSent({ chatId: bob, text: 'Cancelled.' });
        as(DEFAULT_WORLD_IDS.alice).sendToBot('Alice');
        await waitForSent({ chatId: alice, text: 'L for Alice, coming up.' });
      },
      {
        dialect: 'max',
        bot: (api, updates$) => {
          const dialogs = conversations(api, { store: memoryStateStore(), flows: [pizza] });
          return updates$.pipe(perChat(dialogs.handler()));
        },
      },
    ));
});
