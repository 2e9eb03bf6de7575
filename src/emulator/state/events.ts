/**
 * Live events of the emulated world, for observers such as a web chat page (SSE) or tests.
 */
import type { CallbackAnswer, Message, SenderAction, Update } from '../../types';

/**
 * Something that happened in the emulated world.
 *
 * - `message_created` / `message_edited` / `message_removed`: any message, by the bot or a user.
 * - `callback_answered`: the bot answered a button press.
 * - `action`: the bot sent a chat action (typing, ...).
 * - `update`: an update was produced for the bot (queued or sent to webhooks).
 *
 * @example
 * emulator.onEvent((event) => {
 *   if (event.type === 'message_created') console.log(event.message.body.text);
 * });
 */
export type EmulatorEvent =
  | { type: 'message_created'; chatId: number; message: Message }
  | { type: 'message_edited'; chatId: number; message: Message }
  | { type: 'message_removed'; chatId: number; messageId: string }
  | { type: 'callback_answered'; callbackId: string; userId: number; answer: CallbackAnswer }
  | { type: 'action'; chatId: number; action: SenderAction }
  | { type: 'update'; update: Update };

/**
 * A function receiving {@link EmulatorEvent}s.
 *
 * @example
 * const log: EmulatorEventListener = (e) => console.log(e.type);
 */
export type EmulatorEventListener = (event: EmulatorEvent) => void;

/**
 * Minimal synchronous event bus. A throwing listener is isolated: it never breaks the request
 * that caused the event, nor other listeners.
 *
 * @example
 * const bus = new EventBus();
 * const off = bus.on((e) => console.log(e.type));
 * off();
 */
export class EventBus {
  private readonly listeners = new Set<EmulatorEventListener>();

  /** Adds a listener; returns the function that removes it. */
  on(listener: EmulatorEventListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Delivers `event` to every listener. */
  emit(event: EmulatorEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken observer must not break the emulator.
      }
    }
  }
}
