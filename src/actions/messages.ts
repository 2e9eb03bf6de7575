import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { DialectsByName } from '../api/dialect';
import type { CallOptions } from '../api/options';
import type { OperationBodyOf, OperationResultOf } from '../api/operation-table';
import type { NewMessageLink } from '../types/index';
import { type TableWith, call } from './call';
import { optionalIntegerInRange, requireInteger, requireObject, requireText } from './validate';

/**
 * Longest message text the API accepts (the dialect's `limits.messageTextLength`; a literal
 * checked against it at compile time, so importing an action does not pull in the dialect).
 *
 * @example
 * if (text.length > MAX_MESSAGE_TEXT_LENGTH) text = text.slice(0, MAX_MESSAGE_TEXT_LENGTH);
 */
export const MAX_MESSAGE_TEXT_LENGTH = 4000 satisfies DialectsByName['tamtam']['limits']['messageTextLength'];

/**
 * Where {@link sendMessage} sends: a group chat/channel (`chat_id`) or a user's dialog
 * (`user_id`) — exactly one of them.
 *
 * @example
 * const toChat: SendMessageTarget = { chat_id: -7012345 };
 * const toUser: SendMessageTarget = { user_id: 1001, disable_link_preview: true };
 */
export type SendMessageTarget = (
  | { readonly chat_id: number; readonly user_id?: never }
  | { readonly user_id: number; readonly chat_id?: never }
) & {
  /** Do not build a preview for links in the text. */
  readonly disable_link_preview?: boolean;
};

/** What every dialect's new message body has: the fields {@link sendMessage} and {@link editMessage} check. */
interface MessageBodyShape {
  readonly text?: string | null;
  readonly attachments?: unknown;
  readonly link?: NewMessageLink | null;
}

/** Which messages {@link getMessages} returns: a chat's history or the named messages. */
export interface GetMessagesParams {
  /** History of this chat. */
  readonly chat_id?: number;
  /** These messages (any chat). */
  readonly message_ids?: readonly string[];
  /** Start time (ms), newest first: messages at or before it. */
  readonly from?: number;
  /** End time (ms): messages at or after it. */
  readonly to?: number;
  /** How many, 1–100 (server default 50). */
  readonly count?: number;
}

/**
 * Sends a message to a chat or a user. Retries 429/503 and `attachment.not.ready`.
 *
 * @example
 * sendMessage(api, { chat_id: chatId }, { text: 'Hello, *world*', format: 'markdown' })
 *   .subscribe(({ message }) => console.log(message.body.mid));
 */
export function sendMessage<T extends TableWith<'sendMessage'>>(
  api: Api<T>,
  target: SendMessageTarget,
  body: OperationBodyOf<T, 'sendMessage'> & MessageBodyShape,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'sendMessage'>> {
  return call(
    api,
    'sendMessage',
    () => {
      requireObject('sendMessage', 'target', target);
      const hasChat = target.chat_id !== undefined;
      const hasUser = target.user_id !== undefined;
      if (hasChat === hasUser) {
        throw new TypeError(
          'sendMessage: pass exactly one of target.chat_id (a chat) or target.user_id (a dialog with that user)',
        );
      }
      return {
        query: {
          chat_id: hasChat ? requireInteger('sendMessage', 'target.chat_id', target.chat_id) : undefined,
          user_id: hasUser ? requireInteger('sendMessage', 'target.user_id', target.user_id) : undefined,
          disable_link_preview: target.disable_link_preview,
        },
        json: checkBody('sendMessage', body),
      };
    },
    options,
  );
}

/**
 * Replaces a message's text, attachments or keyboard. Retries `attachment.not.ready`.
 *
 * @example
 * editMessage(api, mid, { text: `👍 ${likes}`, attachments: [keyboard] }).subscribe();
 */
export function editMessage<T extends TableWith<'editMessage'>>(
  api: Api<T>,
  messageId: string,
  body: OperationBodyOf<T, 'editMessage'> & MessageBodyShape,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'editMessage'>> {
  return call(
    api,
    'editMessage',
    () => ({
      query: { message_id: requireText('editMessage', 'messageId', messageId) },
      json: checkBody('editMessage', body),
    }),
    options,
  );
}

/**
 * Deletes a message (the bot's own, or any in a chat where it is an admin).
 *
 * @example
 * deleteMessage(api, mid).subscribe();
 */
export function deleteMessage<T extends TableWith<'deleteMessage'>>(
  api: Api<T>,
  messageId: string,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'deleteMessage'>> {
  return call(
    api,
    'deleteMessage',
    () => ({ query: { message_id: requireText('deleteMessage', 'messageId', messageId) } }),
    options,
  );
}

/**
 * One message by id.
 *
 * @example
 * getMessageById(api, 'mid.0000000000001a2b').subscribe((m) => console.log(m.body.text));
 */
export function getMessageById<T extends TableWith<'getMessageById'>>(
  api: Api<T>,
  messageId: string,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getMessageById'>> {
  return call(api, 'getMessageById', () => ({ params: { messageId } }), options);
}

/**
 * Messages of a chat (newest first) or the named messages.
 *
 * @example
 * getMessages(api, { chat_id: chatId, count: 10 }).subscribe(({ messages }) => console.log(messages.length));
 */
export function getMessages<T extends TableWith<'getMessages'>>(
  api: Api<T>,
  params: GetMessagesParams,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getMessages'>> {
  return call(
    api,
    'getMessages',
    () => {
      requireObject('getMessages', 'params', params);
      if (params.chat_id === undefined && (params.message_ids === undefined || params.message_ids.length === 0)) {
        throw new TypeError('getMessages: pass params.chat_id (a chat history) or a non-empty params.message_ids');
      }
      return {
        query: {
          chat_id: params.chat_id === undefined ? undefined : requireInteger('getMessages', 'chat_id', params.chat_id),
          message_ids: params.message_ids?.map((id, i) => requireText('getMessages', `message_ids[${i}]`, id)),
          from: params.from === undefined ? undefined : requireInteger('getMessages', 'from', params.from),
          to: params.to === undefined ? undefined : requireInteger('getMessages', 'to', params.to),
          count: optionalIntegerInRange('getMessages', 'count', params.count, 1, 100),
        },
      };
    },
    options,
  );
}

function checkBody<B extends MessageBodyShape>(operation: string, body: B): B {
  requireObject(operation, 'body', body);
  const text = body.text;
  if (text !== undefined && text !== null && typeof text !== 'string') {
    throw new TypeError(`${operation}: body.text must be a string`);
  }
  if (typeof text === 'string' && text.length > MAX_MESSAGE_TEXT_LENGTH) {
    throw new TypeError(
      `${operation}: body.text is ${text.length} characters; the API accepts at most ${MAX_MESSAGE_TEXT_LENGTH}`,
    );
  }
  const hasText = typeof text === 'string' && text !== '';
  const hasAttachments = Array.isArray(body.attachments) && body.attachments.length > 0;
  if (operation === 'sendMessage' && !hasText && !hasAttachments && !body.link) {
    throw new TypeError(
      `${operation}: body needs text, attachments or a link (forward); an empty message cannot be sent`,
    );
  }
  return body;
}
