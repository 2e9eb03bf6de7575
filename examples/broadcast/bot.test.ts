import { takeUntil, timer } from 'rxjs';
import { describe, expect, it, vi } from 'vitest';
import {
  type DialectKit,
  type FakeApi,
  type FakeTable,
  TEST_CHATS,
  TEST_USERS,
  apiError,
  botRemoved,
  createFakeApi,
  dialectKit,
  textMessage,
} from '../../src/testing/index';
import { marbles } from '../../test/helpers/marbles';
import { broadcastBot } from './bot';

const aliceDialog = TEST_CHATS.dialogWithAlice.chat_id ?? 0;
const group = TEST_CHATS.group.chat_id ?? 0;

/** [virtual time, chat, text] of every news issue sent. */
function issuesOf<T extends FakeTable>(api: FakeApi<T>) {
  return api
    .sent()
    .filter((s) => s.text?.startsWith('📰'))
    .map((s) => [s.request.time, s.chatId, s.text]);
}

/** The schedule, written once for both dialects like the bot. */
function scheduleSuite<T extends FakeTable>(kit: DialectKit<T>): void {
  it(
    'sends each issue to the chats subscribed at that moment',
    marbles((m) => {
      const api = kit.fakeApi();
      const updates$ = m.hot('100ms a 999ms b 1999ms c', {
        a: kit.textMessage('/subscribe'),
        b: kit.textMessage('/subscribe', { from: kit.users.bob, chat: kit.chats.group }),
        c: kit.textMessage('/unsubscribe'),
      });
      broadcastBot(api, updates$, { period: 1000 })
        .pipe(takeUntil(timer(4500)))
        .subscribe();
      m.flush();

      expect(issuesOf(api)).toEqual([
        [1000, aliceDialog, '📰 News #1'],
        [2000, aliceDialog, '📰 News #2'],
        [2000, group, '📰 News #2'],
        [3000, aliceDialog, '📰 News #3'],
        [3000, group, '📰 News #3'],
        [4000, group, '📰 News #4'],
      ]);
      expect(
        api
          .sent()
          .filter((s) => !s.text?.startsWith('📰'))
          .map((s) => [s.request.time, s.text]),
      ).toEqual([
        [100, 'Subscribed: you will get the news here.'],
        [1100, 'Subscribed: you will get the news here.'],
        [3100, 'Unsubscribed: no more news here.'],
      ]);
    }),
  );
}

describe('broadcast bot schedule (virtual time, TamTam)', () => scheduleSuite(dialectKit('tamtam')));
describe('broadcast bot schedule (virtual time, Max)', () => scheduleSuite(dialectKit('max')));

describe('broadcast bot (virtual time)', () => {
  it(
    'drops chats that are gone and goes on for the others',
    marbles((m) => {
      const errors = vi.fn();
      const api = createFakeApi();
      const updates$ = m.hot('a b 1500ms c', {
        a: textMessage('/subscribe'),
        b: textMessage('/subscribe', { from: TEST_USERS.bob, chat: TEST_CHATS.group }),
        c: botRemoved({ chat_id: group }),
      });
      api.respond('sendMessage', (request, defaultAnswer) =>
        request.time === 1000 && request.query['chat_id'] === aliceDialog
          ? apiError(403, 'chat.denied', 'The user blocked the bot')
          : defaultAnswer(),
      );
      broadcastBot(api, updates$, { period: 1000, onError: errors })
        .pipe(takeUntil(timer(3500)))
        .subscribe();
      m.flush();

      // Alice blocked the bot before issue 1; the bot left the group at 1502 ms, so later issues reach nobody.
      expect(issuesOf(api)).toEqual([[1000, group, '📰 News #1']]);
      expect(api.requests('sendMessage').filter((r) => r.time >= 2000)).toEqual([]);
      expect(errors).not.toHaveBeenCalled();
    }),
  );

  it(
    'reports other delivery failures and keeps the chat',
    marbles((m) => {
      const errors = vi.fn();
      const api = createFakeApi();
      api.respondOnce('sendMessage', (_r, d) => d()); // the /subscribe confirmation
      api.respondOnce('sendMessage', apiError(500, 'internal.error'));
      broadcastBot(api, m.hot('a', { a: textMessage('/subscribe') }), { period: 1000, onError: errors })
        .pipe(takeUntil(timer(2500)))
        .subscribe();
      m.flush();

      expect(errors).toHaveBeenCalledTimes(1);
      expect(errors.mock.calls[0]?.[1]).toBe(aliceDialog);
      expect(issuesOf(api)).toEqual([[2000, aliceDialog, '📰 News #2']]);
    }),
  );
});
