import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { OperationResultOf } from '../api/operation-table';
import type { CallOptions } from '../api/options';
import type { ChatAdminsList } from '../types/index';
import { type TableWith, call, callMax } from './call';
import { optionalIntegerInRange, requireInteger, requireObject } from './validate';

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
export function getAdmins<T extends TableWith<'getAdmins'>>(
  api: Api<T>,
  chatId: number,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getAdmins'>> {
  return call(api, 'getAdmins', () => ({ params: { chatId } }), options);
}

/**
 * One page of a chat's members, or the named members.
 *
 * @example
 * getMembers(api, chatId, { count: 100 }).subscribe(({ members, marker }) => console.log(members.length, marker));
 */
export function getMembers<T extends TableWith<'getMembers'>>(
  api: Api<T>,
  chatId: number,
  params: GetMembersParams = {},
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getMembers'>> {
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
export function addMembers<T extends TableWith<'addMembers'>>(
  api: Api<T>,
  chatId: number,
  userIds: readonly number[],
  options?: CallOptions,
): Observable<OperationResultOf<T, 'addMembers'>> {
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
export function removeMember<T extends TableWith<'removeMember'>>(
  api: Api<T>,
  chatId: number,
  userId: number,
  params: RemoveMemberParams = {},
  options?: CallOptions,
): Observable<OperationResultOf<T, 'removeMember'>> {
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

/**
 * Makes users admins of a chat with the given rights (Max only; at most 50 admins a chat). The
 * schema's operationId is `postAdmins`.
 *
 * @example
 * postAdmins(maxApi, chatId, { admins: [{ user_id: 590_123_456, permissions: ['write', 'pin_message'], alias: 'editor' }] }).subscribe();
 */
export function postAdmins<T extends TableWith<'postAdmins'>>(
  api: Api<T>,
  chatId: number,
  body: ChatAdminsList,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'postAdmins'>> {
  return callMax(
    api,
    'postAdmins',
    () => {
      const admins = requireObject('postAdmins', 'body', body).admins;
      if (!Array.isArray(admins) || admins.length === 0)
        throw new TypeError('postAdmins: body.admins must be a non-empty array of { user_id, permissions }');
      admins.forEach((admin, i) => {
        requireInteger(
          'postAdmins',
          `body.admins[${i}].user_id`,
          requireObject('postAdmins', `body.admins[${i}]`, admin).user_id,
        );
        if (!Array.isArray(admin.permissions))
          throw new TypeError(`postAdmins: body.admins[${i}].permissions must be an array of rights`);
      });
      return { params: { chatId }, json: body };
    },
    options,
  );
}

/**
 * Takes a user's admin rights in a chat away (Max only).
 *
 * @example
 * deleteAdmin(maxApi, chatId, userId).subscribe();
 */
export function deleteAdmin<T extends TableWith<'deleteAdmin'>>(
  api: Api<T>,
  chatId: number,
  userId: number,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'deleteAdmin'>> {
  return callMax(api, 'deleteAdmin', () => ({ params: { chatId, userId } }), options);
}
