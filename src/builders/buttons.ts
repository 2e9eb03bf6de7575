/**
 * One factory per button kind; each checks the schema's limits as it builds.
 */
import type {
  CallbackButton,
  ChatButton,
  Intent,
  LinkButton,
  RequestContactButton,
  RequestGeoLocationButton,
} from '../types/index';
import { checkButton } from './check-button';
import type { PayloadCodec } from './payload-codec';

/**
 * Options of {@link callbackButton}.
 *
 * @example
 * callbackButton('Delete', 'rm:42', { intent: 'negative' });
 */
export interface CallbackButtonOptions {
  /** Colour hint: `positive`, `negative` or `default`. Default: unset (the server uses `default`). */
  readonly intent?: Intent;
}

/**
 * A button that sends `payload` back as a `message_callback` update. Pass a codec and a value
 * to encode a typed payload (decode it with `callbackData(codec)`). Throws a `KeyboardError`
 * when the text is empty or longer than 128, or the payload longer than 1024 characters.
 *
 * @example
 * callbackButton('Help', 'menu:help');
 * callbackButton('Yes', vote, { poll: 7, choice: 'yes' }, { intent: 'positive' });
 */
export function callbackButton(text: string, payload: string, options?: CallbackButtonOptions): CallbackButton;
/**
 * A callback button whose payload is `value` encoded by `codec` (decode presses with
 * `callbackData(codec)`); the value's type is checked against the codec.
 *
 * @example
 * const vote = payloadCodec('vote', { choice: ['yes', 'no'] });
 * callbackButton('Yes', vote, { choice: 'yes' }, { intent: 'positive' });
 */
export function callbackButton<T>(
  text: string,
  codec: PayloadCodec<T>,
  value: T,
  options?: CallbackButtonOptions,
): CallbackButton;
export function callbackButton<T>(
  text: string,
  payloadOrCodec: string | PayloadCodec<T>,
  valueOrOptions?: T | CallbackButtonOptions,
  maybeOptions?: CallbackButtonOptions,
): CallbackButton {
  const isCodec = typeof payloadOrCodec === 'object' && payloadOrCodec !== null;
  const payload = isCodec ? payloadOrCodec.encode(valueOrOptions as T) : payloadOrCodec;
  const options = (isCodec ? maybeOptions : (valueOrOptions as CallbackButtonOptions | undefined)) ?? {};
  const button: CallbackButton = { type: 'callback', text, payload };
  if (options.intent !== undefined) button.intent = options.intent;
  return checkButton(button) as CallbackButton;
}

/**
 * A button that opens `url` (http, https or tamtam scheme; up to 2048 characters).
 *
 * @example
 * linkButton('Open docs', 'https://dev.tamtam.chat');
 */
export function linkButton(text: string, url: string): LinkButton {
  return checkButton({ type: 'link', text, url }) as LinkButton;
}

/**
 * A button that makes the user's app send their contact card to the bot.
 *
 * @example
 * requestContactButton('Share my phone number');
 */
export function requestContactButton(text: string): RequestContactButton {
  return checkButton({ type: 'request_contact', text }) as RequestContactButton;
}

/**
 * Options of {@link requestGeoLocationButton}.
 *
 * @example
 * requestGeoLocationButton('Send location', { quick: true });
 */
export interface RequestGeoLocationButtonOptions {
  /** Send the location without asking the user to confirm. Default: unset (the server uses `false`). */
  readonly quick?: boolean;
}

/**
 * A button that makes the user's app send their location to the bot.
 *
 * @example
 * requestGeoLocationButton('Where am I?', { quick: true });
 */
export function requestGeoLocationButton(
  text: string,
  options: RequestGeoLocationButtonOptions = {},
): RequestGeoLocationButton {
  const button: RequestGeoLocationButton = { type: 'request_geo_location', text };
  if (options.quick !== undefined) button.quick = options.quick;
  return checkButton(button) as RequestGeoLocationButton;
}

/**
 * Options of {@link chatButton}.
 *
 * @example
 * chatButton('Discuss', 'Release 1.2', { description: 'Go/no-go', startPayload: 'rel-1.2' });
 */
export interface ChatButtonOptions {
  /** Description of the new chat, up to 400 characters. */
  readonly description?: string;
  /** Delivered with `message_chat_created` when the chat is made; up to 512 characters. */
  readonly startPayload?: string;
  /** Keep the server-assigned id when editing a message, or a second chat is created. */
  readonly uuid?: number;
}

/**
 * A button that creates a group chat on its first press (the bot joins as admin); the
 * title is up to 200 characters.
 *
 * @example
 * chatButton('Discuss', 'Release 1.2', { startPayload: 'release-1.2' });
 */
export function chatButton(text: string, chatTitle: string, options: ChatButtonOptions = {}): ChatButton {
  const button: ChatButton = { type: 'chat', text, chat_title: chatTitle };
  if (options.description !== undefined) button.chat_description = options.description;
  if (options.startPayload !== undefined) button.start_payload = options.startPayload;
  if (options.uuid !== undefined) button.uuid = options.uuid;
  return checkButton(button) as ChatButton;
}
