import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Update } from '../../src/index';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import {
  TEST_CHATS,
  TEST_USERS,
  createFakeApi,
  expectNotSent,
  expectSent,
  keyboardButtons,
  textMessage,
} from '../../src/testing/index';
import { withEmulator } from '../../src/testing/entry-emulator';
import { forwarderBot } from './bot';

const team = TEST_CHATS.group.chat_id ?? 0;
const options = { targetChatId: team, channelUrl: 'https://tt.me/emulator_news' };

function start() {
  const api = createFakeApi();
  const updates$ = new Subject<Update>();
  forwarderBot(api, updates$, options).subscribe();
  return { api, updates$ };
}

describe('forwarder bot (fake api)', () => {
  it('/start offers the channel link and a share-my-phone button', () => {
    const { api, updates$ } = start();
    updates$.next(textMessage('/start'));
    const { message } = expectSent(api, {
      userId: TEST_USERS.alice.user_id,
      text: /pass it on to our team/,
      buttons: ['📣 Our channel', '📱 Share my phone'],
    });
    expect(keyboardButtons(message)).toEqual([
      { type: 'link', text: '📣 Our channel', url: 'https://tt.me/emulator_news' },
      { type: 'request_contact', text: '📱 Share my phone' },
    ]);
    expectNotSent(api, { chatId: team });
  });

  it('forwards a question to the team chat, then confirms to the user', () => {
    const { api, updates$ } = start();
    const question = textMessage('Where is my order #42?');
    updates$.next(question);

    const forward = expectSent(api, { chatId: team });
    expect(forward.body).toEqual({ link: { type: 'forward', mid: question.message.body.mid } });
    expect(forward.message.link?.type).toBe('forward');
    const confirmation = expectSent(api, { userId: TEST_USERS.alice.user_id, text: /Forwarded to our team/ });
    expect(confirmation.request.index).toBeGreaterThan(forward.request.index);
  });

  it('thanks by name for a shared contact', () => {
    const { api, updates$ } = start();
    const card = textMessage(null, {
      from: TEST_USERS.bob,
      attachments: [
        {
          type: 'contact',
          payload: { vcf_info: 'BEGIN:VCARD\nFN:Bob Brown\nTEL:+4912345\nEND:VCARD', tam_info: TEST_USERS.bob },
        },
      ],
    });
    updates$.next(card);
    expectSent(api, { chatId: team, match: (m) => m.link?.message.mid === card.message.body.mid });
    expectSent(api, { userId: TEST_USERS.bob.user_id, text: 'Thanks, Bob Brown! We will call you back soon.' });
  });

  it('ignores group messages and other commands', () => {
    const { api, updates$ } = start();
    updates$.next(textMessage('hello team', { from: TEST_USERS.bob, chat: TEST_CHATS.group }));
    updates$.next(textMessage('/help'));
    expectNotSent(api);
  });
});

describe.each(['tamtam', 'max'] as const)('forwarder bot (emulator, %s)', (dialect) => {
  it('forwards the contact Alice shares with the request_contact button', () =>
    withEmulator(
      async ({ emulator, waitForSent }) => {
        const alice = emulator.actAs(DEFAULT_WORLD_IDS.alice);
        alice.sendToBot('/start');
        const welcome = await waitForSent({
          userId: DEFAULT_WORLD_IDS.alice,
          buttons: ['📣 Our channel', '📱 Share my phone'],
        });

        alice.pressButton(welcome.body.mid, '📱 Share my phone');
        const forwarded = await waitForSent({ chatId: DEFAULT_WORLD_IDS.group });
        expect(forwarded.link).toMatchObject({ type: 'forward', sender: { user_id: DEFAULT_WORLD_IDS.alice } });
        expect(forwarded.link?.message.attachments?.[0]?.type).toBe('contact');
        // greeted by `name` on TamTam, by `first_name` on Max
        await waitForSent({
          userId: DEFAULT_WORLD_IDS.alice,
          text: dialect === 'max' ? /Thanks, Alice!/ : /Thanks, Alice Smith!/,
        });
      },
      {
        dialect,
        bot: (api, updates$) =>
          forwarderBot(api, updates$, {
            targetChatId: DEFAULT_WORLD_IDS.group,
            channelUrl: 'https://tt.me/emulator_news',
          }),
      },
    ));
});
