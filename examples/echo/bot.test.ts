import { Subject, of } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import type { Update } from '../../src/index';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import { TEST_CHATS, TEST_USERS, apiError, createFakeApi, expectSent, textMessage } from '../../src/testing/index';
import { withEmulator } from '../../src/testing/entry-emulator';
import { echoBot } from './bot';

describe('echo bot (fake api)', () => {
  it('answers a text with the same text, quoting it, in the same chat', () => {
    const api = createFakeApi();
    const hello = textMessage('Hello there');
    echoBot(api, of(hello)).subscribe();

    const sent = expectSent(api, { chatId: TEST_CHATS.dialogWithAlice.chat_id ?? 0, text: 'Hello there', times: 1 });
    expect(sent.body.link).toEqual({ type: 'reply', mid: hello.message.body.mid });
  });

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
