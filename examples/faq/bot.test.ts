import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { UpdateOfTable } from '../../src/index';
import {
  type DialectKit,
  type FakeTable,
  TEST_USERS,
  botStarted,
  dialectKit,
  expectAnswered,
  expectSent,
  maxUpdates,
  pressButton,
  textMessage,
} from '../../src/testing/index';
import { DEFAULT_TOPICS, faqBot, faqCodec } from './bot';

const TOPIC_BUTTONS = Object.values(DEFAULT_TOPICS).map((t) => t.title);

function start(options: Parameters<typeof faqBot>[2] = {}) {
  return startOn(dialectKit('tamtam'), options);
}

/** The bot on a fake api of `kit`'s dialect. */
function startOn<T extends FakeTable>(kit: DialectKit<T>, options: Parameters<typeof faqBot>[2] = {}) {
  const api = kit.fakeApi();
  const updates$ = new Subject<UpdateOfTable<T>>();
  faqBot(api, updates$, options).subscribe();
  return { api, updates$ };
}

/** The menu flow, written once for both dialects like the bot. */
function menuSuite<T extends FakeTable>(kit: DialectKit<T>, aliceIsGreetedAs: string): void {
  it('/start greets by name and a topic replaces the menu; Back brings it again', () => {
    const { api, updates$ } = startOn(kit);
    updates$.next(kit.textMessage('/start'));
    const menu = expectSent(api, {
      text: new RegExp(`Hello, \\*\\*${aliceIsGreetedAs}\\*\\*`),
      buttons: TOPIC_BUTTONS,
    }).message;

    const delivery = kit.pressButton(menu, '🚚 Delivery');
    updates$.next(delivery);
    expectAnswered(api, { text: /same day/, buttons: ['◀ Back to topics'] });
    updates$.next(kit.pressButton(api.answeredMessage(delivery), '◀ Back to topics'));
    expectAnswered(api, { text: /Pick a topic/, buttons: TOPIC_BUTTONS });
    expect(api.sent()).toHaveLength(1);
  });
}

describe('FAQ bot menu (TamTam)', () => menuSuite(dialectKit('tamtam'), 'Alice Smith'));
describe('FAQ bot menu (Max)', () => {
  menuSuite(dialectKit('max'), 'Alice');

  it('pressing Start greets by first_name (Max deprecated name)', () => {
    const { api, updates$ } = startOn(dialectKit('max'));
    updates$.next(maxUpdates.botStarted());
    expectSent(api, { text: /Hello, \*\*Alice\*\*!/, buttons: TOPIC_BUTTONS });
  });
});

describe('FAQ bot', () => {
  it('/start greets by name (escaped markdown) and shows the topics', () => {
    const { api, updates$ } = start();
    updates$.next(textMessage('/start', { from: { ...TEST_USERS.bob, name: 'Bob *the* Builder' } }));
    const sent = expectSent(api, { userId: TEST_USERS.bob.user_id, text: /Pick a topic/, buttons: TOPIC_BUTTONS });
    expect(sent.body.format).toBe('markdown');
    expect(sent.text).toContain('**Bob \\*the\\* Builder**');
  });

  it('pressing Start in the dialog shows the same menu', () => {
    const { api, updates$ } = start();
    updates$.next(botStarted());
    expectSent(api, { text: /Hello, \*\*Alice Smith\*\*/, buttons: TOPIC_BUTTONS });
  });

  it('a topic replaces the menu with its answer and a Back button; Back brings the menu again', () => {
    const { api, updates$ } = start();
    updates$.next(textMessage('/start'));
    const menu = expectSent(api).message;

    const delivery = pressButton(menu, '🚚 Delivery');
    updates$.next(delivery);
    expectAnswered(api, { text: /same day/, buttons: ['◀ Back to topics'] });

    updates$.next(pressButton(api.answeredMessage(delivery), '◀ Back to topics'));
    expectAnswered(api, { text: /Pick a topic/, buttons: TOPIC_BUTTONS });
    expect(api.sent()).toHaveLength(1);
  });

  it('answers a stale topic with a notification instead of failing', () => {
    const { api, updates$ } = start();
    updates$.next(textMessage('/start'));
    updates$.next(
      pressButton(expectSent(api).message, TOPIC_BUTTONS[0] ?? '', {
        overrides: { callback: { payload: faqCodec.encode({ topic: 'gone' }) } },
      }),
    );
    expectAnswered(api, { notification: /no longer here/ });
  });

  it('/help lists the commands, the footer, and a help-center link when configured', () => {
    const { api, updates$ } = start({ helpFooter: 'Also try /poll', supportUrl: 'https://example.com/support' });
    updates$.next(textMessage('/help'));
    expectSent(api, { text: '/start — show the topics\n/help — this list\n\nAlso try /poll' });
    updates$.next(textMessage('/start'));
    const menu = expectSent(api, { text: /Pick a topic/ });
    expect(menu.message.body.attachments?.[0]).toMatchObject({
      payload: {
        buttons: expect.arrayContaining([
          [{ type: 'link', text: '🌐 Help center', url: 'https://example.com/support' }],
        ]),
      },
    });
  });
});
