/**
 * An order form as a conversation: `/order` asks for a name (text, checked), then a size from
 * an inline keyboard, then shows the order for confirmation (place it, or start over).
 * `/cancel` leaves at any step; ten minutes without finishing closes the form. Everything else
 * the bot hears outside the form gets a hint.
 *
 * The form's position lives in the state store: with a file store, restarting the bot in the
 * middle of an order continues it.
 */
import type { Observable, SchedulerLike } from 'rxjs';
import {
  type Api,
  type StateStore,
  type Update,
  callbackButton,
  conversation,
  converse,
  inlineKeyboard,
  reply,
} from '../../src/index';

/** The sizes on offer. */
export const SIZES = ['S', 'M', 'L'] as const;

/**
 * A size on offer.
 *
 * @example
 * const size: Size = 'M';
 */
export type Size = (typeof SIZES)[number];

/**
 * The form's steps and the data collected by the time each is asked.
 *
 * @example
 * const atConfirm: OrderSteps['confirm'] = { name: 'Ann', size: 'M' };
 */
export interface OrderSteps {
  name: Record<string, never>;
  size: { name: string };
  confirm: { name: string; size: Size };
}

function isSize(value: string | undefined): value is Size {
  return SIZES.some((size) => size === value);
}

/**
 * The order form conversation.
 *
 * @example
 * conversations(api, { store, flows: [orderForm] });
 */
export const orderForm = conversation<OrderSteps>({
  id: 'order-form',
  enterOn: '/order',
  start: { step: 'name', data: {} },
  timeout: 10 * 60_000,
  onTimeout: 'The order form closed after 10 minutes without an answer. Send /order to start again.',
  onCancel: 'Order cancelled. Send /order to start again.',
  steps: {
    name: {
      ask: () => 'What name should we put on the order? (/cancel to stop)',
      answer: (c) => {
        const name = c.text;
        if (name === undefined || name.startsWith('/')) return c.retry('Please send the name as text.');
        if (name.length > 40) return c.retry('That name is too long: 40 characters at most.');
        return c.next('size', { name });
      },
    },
    size: {
      ask: ({ data }) => ({
        text: `Thanks, ${data.name}. Which size?`,
        attachments: [inlineKeyboard([SIZES.map((size) => callbackButton(size, `size:${size}`))])],
      }),
      answer: (c) => {
        const size = c.payload?.replace(/^size:/, '') ?? c.text?.toUpperCase();
        if (!isSize(size)) return c.retry('Please pick a size with the buttons: S, M or L.');
        return c.notify(c.next('confirm', { ...c.data, size }), `Size ${size}`);
      },
    },
    confirm: {
      ask: ({ data }) => ({
        text: `Your order: size ${data.size} for ${data.name}. Place it?`,
        attachments: [
          inlineKeyboard([
            [
              callbackButton('Place order', 'confirm:yes', { intent: 'positive' }),
              callbackButton('Start over', 'confirm:no'),
            ],
          ]),
        ],
      }),
      answer: (c) => {
        if (c.payload === 'confirm:yes')
          return c.done(`Order placed: size ${c.data.size} for ${c.data.name}. Thank you!`);
        if (c.payload === 'confirm:no') return c.next('name', {}, 'Starting over.');
        return c.retry('Please press "Place order" or "Start over".');
      },
    },
  },
});

/**
 * Options of {@link orderBot}.
 *
 * @example
 * orderBot(api, updates$, { store: fileStateStore('./data/orders') });
 */
export interface OrderBotOptions {
  /** Where forms in progress are kept. */
  readonly store: StateStore;
  /** Runs the form's time limit. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Wires the order bot: the form for chats in it, a hint for everything else.
 *
 * @example
 * orderBot(api, fromLongPolling(api), { store: memoryStateStore() }).subscribe();
 */
export function orderBot(api: Api, updates$: Observable<Update>, options: OrderBotOptions): Observable<unknown> {
  return updates$.pipe(
    converse(
      api,
      {
        store: options.store,
        flows: [orderForm],
        ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
      },
      (update) => (update.update_type === 'message_created' ? reply(api, update, 'Send /order to order a pizza.') : []),
    ),
  );
}
