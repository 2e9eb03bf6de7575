import { type Observable, Subject, of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import type { Update, UpdateOfTable } from '../../src/index';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import {
  type DialectKit,
  type FakeTable,
  TEST_CHATS,
  TEST_USERS,
  apiError,
  createFakeApi,
  dialectKit,
  expectSent,
  textMessage,
} from '../../src/testing/index';
import { withEmulator } from '../../src/testing/entry-emulator';
import { echoBot } from './bot';

/** Written once for both dialects, like the bot. */
function echoSuite<T extends FakeTable>(kit: DialectKit<T>): void {
  it('answers a text with the same text, quoting it, in the same chat', () => {
    const api = kit.fakeApi();
    const hello = kit.textMessage('Hello there');
    const inGroup = kit.textMessage('hi all', { from: kit.users.bob, chat: kit.chats.group });
    const updates$: Observable<UpdateOfTable<T>> = of(hello, inGroup);
    echoBot(api, updates$).subscribe();

    const sent = expectSent(api, { chatId: kit.chats.dialogWithAlice.chat_id ?? 0, text: 'Hello there', times: 1 });
    expect(sent.body.link).toEqual({ type: 'reply', mid: hello.message.body.mid });
    expectSent(api, { chatId: kit.chats.group.chat_id ?? 0, text: 'hi all' });
  });
}

describe('echo bot (fake api, TamTam)', () => echoSuite(dialectKit('tamtam')));
describe('echo bot (fake api, Max)', () => echoSuite(dialectKit('max')));

describe('echo bot (fake api)', () => {
  it('asks for text when the message has none', () => {
    const api = createFakeApi();
    const sticker = textMessage(null, {
      attachments: [{ type: 'sticker', payload: { url: 'https://st.example/1', code: 'c1' }, width: 128, height: 128 }],
    });
    echoBot(api, of(sticker)).subscribe();
    expectSent(api, { text: /only echo text/ });
  });

  it('keeps each chat in order and goes on after a failed reply, reporting it', () => {
    const report = vi.spyOn(console, 'error').mockImplementation(() => {});
    const api = createFakeApi().respondOnce('sendMessage', apiError(403, 'chat.denied'));
    const updates$ = new Subject<Update>();
    const errors: unknown[] = [];
    echoBot(api, updates$).subscribe({ error: (e: unknown) => errors.push(e) });

    updates$.next(textMessage('first'));
    updates$.next(textMessage('in the group', { from: TEST_USERS.bob, chat: TEST_CHATS.group }));
    updates$.next(textMessage('second'));

    expect(api.sent().map((s) => s.text)).toEqual(['in the group', 'second']);
    expect(api.requests('sendMessage')[0]?.outcome).toBe('failed');
    expect(errors).toEqual([]);
    expect(String(report.mock.calls[0]?.[0])).toMatch(/chat\.denied/);
    report.mockRestore();
  });
});

describe('echo bot (emulator)', () => {
  it('echoes what Alice writes and what Bob writes in the group', () =>
    withEmulator(
      async ({ emulator, waitForSent }) => {
        emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('ping');
        emulator.actAs(DEFAULT_WORLD_IDS.bob).sendMessage(DEFAULT_WORLD_IDS.group, 'pong');

        const toAlice = await waitForSent({ userId: DEFAULT_WORLD_IDS.alice, text: 'ping' });
        expect(toAlice.link?.type).toBe('reply');
        await waitForSent({ chatId: DEFAULT_WORLD_IDS.group, text: 'pong' });
      },
      { bot: echoBot },
    ));

  it('runs unchanged on the Max emulator', () =>
    withEmulator(
      async ({ emulator, waitForSent }) => {
        expect(emulator.dialect).toBe('max');
        // one at a time: Max's first poll (no marker yet) returns only the latest update
        emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('ping');
        const toAlice = await waitForSent({ chatId: DEFAULT_WORLD_IDS.dialogWithAlice, text: 'ping' });
        expect(toAlice.link?.type).toBe('reply');
        emulator.actAs(DEFAULT_WORLD_IDS.bob).sendMessage(DEFAULT_WORLD_IDS.group, 'pong');
        await waitForSent({ chatId: DEFAULT_WORLD_IDS.group, text: 'pong' });
      },
      { dialect: 'max', bot: echoBot },
    ));
});
