import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { CallOptions } from '../api/options';
import type {
  Chat,
  ChatList,
  ChatMember,
  ChatPatch,
  GetPinnedMessageResult,
  PinMessageBody,
  SenderAction,
  SimpleQueryResult,
} from '../types/index';
import { call } from './call';
import { optionalIntegerInRange, requireInteger, requireObject, requireText } from './validate';

/** Paging of {@link getChats}. */
export interface GetChatsParams {
  /** Chats per page, 1–100 (server default 50). */
  readonly count?: number;
  /** The `marker` of the previous page. */
  readonly marker?: number | null;
}

/**
 * One page of the group chats and channels the bot takes part in.
 *
 * @example
 * getChats(api, { count: 100 }).subscribe(({ chats, marker }) => console.log(chats.length, marker));
 */
export function getChats(api: Api, params: GetChatsParams = {}, options?: CallOptions): Observable<ChatList> {
  return call(
    api,
    () => ({
      operation: 'getChats',
      method: 'GET',
      path: '/chats',
      query: { count: optionalIntegerInRange('getChats', 'count', params.count, 1, 100), marker: params.marker },
    }),
    options,
  );
}

/**
 * A chat by its public link (`@name` or the name alone).
 *
 * @example
 * getChatByLink(api, '@tamtam_news').subscribe((chat) => console.log(chat.chat_id));
 */
export function getChatByLink(api: Api, chatLink: string, options?: CallOptions): Observable<Chat> {
  return call(
    api,
    () => ({
      operation: 'getChatByLink',
      method: 'GET',
      path: `/chats/${encodeURIComponent(requireText('getChatByLink', 'chatLink', chatLink))}`,
    }),
    options,
  );
}

/**
 * A chat by id.
 *
 * @example
 * getChat(api, -7012345).subscribe((chat) => console.log(chat.title));
 */
export function getChat(api: Api, chatId: number, options?: CallOptions): Observable<Chat> {
  return call(api, () => ({ operation: 'getChat', method: 'GET', path: chatPath('getChat', chatId) }), options);
}

/**
 * Changes a chat's title, icon or pinned message (the bot must be an admin).
 *
 * @example
 * editChat(api, chatId, { title: 'Release party' }).subscribe();
 */
export function editChat(api: Api, chatId: number, patch: ChatPatch, options?: CallOptions): Observable<Chat> {
  return call(
    api,
    () => ({
      operation: 'editChat',
      method: 'PATCH',
      path: chatPath('editChat', chatId),
      json: requireObject('editChat', 'patch', patch),
    }),
    options,
  );
}

/**
 * Shows an activity to the chat: "typing…", "sending photo…", or marks it seen.
 *
 * @example
 * sendAction(api, chatId, 'typing_on').subscribe();
 */
export function sendAction(api: Api, chatId: number, action: SenderAction, options?: CallOptions): Observable<SimpleQueryResult> {
  return call(
    api,
    () => ({
      operation: 'sendAction',
      method: 'POST',
      path: `${chatPath('sendAction', chatId)}/actions`,
      json: { action: requireText('sendAction', 'action', action) },
    }),
    options,
  );
}

/**
 * The pinned message of a chat (`message` is null when nothing is pinned).
 *
 * @example
 * getPinnedMessage(api, chatId).subscribe(({ message }) => console.log(message?.body.text));
 */
export function getPinnedMessage(api: Api, chatId: number, options?: CallOptions): Observable<GetPinnedMessageResult> {
  return call(
    api,
    () => ({ operation: 'getPinnedMessage', method: 'GET', path: `${chatPath('getPinnedMessage', chatId)}/pin` }),
    options,
  );
}

/**
 * Pins a message in a chat.
 *
 * @example
 * pinMessage(api, chatId, { message_id: 'mid.123', notify: false }).subscribe();
 */
export function pinMessage(api: Api, chatId: number, body: PinMessageBody, options?: CallOptions): Observable<SimpleQueryResult> {
  return call(
    api,
    () => {
      requireText('pinMessage', 'body.message_id', requireObject('pinMessage', 'body', body).message_id);
      return { operation: 'pinMessage', method: 'PUT', path: `${chatPath('pinMessage', chatId)}/pin`, json: body };
    },
    options,
  );
}

/**
 * Removes the pinned message of a chat.
 *
 * @example
 * unpinMessage(api, chatId).subscribe();
 */
export function unpinMessage(api: Api, chatId: number, options?: CallOptions): Observable<SimpleQueryResult> {
  return call(
    api,
    () => ({ operation: 'unpinMessage', method: 'DELETE', path: `${chatPath('unpinMessage', chatId)}/pin` }),
    options,
  );
}

/**
 * The bot's own membership in a chat (admin rights, join time...).
 *
 * @example
 * getMembership(api, chatId).subscribe((me) => console.log(me.is_admin));
 */
export function getMembership(api: Api, chatId: number, options?: CallOptions): Observable<ChatMember> {
  return call(
    api,
    () => ({ operation: 'getMembership', method: 'GET', path: `${chatPath('getMembership', chatId)}/members/me` }),
    options,
  );
}

/**
 * Makes the bot leave a chat.
 *
 * @example
 * leaveChat(api, chatId).subscribe();
 */
export function leaveChat(api: Api, chatId: number, options?: CallOptions): Observable<SimpleQueryResult> {
  return call(
    api,
    () => ({ operation: 'leaveChat', method: 'DELETE', path: `${chatPath('leaveChat', chatId)}/members/me` }),
    options,
  );
}

/**
 * `/chats/<id>` after checking the id.
 *
 * @example
 * chatPath('getChat', -42); // '/chats/-42'
 */
export function chatPath(operation: string, chatId: number): string {
  return `/chats/${requireInteger(operation, 'chatId', chatId)}`;
}
