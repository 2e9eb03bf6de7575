/**
 * Where an update happened and who caused it, for any update type.
 */
import type { ChatType, Recipient, Update, User } from '../types/index';
import { type UpdateLike, isKnownUpdate } from './update-like';

function known(update: UpdateLike): Update | null {
  return isKnownUpdate(update) ? update : null;
}

/** Max's dialog events: outside the TamTam model, each names its dialog and user. */
const MAX_DIALOG_EVENTS: ReadonlySet<string> = new Set([
  'bot_stopped',
  'dialog_cleared',
  'dialog_muted',
  'dialog_unmuted',
  'dialog_removed',
]);

/** The dialog and user of a Max dialog event (`bot_stopped`, `dialog_*`), else `null`. */
function dialogEventOf(update: UpdateLike): { readonly chatId: number; readonly userId: number | null } | null {
  if (!MAX_DIALOG_EVENTS.has(update.update_type) || !('chat_id' in update) || typeof update.chat_id !== 'number') {
    return null;
  }
  const user = 'user' in update && typeof update.user === 'object' ? update.user : null;
  const userId = user !== null && 'user_id' in user && typeof user.user_id === 'number' ? user.user_id : null;
  return { chatId: update.chat_id, userId };
}

/**
 * The chat an update happened in, or `null` when the update names none: a constructor update,
 * or a callback whose message was deleted meanwhile. Dialogs have a chat id too.
 *
 * @example
 * chatIdOf(sampleUpdates.bot_added); // the group's chat_id
 */
export function chatIdOf(update: UpdateLike): number | null {
  const u = known(update);
  if (u === null) return dialogEventOf(update)?.chatId ?? null;
  switch (u.update_type) {
    case 'message_created':
    case 'message_edited':
      return u.message.recipient.chat_id;
    case 'message_callback':
      return u.message?.recipient.chat_id ?? null;
    case 'message_chat_created':
      return u.chat.chat_id;
    case 'message_construction_request':
    case 'message_constructed':
      return null;
    default:
      return u.chat_id;
  }
}

/**
 * The kind of chat an update happened in (`dialog`, `chat` or `channel`), or `null` when the
 * update does not tell (e.g. `message_removed`, `chat_title_changed`, constructor updates).
 * `bot_started` (and Max's `bot_stopped` and `dialog_*` events) always happen in a dialog; membership updates tell by `is_channel`. Max calls
 * every chat `chat` on the wire; a message whose recipient names a user is a dialog there, so
 * `ofChatType('dialog')` works on both dialects.
 *
 * @example
 * updates$.pipe(filter((u) => chatTypeOf(u) === 'dialog'));
 */
export function chatTypeOf(update: UpdateLike): ChatType | null {
  const u = known(update);
  if (u === null) return dialogEventOf(update) === null ? null : 'dialog';
  switch (u.update_type) {
    case 'message_created':
    case 'message_edited':
      return recipientKind(u.message.recipient);
    case 'message_callback':
      return u.message === null ? null : recipientKind(u.message.recipient);
    case 'message_chat_created':
      return u.chat.type;
    case 'bot_started':
      return 'dialog';
    case 'bot_added':
    case 'bot_removed':
    case 'user_added':
    case 'user_removed':
      return u.is_channel ? 'channel' : 'chat';
    default:
      return null;
  }
}

/** A recipient's chat kind; Max's `chat` with a `user_id` is a dialog (group messages name no user). */
function recipientKind(recipient: Recipient): ChatType {
  return recipient.chat_type === 'chat' && recipient.user_id !== null ? 'dialog' : recipient.chat_type;
}

/**
 * The user an update comes from, or `null` when it names none (a channel post, a message
 * removal — use `userIdOf` — or a created chat):
 * message author, button presser, the user who started the bot, added/removed the bot, joined
 * or left a chat (the member, not the admin), renamed a chat, or uses the constructor.
 *
 * @example
 * const name = userOf(update)?.name ?? 'someone';
 */
export function userOf(update: UpdateLike): User | null {
  const u = known(update);
  if (u === null) return null;
  switch (u.update_type) {
    case 'message_created':
    case 'message_edited':
    case 'message_constructed':
      return u.message.sender ?? null;
    case 'message_callback':
      return u.callback.user;
    case 'message_removed':
    case 'message_chat_created':
      return null;
    default:
      return u.user;
  }
}

/**
 * The id of the user an update comes from (see {@link userOf}); for `message_removed` the
 * user who deleted the message.
 *
 * @example
 * updates$.pipe(filter((u) => userIdOf(u) === adminId));
 */
export function userIdOf(update: UpdateLike): number | null {
  if (isKnownUpdate(update) && update.update_type === 'message_removed') return update.user_id;
  return userOf(update)?.user_id ?? dialogEventOf(update)?.userId ?? null;
}
