/**
 * What the update factories made up (messages, button presses, constructor sessions), so a
 * fake api can treat it as known server state when a bot refers to it: a reply quotes the
 * real message, an answer to a press edits the pressed message.
 */
import type { Callback, MaxCallback, MaxMessage, MaxUpdate, Message, Update } from '../../types/index';

/**
 * A message test data made up, of either dialect (a Max one has Max users and buttons).
 *
 * @example
 * const made: InventedMessage = maxUpdates.botMessage('Pick one');
 */
export type InventedMessage = Message | MaxMessage;

/** How many entries of each kind are kept; the oldest are forgotten first. */
const LIMIT = 10_000;

/** A map that keeps only the `LIMIT` most recently set entries. */
class Recent<K, V> {
  readonly #entries = new Map<K, V>();

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > LIMIT) {
      const oldest = this.#entries.keys().next();
      if (oldest.done !== true) this.#entries.delete(oldest.value);
    }
  }

  get(key: K): V | undefined {
    return this.#entries.get(key);
  }
}

/**
 * A button press made up by a factory: the callback and the message that held the button.
 *
 * @example
 * const press: InventedPress | undefined = inventedPress('cb.000100000001');
 */
export interface InventedPress {
  readonly callback: Callback | MaxCallback;
  readonly message: InventedMessage | null;
}

const messages = new Recent<string, InventedMessage>();
const presses = new Recent<string, InventedPress>();
const sessions = new Recent<string, number>();

/**
 * Remembers a message test data made up (a user's message, a `botMessage`), by `mid`.
 *
 * @example
 * rememberMessage(botMessage('Pick one'));
 */
export function rememberMessage<M extends InventedMessage>(message: M): M {
  messages.set(message.body.mid, message);
  return message;
}

/**
 * Remembers what an update made up: its message, its button press, its constructor session.
 * Returns the update.
 *
 * @example
 * const update = rememberUpdate(textMessage('hi'));
 */
export function rememberUpdate<U extends Update | MaxUpdate>(update: U): U {
  switch (update.update_type) {
    case 'message_created':
    case 'message_edited':
      rememberMessage(update.message);
      break;
    case 'message_callback':
      if (update.message !== null) rememberMessage(update.message);
      presses.set(update.callback.callback_id, { callback: update.callback, message: update.message });
      break;
    case 'message_construction_request':
      sessions.set(update.session_id, update.user.user_id);
      break;
    case 'message_constructed':
      if (update.message.sender) sessions.set(update.session_id, update.message.sender.user_id);
      break;
    default:
      break;
  }
  return update;
}

/**
 * A made-up message by `mid`, if a factory made one recently.
 *
 * @example
 * inventedMessage(textMessage('hi').message.body.mid)?.body.text; // 'hi'
 */
export function inventedMessage(mid: string): InventedMessage | undefined {
  return messages.get(mid);
}

/**
 * A made-up button press by `callback_id`.
 *
 * @example
 * inventedPress(pressButton(menu, 'Help').callback.callback_id)?.message?.body.mid;
 */
export function inventedPress(callbackId: string): InventedPress | undefined {
  return presses.get(callbackId);
}

/**
 * The user of a made-up constructor session.
 *
 * @example
 * inventedSessionUser(messageConstructionRequest().session_id); // Alice's id
 */
export function inventedSessionUser(sessionId: string): number | undefined {
  return sessions.get(sessionId);
}
