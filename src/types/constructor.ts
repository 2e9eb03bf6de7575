/**
 * Bot-constructor mode: what the user types or presses, and what the bot prepares.
 */
import type { AttachmentRequest, InlineKeyboardAttachmentRequestPayload } from './attachment-request';
import type { MarkupElement } from './markup';
import type { LinkedMessage, MessageBody, TextFormat } from './message';
import type { User } from './user';
import type { Assert, SameMembers } from './type-checks';

/**
 * A message prepared in constructor mode (also how user input arrives in a construction request).
 *
 * @example
 * const draft: ConstructedMessageBody = { text: 'Poll: lunch?', attachments: null, markup: null };
 */
export interface ConstructedMessageBody {
  /** Up to 4000 chars. */
  text?: string | null;
  attachments?: readonly AttachmentRequest[] | null;
  markup?: readonly MarkupElement[] | null;
  format?: TextFormat | null;
}

/**
 * Body of `construct`: the bot's reply to a construction request.
 *
 * @example
 * const answer: ConstructorAnswer = {
 *   messages: [{ text: 'Preview' }],
 *   allow_user_input: true,
 *   hint: 'Type a question',
 *   data: '{"step":2}',
 * };
 */
export interface ConstructorAnswer {
  /** Messages sent when the user taps "Send". */
  messages?: readonly ConstructedMessageBody[];
  /** `false` shows only the keyboard. */
  allow_user_input?: boolean;
  /** Shown above the keyboard. */
  hint?: string | null;
  /** State (up to 8 KB) echoed back in the next construction request. */
  data?: string;
  /** Keyboard shown while constructing. */
  keyboard?: InlineKeyboardAttachmentRequestPayload | null;
  /** Placeholder of the input field. */
  placeholder?: string | null;
}

/**
 * A message built in constructor mode and posted to a chat.
 *
 * @example
 * const posted: ConstructedMessage = { sender: alice, timestamp: 1_717_000_000_000, body };
 */
export interface ConstructedMessage {
  /** Author; absent for channel posts. */
  sender?: User;
  /** ms since epoch. */
  timestamp: number;
  link?: LinkedMessage | null;
  body: MessageBody;
}

/**
 * The user pressed a button shown by the constructor.
 *
 * @example
 * const input: CallbackConstructorInput = { input_type: 'callback', payload: 'next' };
 */
export interface CallbackConstructorInput {
  input_type: 'callback';
  payload: string;
}

/**
 * The user typed or sent something; empty or `null` when the constructor was just opened.
 *
 * @example
 * const input: MessageConstructorInput = { input_type: 'message', messages: [{ text: 'Lunch at 1?' }] };
 */
export interface MessageConstructorInput {
  input_type: 'message';
  messages: ConstructedMessageBody[] | null;
}

/**
 * Maps each `input_type` to its interface.
 *
 * @example
 * type Cb = ConstructorInputByType['callback']; // CallbackConstructorInput
 */
export interface ConstructorInputByType {
  callback: CallbackConstructorInput;
  message: MessageConstructorInput;
}

/**
 * Kind of constructor input.
 *
 * @example
 * const kind: ConstructorInputType = 'message';
 */
export type ConstructorInputType = keyof ConstructorInputByType;

/**
 * What the user did in constructor mode; narrow on `input_type`.
 *
 * @example
 * if (input.input_type === 'callback') console.log(input.payload);
 */
export type ConstructorInput = ConstructorInputByType[ConstructorInputType];

/**
 * Every {@link ConstructorInputType}.
 *
 * @example
 * CONSTRUCTOR_INPUT_TYPES; // ['callback', 'message']
 */
export const CONSTRUCTOR_INPUT_TYPES = ['callback', 'message'] as const;
type _ConstructorInputTypesMatch = Assert<SameMembers<(typeof CONSTRUCTOR_INPUT_TYPES)[number], ConstructorInputType>>;
