/**
 * A 20-handler bot that exercises every operator and builder with full type inference. It is
 * also the compile-time benchmark: `tsc --noEmit` on this file alone should stay fast.
 *
 * Run (against the emulator or the real API): `TAMTAM_TOKEN=... npx tsx examples/type-check-bot.ts`
 *
 * Measured by `npm run bench -- typecheck` (rows 7, TS 5.9 and TS 7, ratios to an empty file
 * with the same options). Against the library's declarations — what an app importing the
 * package compiles — the whole file costs about 8 100 type instantiations (TS 5.9), under
 * 6 000 of them in the 20 handlers.
 * Against `src/` the whole core entry is type-checked too (about 40 100 instantiations with no
 * handler at all, 43 400 with them): that row measures the library's own sources, not the bot.
 */
import {
  type Observable,
  EMPTY,
  debounceTime,
  filter,
  groupBy,
  map,
  merge,
  mergeMap,
  scan,
  share,
  switchMap,
  takeUntil,
  timer,
} from 'rxjs';
import { answerOnCallback, construct, createApi, editMessage, fromLongPolling, sendAction, upload } from '../src/index';
import type { Update } from '../src/index';
import {
  callbackData,
  callbackPayload,
  chatIdOf,
  command,
  fromUser,
  hasAttachment,
  inChat,
  isolate,
  messageText,
  ofChatType,
  ofType,
  perChat,
  reply,
  startPayload,
  userOf,
} from '../src/operators/index';
import {
  attach,
  buttonGrid,
  callbackButton,
  chatButton,
  html,
  inlineKeyboard,
  linkButton,
  md,
  payloadCodec,
  requestContactButton,
  requestGeoLocationButton,
} from '../src/builders/index';

const api = createApi({
  token: process.env['TAMTAM_TOKEN'] ?? 'missing-token',
  baseUrl: process.env['TAMTAM_API'] ?? 'https://botapi.tamtam.chat',
});
const ownerId = Number(process.env['OWNER_ID'] ?? 0);
const supportChatId = Number(process.env['SUPPORT_CHAT_ID'] ?? 0);

const vote = payloadCodec('vote', { poll: 'int', choice: ['yes', 'no'] });
const page = payloadCodec('page', { n: 'int', sort: ['asc', 'desc'] });

const pollKeyboard = (poll: number) =>
  inlineKeyboard([
    [
      callbackButton('Yes', vote, { poll, choice: 'yes' }, { intent: 'positive' }),
      callbackButton('No', vote, { poll, choice: 'no' }, { intent: 'negative' }),
    ],
    [linkButton('About polls', 'https://dev.tamtam.chat')],
  ]);

const updates$: Observable<Update> = fromLongPolling(api).pipe(share());
const log = (e: Error) => console.error(e.message);

const handlers: Observable<unknown>[] = [
  // 1. /start with a greeting that escapes the user's name.
  updates$.pipe(
    command('start'),
    perChat(
      (u) => reply(api, u, md`Hello, ${md.bold(u.message.sender?.name ?? 'stranger')}! Try ${md.code('/poll')}.`),
      { onError: log },
    ),
  ),
  // 2. /help listing commands as HTML.
  updates$.pipe(
    command(['help', 'commands']),
    perChat((u) =>
      reply(api, u, html`${html.heading('Commands')}${html.join(['/start', '/poll', '/page 1'], html.raw('<br>'))}`),
    ),
  ),
  // 3. /poll posts a keyboard with typed payloads.
  updates$.pipe(
    command('poll'),
    perChat((u) =>
      reply(api, u, {
        text: `Poll #${u.message.body.seq}`,
        attachments: [pollKeyboard(Number(u.command.argv[0] ?? 1))],
      }),
    ),
  ),
  // 4. Votes decoded from the payload.
  updates$.pipe(
    callbackData(vote),
    isolate(
      (u) =>
        answerOnCallback(api, u.callback.callback_id, {
          notification: `Poll ${u.data.poll}: ${u.data.choice === 'yes' ? '👍' : '👎'}`,
        }),
      { onError: log },
    ),
  ),
  // 5. Paging with a second codec: edits the message in place.
  updates$.pipe(
    callbackData(page),
    perChat((u) => {
      const next = u.data.n + 1;
      const mid = u.message?.body.mid;
      const keyboard = inlineKeyboard([[callbackButton(`Page ${next}`, page, { n: next, sort: u.data.sort })]]);
      return mid === undefined ? EMPTY : editMessage(api, mid, { text: `Page ${u.data.n}`, attachments: [keyboard] });
    }),
  ),
  // 6. Raw string payload.
  updates$.pipe(
    callbackPayload('menu:contact'),
    isolate((u) =>
      answerOnCallback(api, u.callback.callback_id, {
        message: { text: 'Share your phone?', attachments: [inlineKeyboard([[requestContactButton('Share')]])] },
      }),
    ),
  ),
  // 7. RegExp payload with typed groups.
  updates$.pipe(
    callbackPayload<'id' | 'action'>(/^order:(?<id>\d+):(?<action>ship|cancel)$/),
    perChat((u) =>
      answerOnCallback(api, u.callback.callback_id, {
        notification: `Order ${Number(u.match.groups.id)}: ${u.match.groups.action}`,
      }),
    ),
  ),
  // 8. Exact text.
  updates$.pipe(
    messageText('ping'),
    isolate((u) => reply(api, u, 'pong', { quote: true })),
  ),
  // 9. Text RegExp with groups.
  updates$.pipe(
    messageText<'sides'>(/^roll d(?<sides>\d{1,3})$/i),
    perChat((u) => reply(api, u, `🎲 ${1 + Math.floor(Math.random() * Number(u.match.groups.sides))}`)),
  ),
  // 10. Deep links.
  updates$.pipe(
    startPayload<'campaign'>(/^ref_(?<campaign>\w+)$/),
    perChat((u) => reply(api, u, md`Welcome from the ${md.italic(u.match.groups.campaign)} campaign, ${u.user.name}!`)),
  ),
  // 11. Photos: send them back.
  updates$.pipe(
    hasAttachment('image'),
    perChat((u) => reply(api, u, { text: 'Nice picture', attachments: u.attachments.map((a) => attach.image(a)) })),
  ),
  // 12. Locations in dialogs.
  updates$.pipe(
    hasAttachment('location'),
    ofChatType('dialog'),
    perChat((u) =>
      reply(api, u, {
        text: 'You are here:',
        attachments: [attach.location(u.attachments[0].latitude, u.attachments[0].longitude)],
      }),
    ),
  ),
  // 13. Owner-only command.
  updates$.pipe(
    command('stats'),
    fromUser(ownerId),
    perChat((u) => reply(api, u, `Chat ${chatIdOf(u) ?? '?'} is fine`)),
  ),
  // 14. Support chat: debounced typing indicator per chat.
  updates$.pipe(
    ofType('message_created'),
    inChat(supportChatId),
    groupBy((u) => chatIdOf(u), { duration: (g) => g.pipe(debounceTime(60_000)) }),
    mergeMap((chat) => chat.pipe(debounceTime(2_000))),
    isolate((u) => sendAction(api, u.message.recipient.chat_id ?? supportChatId, 'typing_on')),
  ),
  // 15. Per-chat message counter with scan.
  updates$.pipe(
    ofType('message_created'),
    groupBy((u) => chatIdOf(u)),
    mergeMap((chat) =>
      chat.pipe(
        scan((n) => n + 1, 0),
        filter((n) => n % 100 === 0),
        map((n) => ({ chat: chat.key, n })),
      ),
    ),
  ),
  // 16. Welcome new members.
  updates$.pipe(
    ofType('user_added'),
    perChat((u) => reply(api, u, md`Welcome, ${md.mention(u.user.name, u.user.user_id)}!`)),
  ),
  // 17. Added to a chat: offer a discussion chat button and location request.
  updates$.pipe(
    ofType('bot_added'),
    filter((u) => !u.is_channel),
    perChat((u) =>
      reply(api, u, {
        text: 'Hi all',
        attachments: [
          inlineKeyboard([
            [chatButton('Discuss', 'Side chat', { startPayload: 'side' })],
            [requestGeoLocationButton('Where are we?', { quick: true })],
          ]),
        ],
      }),
    ),
  ),
  // 18. Chat created by a chat button.
  updates$.pipe(
    ofType('message_chat_created'),
    perChat((u) => reply(api, u, `Created from ${u.start_payload ?? 'a button'}`)),
  ),
  // 19. Constructor mode.
  updates$.pipe(
    ofType('message_construction_request'),
    isolate((u) =>
      construct(api, u.session_id, {
        messages: [{ text: `Draft by ${userOf(u)?.name ?? 'someone'}` }],
        allow_user_input: true,
      }),
    ),
  ),
  // 20. A reminder if a /quiz is not answered within a minute, and a file upload on /report.
  merge(
    updates$.pipe(
      command('quiz'),
      mergeMap((q) =>
        timer(60_000).pipe(
          takeUntil(updates$.pipe(messageText(/^\d+$/), inChat(chatIdOf(q) ?? 0))),
          switchMap(() => reply(api, q, 'Time is up!')),
        ),
      ),
    ),
    updates$.pipe(
      command('report'),
      perChat((u) =>
        upload(api, 'file', Buffer.from('report')).pipe(
          switchMap((file) => reply(api, u, { text: 'Report', attachments: [file] })),
        ),
      ),
    ),
    updates$.pipe(
      ofType('message_callback'),
      map((u) => buttonGrid([callbackButton(u.callback.callback_id, 'x')], 1)),
    ),
  ),
];

if (process.env['TAMTAM_TOKEN']) merge(...handlers).subscribe();
