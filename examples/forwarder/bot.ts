/**
 * Forwarder: people write to the bot in a dialog, and the bot forwards every message to a
 * team chat (or channel) where the bot is a member, then confirms. `/start` explains this and
 * offers a link to the public channel and a button to share one's phone number; a shared
 * contact is forwarded like any message, with a thank-you.
 *
 * Written once for both dialects (generic over the api's operation table); `ofChatType('dialog')`
 * knows a Max dialog (Max calls every chat `chat`) by its recipient.
 */
import { type Observable, concatMap, filter, merge } from 'rxjs';
import { greetingName } from '../faq/bot';
import {
  type Api,
  type MaxOperations,
  type TamTamOperations,
  type UpdateOfTable,
  command,
  inlineKeyboard,
  linkButton,
  ofChatType,
  ofType,
  perChat,
  reply,
  requestContactButton,
  sendMessage,
} from '../../src/index';

/**
 * Options of {@link forwarderBot}.
 *
 * @example
 * forwarderBot(api, updates$, { targetChatId: -70_000_000_001, channelUrl: 'https://tt.me/emulator_news' });
 */
export interface ForwarderOptions {
  /** Where messages are forwarded: a group chat or channel the bot can write to. */
  readonly targetChatId: number;
  /** The public channel the "Our channel" button opens. */
  readonly channelUrl: string;
}

/**
 * Wires the forwarder bot, on either dialect (`T`: the api's operation table).
 *
 * @example
 * forwarderBot(api, fromLongPolling(api), { targetChatId, channelUrl }).subscribe();
 */
export function forwarderBot<T extends TamTamOperations | MaxOperations = TamTamOperations>(
  api: Api<T>,
  updates$: Observable<UpdateOfTable<T>>,
  options: ForwarderOptions,
): Observable<unknown> {
  const dialogs$ = updates$.pipe(ofType('message_created'), ofChatType('dialog'));

  const welcome$ = dialogs$.pipe(
    command('start'),
    perChat((u) =>
      reply(api, u, {
        text: 'Write your question here and I will pass it on to our team. You can also leave your phone number and we will call you back.',
        attachments: [
          inlineKeyboard([
            [linkButton('📣 Our channel', options.channelUrl)],
            [requestContactButton('📱 Share my phone')],
          ]),
        ],
      }),
    ),
  );

  const forwards$ = dialogs$.pipe(
    filter((u) => !(u.message.body.text ?? '').startsWith('/')),
    perChat((u) => {
      const contact = u.message.body.attachments?.find((a) => a.type === 'contact');
      const thanks = contact
        ? `Thanks, ${greetingName(u.message.sender)}! We will call you back soon.`
        : 'Forwarded to our team ✅ We will answer here.';
      return sendMessage(
        api,
        { chat_id: options.targetChatId },
        { link: { type: 'forward', mid: u.message.body.mid } },
      ).pipe(concatMap(() => reply(api, u, thanks, { quote: true })));
    }),
  );

  return merge(welcome$, forwards$);
}
