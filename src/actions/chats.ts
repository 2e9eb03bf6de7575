import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { OperationBodyOf, OperationResultOf, OperationTable } from '../api/operation-table';
import type { CallOptions } from '../api/options';
import type { MaxSenderAction, PinMessageBody } from '../types/index';
import { type TableWith, call } from './call';
import { optionalIntegerInRange, requireObject, requireText } from './validate';

/**
 * The chat activities an api's dialect accepts (`SenderAction` for TamTam, `MaxSenderAction`
 * for Max, which has no `mark_seen`).
 *
 * @example
 * const typing: SenderActionOf<TamTamOperations> = 'typing_on';
 */
export type SenderActionOf<T extends OperationTable> =
  OperationBodyOf<T, 'sendAction'> extends { readonly action: infer A extends string } ? A : never;

/** Paging of {@link getChats}. */
export interface GetChatsParams {
  /** Chats per page, 1–100 (server default 50). */
  readonly count?: number;
  /** The `marker` of the previous page. */
  readonly marker?: number | null;
}

/**
 * One page of the group chats and channels the bot takes part in. TamTam only: Max stopped
 * serving `GET /chats` in June 2026, and its operation table leaves it out.
 *
 * @example
 * getChats(api, { count: 100 }).subscribe(({ chats, marker }) => console.log(chats.length, marker));
 */
export function getChats<T extends TableWith<'getChats'>>(
  api: Api<T>,
  params: GetChatsParams = {},
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getChats'>> {
  return call(
    api,
    'getChats',
    () => ({
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
export function getChatByLink<T extends TableWith<'getChatByLink'>>(
  api: Api<T>,
  chatLink: string,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getChatByLink'>> {
  return call(api, 'getChatByLink', () => ({ params: { chatLink } }), options);
}

/**
 * A chat by id.
 *
 * @example
 * getChat(api, -7012345).subscribe((chat) => console.log(chat.title));
 */
export function getChat<T extends TableWith<'getChat'>>(
  api: Api<T>,
  chatId: number,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getChat'>> {
  return call(api, 'getChat', () => ({ params: { chatId } }), options);
}

/**
 * Changes a chat's title, icon or pinned message (the bot must be an admin).
 *
 * @example
 * editChat(api, chatId, { title: 'Release party' }).subscribe();
 */
export function editChat<T extends TableWith<'editChat'>>(
  api: Api<T>,
  chatId: number,
  patch: OperationBodyOf<T, 'editChat'> & object,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'editChat'>> {
  return call(
    api,
    'editChat',
    () => ({ params: { chatId }, json: requireObject('editChat', 'patch', patch) }),
    options,
  );
}

/**
 * Shows an activity to the chat: "typing…", "sending photo…", or marks it seen (TamTam only).
 * The activities every dialect has (`MaxSenderAction`) are accepted by any api, so a bot
 * generic over its dialect can send them.
 *
 * @example
 * sendAction(api, chatId, 'typing_on').subscribe();
 */
export function sendAction<T extends TableWith<'sendAction'>>(
  api: Api<T>,
  chatId: number,
  action: SenderActionOf<T> | MaxSenderAction,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'sendAction'>> {
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
export function getPinnedMessage<T extends TableWith<'getPinnedMessage'>>(
  api: Api<T>,
  chatId: number,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getPinnedMessage'>> {
  return call(api, 'getPinnedMessage', () => ({ params: { chatId } }), options);
}

/**
 * Pins a message in a chat.
 *
 * @example
 * pinMessage(api, chatId, { message_id: 'mid.123', notify: false }).subscribe();
 */
export function pinMessage<T extends TableWith<'pinMessage'>>(
  api: Api<T>,
  chatId: number,
  body: PinMessageBody,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'pinMessage'>> {
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
export function unpinMessage<T extends TableWith<'unpinMessage'>>(
  api: Api<T>,
  chatId: number,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'unpinMessage'>> {
  return call(api, 'unpinMessage', () => ({ params: { chatId } }), options);
}

/**
 * The bot's own membership in a chat (admin rights, join time...).
 *
 * @example
 * getMembership(api, chatId).subscribe((me) => console.log(me.is_admin));
 */
export function getMembership<T extends TableWith<'getMembership'>>(
  api: Api<T>,
  chatId: number,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getMembership'>> {
  return call(api, 'getMembership', () => ({ params: { chatId } }), options);
}

/**
 * Makes the bot leave a chat.
 *
 * @example
 * leaveChat(api, chatId).subscribe();
 */
export function leaveChat<T extends TableWith<'leaveChat'>>(
  api: Api<T>,
  chatId: number,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'leaveChat'>> {
  return call(api, 'leaveChat', () => ({ params: { chatId } }), options);
}
