/**
 * What an HTTP control-route handler gets.
 */
import type { Emulator } from '../emulator';
import type { JsonObject } from '../http/json-body';
import type { QueryParams } from '../http/query';

/**
 * One `/_emulator/...` request.
 *
 * @example
 * const handler: ControlHandler = ({ emulator }) => emulator.users.list();
 */
export interface ControlContext {
  readonly emulator: Emulator;
  readonly params: Readonly<Record<string, string>>;
  readonly query: QueryParams;
  /** The JSON object body; 400 when missing or invalid. */
  body(): JsonObject;
  /** The JSON object body, or an empty object when there is none. */
  optionalBody(): JsonObject;
}

/**
 * A control handler returns the JSON result (status 200) or throws.
 *
 * @example
 * const list: ControlHandler = ({ emulator }) => emulator.chats.list();
 */
export type ControlHandler = (ctx: ControlContext) => unknown;
