/**
 * Inline keyboard buttons and the keyboard grid.
 */
import type { Assert, SameMembers } from './type-checks';

/**
 * Visual hint for a callback button: green-ish `positive`, red-ish `negative` or `default`.
 *
 * @example
 * const intent: Intent = 'negative';
 */
export type Intent = 'positive' | 'negative' | 'default';

/**
 * Every {@link Intent}.
 *
 * @example
 * INTENTS.includes('default'); // true
 */
export const INTENTS = ['positive', 'negative', 'default'] as const;
type _IntentsMatch = Assert<SameMembers<(typeof INTENTS)[number], Intent>>;

/**
 * Fields every button has.
 *
 * @example
 * const base: ButtonBase<'link'> = { type: 'link', text: 'Docs' };
 */
export interface ButtonBase<T extends string> {
  type: T;
  /** Label, 1–128 chars. */
  text: string;
}

/**
 * Sends `payload` back to the bot as a `message_callback` update when pressed.
 *
 * @example
 * const yes: CallbackButton = { type: 'callback', text: 'Yes', payload: 'vote:yes', intent: 'positive' };
 */
export interface CallbackButton extends ButtonBase<'callback'> {
  /** Up to 1024 chars. */
  payload: string;
  /** Server default `'default'`. */
  intent?: Intent;
}

/**
 * Opens `url` when pressed.
 *
 * @example
 * const docs: LinkButton = { type: 'link', text: 'Docs', url: 'https://dev.tamtam.chat' };
 */
export interface LinkButton extends ButtonBase<'link'> {
  /** Up to 2048 chars. */
  url: string;
}

/**
 * Makes the user's client send their contact card as a new message.
 *
 * @example
 * const share: RequestContactButton = { type: 'request_contact', text: 'Share my phone' };
 */
export interface RequestContactButton extends ButtonBase<'request_contact'> {}

/**
 * Makes the user's client send their location as a new message.
 *
 * @example
 * const where: RequestGeoLocationButton = { type: 'request_geo_location', text: 'Where am I?', quick: true };
 */
export interface RequestGeoLocationButton extends ButtonBase<'request_geo_location'> {
  /** Send without asking the user to confirm (server default `false`). */
  quick?: boolean;
}

/**
 * Creates a new group chat on first press; the bot joins as admin, the message author owns it.
 *
 * @example
 * const room: ChatButton = { type: 'chat', text: 'Discuss', chat_title: 'Release 1.2', start_payload: 'release-1.2' };
 */
export interface ChatButton extends ButtonBase<'chat'> {
  /** Up to 200 chars. */
  chat_title: string;
  /** Up to 400 chars. */
  chat_description?: string | null;
  /** Delivered with `message_chat_created`; up to 512 chars. */
  start_payload?: string | null;
  /** Server-assigned id of the button; keep it when editing the message or a new chat is made. */
  uuid?: number | null;
}

/**
 * Maps each button `type` to its interface.
 *
 * @example
 * type Cb = ButtonByType['callback']; // CallbackButton
 */
export interface ButtonByType {
  callback: CallbackButton;
  link: LinkButton;
  request_geo_location: RequestGeoLocationButton;
  request_contact: RequestContactButton;
  chat: ChatButton;
}

/**
 * Every button kind.
 *
 * @example
 * const kind: ButtonType = 'link';
 */
export type ButtonType = keyof ButtonByType;

/**
 * Any button; narrow on `type`.
 *
 * @example
 * if (button.type === 'callback') console.log(button.payload);
 */
export type Button = ButtonByType[ButtonType];

/**
 * The button interface for one `type`.
 *
 * @example
 * const b: ButtonOf<'link'> = { type: 'link', text: 'Site', url: 'https://example.com' };
 */
export type ButtonOf<T extends ButtonType> = ButtonByType[T];

/**
 * Every {@link ButtonType}, in schema order.
 *
 * @example
 * BUTTON_TYPES.includes('chat'); // true
 */
export const BUTTON_TYPES = ['callback', 'link', 'request_geo_location', 'request_contact', 'chat'] as const;
type _ButtonTypesMatch = Assert<SameMembers<(typeof BUTTON_TYPES)[number], ButtonType>>;

/**
 * A grid of buttons: rows of buttons, top to bottom.
 *
 * @example
 * const kb: Keyboard = { buttons: [[{ type: 'callback', text: 'OK', payload: 'ok' }]] };
 */
export interface Keyboard {
  buttons: Button[][];
}
