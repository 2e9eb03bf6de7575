import { defer, finalize, type ObservableInput, type OperatorFunction } from 'rxjs';
import type { Api } from '../api/api';
import type { OperationBodyOf } from '../api/operation-table';
import type { TableWith } from '../actions/call';
import { perChat, type PerChatOptions } from '../operators/per-chat';
import { type ConversationsOptions, conversations } from './conversations';
import type { ConversationUpdate } from './conversation';

/**
 * Runs conversations as one operator: per chat, an update of a chat in a dialog goes to the
 * dialog, one that enters a conversation starts it, any other goes to `fallback` — the wiring
 * of `conversations(...)`, `perChat(dialogs.handler(fallback))` and `close()` on unsubscribe,
 * in one call. Each subscription runs its own set (timers are cancelled when it ends; stored
 * dialogs stay for the next run).
 *
 * @example
 * updates$
 *   .pipe(converse(api, { store: fileStateStore('./data/forms'), flows: [orderForm] }, (u) => reply(api, u, 'Send /order')))
 *   .subscribe();
 */
export function converse<
  T extends TableWith<'sendMessage' | 'answerOnCallback'>,
  U extends ConversationUpdate,
  R = never,
>(
  api: Api<T>,
  options: ConversationsOptions<OperationBodyOf<T, 'sendMessage'>>,
  fallback?: (update: U) => ObservableInput<R>,
  perChatOptions?: PerChatOptions<U>,
): OperatorFunction<U, R> {
  return (updates$) =>
    defer(() => {
      const dialogs = conversations(api, options);
      return updates$.pipe(
        perChat(dialogs.handler(fallback), perChatOptions),
        finalize(() => dialogs.close()),
      );
    });
}
