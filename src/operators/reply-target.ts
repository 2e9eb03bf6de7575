import type { SendMessageTarget } from '../actions/messages';
import { chatIdOf } from './update-context';
import { type UpdateLike, isKnownUpdate } from './update-like';

/**
 * Where to answer an update: the chat it happened in (`{ chat_id }` — dialogs have a chat id
 * too), or for a dialog message without one, the author (`{ user_id }`). `null` when the update
 * has no conversation to answer in: constructor updates, or a callback whose message was
 * deleted (the press may come from a group, so the bot does not guess a private reply).
 *
 * @example
 * const to = replyTarget(update);
 * if (to) sendMessage(api, to, { text: 'Got it' }).subscribe();
 */
export function replyTarget(update: UpdateLike): SendMessageTarget | null {
  const chatId = chatIdOf(update);
  if (chatId !== null) return { chat_id: chatId };
  if (isKnownUpdate(update)) {
    if (
      (update.update_type === 'message_created' || update.update_type === 'message_edited') &&
      update.message.recipient.chat_type === 'dialog'
    ) {
      const userId = update.message.sender?.user_id ?? update.message.recipient.user_id;
      if (typeof userId === 'number') return { user_id: userId };
    }
  }
  return null;
}

/**
 * The id (`mid`) of the message an update is about — the new or edited message, or the
 * message that holds the pressed button — or `null`.
 *
 * @example
 * const mid = messageIdOf(update); // for `link: { type: 'reply', mid }`
 */
export function messageIdOf(update: UpdateLike): string | null {
  if (!isKnownUpdate(update)) return null;
  switch (update.update_type) {
    case 'message_created':
    case 'message_edited':
    case 'message_constructed':
      return update.message.body.mid;
    case 'message_callback':
      return update.message?.body.mid ?? null;
    case 'message_removed':
    case 'message_chat_created':
      return update.message_id;
    default:
      return null;
  }
}
