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
import { optionalIntegerInRange, requireObject, requireText } from './validate';

/**
 * Paging of {@link getChats}.
 *
 * @example
 * const first = await firstValueFrom(getChats(api, { count: 100 }));
 * const next = await firstValueFrom(getChats(api, { count: 100, marker: first.marker }));
 */
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
    'getChats',
    () => ({ query: { count: optionalIntegerInRange('getChats', 'count', params.count, 1, 100), marker: params.marker } }),
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
  return call(api, 'getChatByLink', () => ({ params: { chatLink } }), options);
}

/**
 * A chat by id.
 *
 * @example
 * getChat(api, -7012345).subscribe((chat) => console.log(chat.title));
 */
export function getChat(api: Api, chatId: number, options?: CallOptions): Observable<Chat> {
  return call(api, 'getChat', () => ({ params: { chatId } }), options);
}

/**
 * Changes a chat's title, icon or pinned message (the bot must be an admin).
 *
 * @example
 * editChat(api, chatId, { title: 'Release party' }).subscribe();
 */
export function editChat(api: Api, chatId: number, patch: ChatPatch, options?: CallOptions): Observable<Chat> {
  return call(api, 'editChat', () => ({ params: { chatId }, json: requireObject('editChat', 'patch', patch) }), options);
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
    'sendAction',
    () => {
      requireText('sendAction', 'action', action);
      return { params: { chatId }, json: { action } };
    },
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
  return call(api, 'getPinnedMessage', () => ({ params: { chatId } }), options);
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
    'pinMessage',
    () => {
      requireText('pinMessage', 'body.message_id', requireObject('pinMessage', 'body', body).message_id);
      return { params: { chatId }, json: body };
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
  return call(api, 'unpinMessage', () => ({ params: { chatId } }), options);
}

/**
 * The bot's own membership in a chat (admin rights, join time...).
 *
 * @example
 * getMembership(api, chatId).subscribe((me) => console.log(me.is_admin));
 */
export function getMembership(api: Api, chatId: number, options?: CallOptions): Observable<ChatMember> {
  return call(api, 'getMembership', () => ({ params: { chatId } }), options);
}

/**
 * Makes the bot leave a chat.
 *
 * @example
 * leaveChat(api, chatId).subscribe();
 */
export function leaveChat(api: Api, chatId: number, options?: CallOptions): Observable<SimpleQueryResult> {
  return call(api, 'leaveChat', () => ({ params: { chatId } }), options);
}
