/**
 * Button presses and the bot's answer to them.
 */
import type { NewMessageBody } from './message';
import type { User } from './user';

/**
 * A press of a callback button.
 *
 * @example
 * const cb: Callback = { timestamp: 1_717_000_000_000, callback_id: 'cb.1a2b', payload: 'vote:yes', user: alice };
 */
export interface Callback {
  /** When the button was pressed, ms since epoch. */
  timestamp: number;
  /** Pass to `answerOnCallback`. */
  callback_id: string;
  /** The pressed button's payload. */
  payload?: string;
  user: User;
}

/**
 * Body of `answerOnCallback`: replace the message, show a one-off notification, or both.
 *
 * @example
 * const answer: CallbackAnswer = { notification: 'Vote counted' };
 */
export interface CallbackAnswer {
  /** New content for the message that held the button. */
  message?: NewMessageBody | null;
  /** Short toast shown to the user who pressed. */
  notification?: string | null;
}
