/**
 * The Bot API route table, read off the api's operation table: every row with a path is routed
 * to its handler here, by its method and path template, its path parameters guarded by kind.
 */
import type { CoversOperations, OperationRow, OperationTable } from '../../api/operation-table';
import { MAX_OPERATIONS } from '../../api/max-operations';
import { TAMTAM_OPERATIONS } from '../../api/tamtam-operations';
import type { Assert } from '../../types/type-checks';
import { Router } from '../http/router';
import { answerOnCallback, construct } from './answers';
import { editMyInfo, getMyInfo } from './bots';
import {
  editChat,
  getChat,
  getChatByLink,
  getChats,
  getPinnedMessage,
  pinMessage,
  sendAction,
  unpinMessage,
} from './chats';
import type { AnyApiOperation, ApiOperation, RoutedApiOperation, RoutedOperationId } from './context';
import { deleteAdmin, getVideoAttachmentDetails, postAdmins } from './max-only';
import { addMembers, getAdmins, getMembers, getMembership, leaveChat, removeMember } from './members';
import { deleteMessage, editMessage, getMessageById, getMessages, sendMessage } from './messages';
import { getSubscriptions, subscribe, unsubscribe } from './subscriptions';
import { getUpdates } from './updates';
import { getUploadUrl } from './uploads';

/**
 * The emulator's handler of every TamTam operation served under the base URL.
 *
 * @example
 * TAMTAM_HANDLERS.getMyInfo.handle(ctx);
 */
export const TAMTAM_HANDLERS = {
  getMyInfo,
  editMyInfo,
  getChats,
  getChatByLink,
  getChat,
  editChat,
  sendAction,
  getPinnedMessage,
  pinMessage,
  unpinMessage,
  getMembership,
  leaveChat,
  getAdmins,
  getMembers,
  addMembers,
  removeMember,
  getSubscriptions,
  subscribe,
  unsubscribe,
  getUploadUrl,
  getMessages,
  sendMessage,
  editMessage,
  deleteMessage,
  getMessageById,
  answerOnCallback,
  construct,
  getUpdates,
} as const satisfies { readonly [O in RoutedOperationId]: ApiOperation<O> };
type _EveryRoutedOperationHasAHandler = Assert<
  CoversOperations<Pick<typeof TAMTAM_OPERATIONS, RoutedOperationId>, keyof typeof TAMTAM_HANDLERS>
>;

/** TamTam operations the Max server does not serve (405/404 there, like the real one). */
const NOT_IN_MAX: ReadonlySet<string> = new Set(['editMyInfo', 'construct', 'getChats']);

/**
 * The operations of the Max dialect the emulator routes: the library's Max operation table —
 * TamTam's with the same method, path and parameters, minus `editMyInfo` (`PATCH /me`),
 * `construct` (`POST /answers/constructor`) and `getChats` (`GET /chats`, no longer served since
 * June 2026), plus admin management and video details.
 *
 * @example
 * Object.hasOwn(MAX_ROUTED_OPERATIONS, 'deleteAdmin'); // true
 */
export const MAX_ROUTED_OPERATIONS: OperationTable = MAX_OPERATIONS;

/**
 * The emulator's handler of every Max operation served under the base URL.
 *
 * @example
 * MAX_HANDLERS.deleteAdmin.handle(ctx);
 */
export const MAX_HANDLERS = Object.freeze({
  ...Object.fromEntries(Object.entries(TAMTAM_HANDLERS).filter(([id]) => !NOT_IN_MAX.has(id))),
  postAdmins,
  deleteAdmin,
  getVideoAttachmentDetails,
}) satisfies Readonly<Record<string, RoutedApiOperation>>;

/** What an integer path parameter looks like (the schema's `-?\d+`). */
const INTEGER = /^-?\d+$/;

/**
 * Builds the router of the Bot API operations from an operation table and its handlers: one
 * route per row with a path, `{name}` becoming a parameter guarded by its kind (integers by
 * digits, strings by the row's `pattern` when it has one). Rows without a handler are not
 * routed (404), so a dialect serves exactly the operations it has.
 *
 * @example
 * const match = createApiRouter().match('GET', '/me'); // { kind: 'found', handler: getMyInfo, ... }
 */
export function createApiRouter<H extends RoutedApiOperation = AnyApiOperation>(
  table: OperationTable = TAMTAM_OPERATIONS,
  handlers: Readonly<Partial<Record<string, H>>> = TAMTAM_HANDLERS as unknown as Readonly<Partial<Record<string, H>>>,
): Router<H> {
  const router = new Router<H>();
  for (const [operation, row] of Object.entries(table)) {
    const handler = Object.hasOwn(handlers, operation) ? handlers[operation] : undefined;
    if (row.path === null || handler === undefined) continue;
    router.add(toPattern(row.path), { [row.method]: handler }, guardsOf(row));
  }
  return router;
}

/** `/chats/{chatId}/pin` → `/chats/:chatId/pin` (the router's syntax). */
function toPattern(template: string): string {
  return template.replace(/\{([^}]+)\}/g, ':$1');
}

function guardsOf(row: OperationRow): Record<string, RegExp> {
  const guards: Record<string, RegExp> = {};
  for (const [name, spec] of Object.entries(row.params)) {
    const guard = spec.type === 'integer' ? INTEGER : spec.pattern;
    if (guard !== undefined) guards[name] = guard;
  }
  return guards;
}
