/**
 * What a Bot API handler gets to work with.
 */
import type { OperationId } from '../../api/operations';
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
 * A handler returns the JSON result (status 200) or throws an `EmulatorApiError`.
 *
 * @example
 * const getMyInfo: ApiHandler = ({ world }) => toBotInfo(world);
 */
export type ApiHandler = (ctx: ApiContext) => unknown;

/**
 * A handler with the schema operationId it implements.
 *
 * @example
 * const op: ApiOperation = { operation: 'getMyInfo', handle: getMyInfo };
 */
export interface ApiOperation {
  operation: Exclude<OperationId, 'uploadFile'>;
  handle: ApiHandler;
}
