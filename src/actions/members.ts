import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { CallOptions } from '../api/options';
import type { ChatMembersList, SimpleQueryResult } from '../types/index';
import { call } from './call';
import { optionalIntegerInRange, requireInteger } from './validate';

/**
 * Which members {@link getMembers} returns.
 *
 * @example
 * getMembers(api, chatId, { count: 100 });        // the first page
 * getMembers(api, chatId, { user_ids: [1, 2] });   // these users only
 */
export interface GetMembersParams {
  /** Only these users (paging is ignored then). */
  readonly user_ids?: readonly number[];
  /** The `marker` of the previous page. */
  readonly marker?: number | null;
  /** Members per page, 1–100 (server default 20). */
  readonly count?: number;
}

/**
 * Options of {@link removeMember}.
 *
 * @example
 * removeMember(api, chatId, userId, { block: true });
 */
export interface RemoveMemberParams {
  /** Also block the user from coming back (chats with a public link). */
  readonly block?: boolean;
}

/**
 * The administrators of a chat.
 *
 * @example
 * getAdmins(api, chatId).subscribe(({ members }) => console.log(members.map((m) => m.name)));
 */
export function getAdmins(api: Api, chatId: number, options?: CallOptions): Observable<ChatMembersList> {
  return call(api, 'getAdmins', () => ({ params: { chatId } }), options);
}

/**
 * One page of a chat's members, or the named members.
 *
 * @example
 * getMembers(api, chatId, { count: 100 }).subscribe(({ members, marker }) => console.log(members.length, marker));
 */
export function getMembers(api: Api, chatId: number, params: GetMembersParams = {}, options?: CallOptions): Observable<ChatMembersList> {
  return call(
    api,
    'getMembers',
    () => ({
      params: { chatId },
      query: {
        user_ids: params.user_ids?.map((id, i) => requireInteger('getMembers', `user_ids[${i}]`, id)),
        marker: params.marker,
        count: optionalIntegerInRange('getMembers', 'count', params.count, 1, 100),
      },
    }),
    options,
  );
}

/**
 * Adds users to a chat (the bot needs the right to).
 *
 * @example
 * addMembers(api, chatId, [1001, 1002]).subscribe();
 */
export function addMembers(api: Api, chatId: number, userIds: readonly number[], options?: CallOptions): Observable<SimpleQueryResult> {
  return call(
    api,
    'addMembers',
    () => {
      if (!Array.isArray(userIds) || userIds.length === 0) {
        throw new TypeError('addMembers: userIds must be a non-empty array of user ids');
      }
      const user_ids = userIds.map((id, i) => requireInteger('addMembers', `userIds[${i}]`, id));
      return { params: { chatId }, json: { user_ids } };
    },
    options,
  );
}

/**
 * Removes a user from a chat, optionally blocking them.
 *
 * @example
 * removeMember(api, chatId, spammerId, { block: true }).subscribe();
 */
export function removeMember(
  api: Api,
  chatId: number,
  userId: number,
  params: RemoveMemberParams = {},
  options?: CallOptions,
): Observable<SimpleQueryResult> {
  return call(
    api,
    'removeMember',
    () => ({
      params: { chatId },
      query: { user_id: requireInteger('removeMember', 'userId', userId), block: params.block },
    }),
    options,
  );
}
