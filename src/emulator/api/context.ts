/**
 * What a Bot API handler gets to work with.
 */
import type { OperationId, OperationResult } from '../../api/operations';
import type { TamTamOperations } from '../../api/tamtam-operations';
import type { JsonObject } from '../http/json-body';
import type { QueryParams } from '../http/query';
import type { World } from '../state/world';
import type { UpdateQueue } from '../updates/update-queue';
import type { WebhookDispatcher } from '../updates/webhook-dispatcher';

/**
 * The emulator's parts shared by API handlers and the control API.
 *
 * @example
 * services.world.chat(chatId);
 */
export interface EmulatorServices {
  world: World;
  queue: UpdateQueue;
  webhooks: WebhookDispatcher;
}

/**
 * One Bot API request, ready for its handler.
 *
 * @example
 * const handler: ApiHandler = (ctx) => ({ chat_id: ctx.params['chatId'] });
 */
export interface ApiContext {
  readonly services: EmulatorServices;
  readonly world: World;
  /** Decoded path parameters. */
  readonly params: Readonly<Record<string, string>>;
  readonly query: QueryParams;
  /** The JSON object body; 400 when missing or invalid. */
  body(): JsonObject;
  /** Aborted when the client disconnects or the emulator closes. */
  readonly signal: AbortSignal;
}

/**
 * The operations the Bot API serves under its base URL: every row of the operation table with
 * a path template (`uploadFile` goes to a URL the API handed out instead).
 *
 * @example
 * const op: RoutedOperationId = 'getMyInfo';
 */
export type RoutedOperationId = {
  [O in OperationId]: TamTamOperations[O]['path'] extends string ? O : never;
}[OperationId];

/**
 * A handler returns the JSON result of its operation (status 200) or throws an `EmulatorApiError`.
 *
 * @example
 * const getMyInfo: ApiHandler<'getMyInfo'> = ({ world }) => toBotInfo(world);
 */
export type ApiHandler<O extends RoutedOperationId = RoutedOperationId> = (
  ctx: ApiContext,
) => OperationResult<O> | Promise<OperationResult<O>>;

/**
 * A handler with the schema operationId it implements.
 *
 * @example
 * const op: ApiOperation<'getMyInfo'> = { operation: 'getMyInfo', handle: getMyInfo };
 */
export interface ApiOperation<O extends RoutedOperationId = RoutedOperationId> {
  readonly operation: O;
  readonly handle: ApiHandler<O>;
}

/**
 * A handler of any routed operation, as the router holds them.
 *
 * @example
 * const handlers: AnyApiOperation[] = [getMyInfo, sendMessage];
 */
export type AnyApiOperation = { [O in RoutedOperationId]: ApiOperation<O> }[RoutedOperationId];

/**
 * A handler of any operation of any dialect, as the router holds them: TamTam's typed ones and
 * the Max-only ones (admin management, video details), whose results the TamTam model lacks.
 *
 * @example
 * const op: RoutedApiOperation = { operation: 'deleteAdmin', handle: (ctx) => ({ success: true }) };
 */
export interface RoutedApiOperation {
  readonly operation: string;
  readonly handle: (ctx: ApiContext) => unknown;
}
