/**
 * FAQ / support bot: `/start` (or pressing Start) greets the user and shows the topics as an
 * inline keyboard; pressing a topic replaces the menu with the answer and a "Back" button;
 * `/help` lists the commands. The menu is edited in place, so the chat stays tidy.
 *
 * Written once for both dialects (generic over the api's operation table): the keyboard holds
 * only callback and link buttons, and the greeting reads the name both dialects send.
 */
import { type Observable, merge } from 'rxjs';
import {
  type Api,
  type CallbackButton,
  type LinkButton,
  type MaxOperations,
  type MaxUser,
  type TamTamOperations,
  type UpdateOfTable,
  type User,
  answerOnCallback,
  buttonGrid,
  callbackButton,
  callbackData,
  command,
  inlineKeyboard,
  linkButton,
  md,
  ofType,
  payloadCodec,
  perChat,
  reply,
} from '../../src/index';

/**
 * One FAQ entry.
 *
 * @example
 * const hours: FaqTopic = { title: 'Opening hours', answer: 'Every day 9:00–21:00.' };
 */
export interface FaqTopic {
  /** Button label and heading. */
  readonly title: string;
  /** The answer (plain text; it is escaped). */
  readonly answer: string;
}

/**
 * Options of {@link faqBot}.
 *
 * @example
 * faqBot(api, updates$, { supportUrl: 'https://example.com/support', helpFooter: 'Also try /poll' });
 */
export interface FaqBotOptions {
  /** Topics by id. Default {@link DEFAULT_TOPICS}. */
  readonly topics?: Readonly<Record<string, FaqTopic>>;
  /** A link button under the menu ("Contact us"). Default: none. */
  readonly supportUrl?: string;
  /** An extra line at the end of `/help`. Default: none. */
  readonly helpFooter?: string;
}

/**
 * The topics the bot answers unless told otherwise.
 *
 * @example
 * Object.keys(DEFAULT_TOPICS); // ['hours', 'delivery', 'refunds', 'contact']
 */
export const DEFAULT_TOPICS: Readonly<Record<string, FaqTopic>> = {
  hours: { title: '🕘 Opening hours', answer: 'We are open every day from 9:00 to 21:00.' },
  delivery: { title: '🚚 Delivery', answer: 'Orders placed before 14:00 are delivered the same day.' },
  refunds: { title: '💸 Refunds', answer: 'Send the item back within 30 days and we refund you in full.' },
  contact: { title: '☎️ Talk to a human', answer: 'Write to support@example.com and a person answers within a day.' },
};

/**
 * Payloads of the FAQ buttons: `faq:<topic>`, and `faq:menu` for "Back".
 *
 * @example
 * faqCodec.encode({ topic: 'hours' }); // 'faq:hours'
 */
export const faqCodec = payloadCodec('faq', { topic: 'string' });

const MENU = 'menu';

/**
 * The name to greet a user by: Max's `first_name`, TamTam's `name`.
 *
 * @example
 * greetingName(MAX_TEST_USERS.alice); // 'Alice'
 */
export function greetingName(user: User | MaxUser | undefined): string {
  if (user === undefined) return 'there';
  return 'first_name' in user ? user.first_name : user.name;
}

/**
 * Wires the FAQ bot, on either dialect (`T`: the api's operation table).
 *
 * @example
 * faqBot(api, fromLongPolling(api), { supportUrl: 'https://example.com/support' }).subscribe();
 */
export function faqBot<T extends TamTamOperations | MaxOperations = TamTamOperations>(
  api: Api<T>,
  updates$: Observable<UpdateOfTable<T>>,
  options: FaqBotOptions = {},
): Observable<unknown> {
  const topics = options.topics ?? DEFAULT_TOPICS;

  const menuKeyboard = () => {
    const rows: (CallbackButton | LinkButton)[][] = buttonGrid(
      Object.entries(topics).map(([topic, { title }]) => callbackButton(title, faqCodec, { topic })),
      2,
    );
    if (options.supportUrl) rows.push([linkButton('🌐 Help center', options.supportUrl)]);
    return inlineKeyboard(rows);
  };
  const menu = (name: string) => ({
    ...md`Hello, ${md.bold(name)}! I answer common questions. Pick a topic:`,
    attachments: [menuKeyboard()],
  });
  const answer = (topic: FaqTopic) => ({
    ...md`${md.bold(topic.title)}\n${topic.answer}`,
    attachments: [inlineKeyboard([[callbackButton('◀ Back to topics', faqCodec, { topic: MENU })]])],
  });

  const greetings$ = merge(
    updates$.pipe(
      command('start'),
      perChat((u) => reply(api, u, menu(greetingName(u.message.sender)))),
    ),
    updates$.pipe(
      ofType('bot_started'),
      perChat((u) => reply(api, u, menu(greetingName(u.user)))),
    ),
  );

  const help$ = updates$.pipe(
    command('help'),
    perChat((u) => {
      const lines = ['/start — show the topics', '/help — this list'];
      if (options.helpFooter) lines.push('', options.helpFooter);
      return reply(api, u, lines.join('\n'));
    }),
  );

  const presses$ = updates$.pipe(
    callbackData(faqCodec),
    perChat((u) => {
      const id = u.callback.callback_id;
      if (u.data.topic === MENU) return answerOnCallback(api, id, { message: menu(greetingName(u.callback.user)) });
      const topic = topics[u.data.topic];
      if (topic === undefined)
        return answerOnCallback(api, id, {
          notification: 'That topic is no longer here. Send /start for the current list.',
        });
      return answerOnCallback(api, id, { message: answer(topic) });
    }),
  );

  return merge(greetings$, help$, presses$);
}
