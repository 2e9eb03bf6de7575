/**
 * Read-only views of what happened, as plain data, for tests.
 */
import type { Message, Update } from '../../types';
import type { RequestLog, RequestLogEntry } from '../http/request-log';
import type {
  ActionRecord,
  CallbackAnswerRecord,
  ConstructorAnswerRecord,
  PinRecord,
  RemovedMessageRecord,
  EditedMessageRecord,
} from '../state/journal';
import { toMessage } from '../state/wire';
import type { World } from '../state/world';
import type { UpdateQueue } from '../updates/update-queue';
import type { WebhookDispatcher } from '../updates/webhook-dispatcher';
import type { WebhookDelivery } from '../updates/webhook-options';

/**
 * Inspection of the emulator's state. Every method returns fresh copies.
 *
 * @example
 * const replies = emulator.inspect.sentMessages(DEFAULT_WORLD_IDS.dialogWithAlice);
 * expect(replies.at(-1)?.body.text).toBe('Hello, Alice!');
 */
export class Inspector {
  /** @internal The emulator makes its inspector: use `emulator.inspect`. */
  constructor(
    private readonly world: World,
    private readonly queue: UpdateQueue,
    private readonly webhooks: WebhookDispatcher,
    private readonly requestLog: RequestLog,
  ) {}

  /**
   * Messages the bot sent, oldest first, in their current state (after edits); deleted ones
   * in their last state. Optionally only those of one chat.
   */
  sentMessages(chatId?: number): Message[] {
    const { world } = this;
    return world.journal.sent
      .map((mid) => {
        const live = world.messages.get(mid);
        return live ? toMessage(world, live) : world.journal.lastKnown.get(mid);
      })
      .filter((m): m is Message => m !== undefined && (chatId === undefined || m.recipient.chat_id === chatId))
      .map((m) => structuredClone(m));
  }

  /** The live history of a chat (all senders), oldest first. */
  chatMessages(chatId: number): Message[] {
    const chat = this.world.chat(chatId);
    return chat.mids.flatMap((mid) => {
      const record = this.world.messages.get(mid);
      return record ? [toMessage(this.world, record)] : [];
    });
  }

  /** The bot's answers to button presses, oldest first. */
  callbackAnswers(): CallbackAnswerRecord[] {
    return structuredClone(this.world.journal.callbackAnswers);
  }

  /** The bot's answers in constructor sessions, oldest first. */
  constructorAnswers(): ConstructorAnswerRecord[] {
    return structuredClone(this.world.journal.constructorAnswers);
  }

  /** Pins and unpins done by the bot, optionally of one chat. */
  pins(chatId?: number): PinRecord[] {
    return structuredClone(this.world.journal.pins.filter((p) => chatId === undefined || p.chatId === chatId));
  }

  /** Chat actions (typing, ...) sent by the bot, optionally of one chat. */
  actions(chatId?: number): ActionRecord[] {
    return structuredClone(this.world.journal.actions.filter((a) => chatId === undefined || a.chatId === chatId));
  }

  /** Deleted messages: which, where, by whom. */
  removedMessages(): RemovedMessageRecord[] {
    return structuredClone(this.world.journal.removed);
  }

  /**
   * Messages edited since they were sent (by the bot or a user) that still exist, in the order
   * of their first edit; optionally only those of one chat.
   */
  editedMessages(chatId?: number): EditedMessageRecord[] {
    return [...this.world.journal.edited.values()]
      .filter((r) => this.world.messages.has(r.messageId) && (chatId === undefined || r.chatId === chatId))
      .map((r) => ({ ...r }));
  }

  /** Every webhook delivery attempt, oldest first. */
  webhookDeliveries(): WebhookDelivery[] {
    return structuredClone(this.webhooks.deliveries());
  }

  /** Updates waiting in the long-polling queue (not yet committed). */
  pendingUpdates(): Update[] {
    return structuredClone(this.queue.pending());
  }

  /** The last Bot API requests (default 1000 kept): method, path, operation, status, fault. */
  requests(): RequestLogEntry[] {
    return this.requestLog.list();
  }
}
