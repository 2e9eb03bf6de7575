/**
 * Calls the emulator's Bot API handlers in process: no HTTP, no token, no faults, no
 * waiting. The one seam between the fake api and the emulator's routes.
 */
import type { ApiContext, EmulatorServices, RoutedApiOperation } from '../../emulator/api/context';
import { MAX_HANDLERS, MAX_ROUTED_OPERATIONS, createApiRouter } from '../../emulator/api/routes';
import type { EmulatorDialectName } from '../../emulator/dialect';
import { EmulatorApiError, badBody } from '../../emulator/http/api-error';
import { JsonObject } from '../../emulator/http/json-body';
import { QueryParams } from '../../emulator/http/query';
import type { Router } from '../../emulator/http/router';

/**
 * One Bot API request as the emulator's handlers see it.
 *
 * @example
 * const request: InProcessRequest = { method: 'GET', path: '/chats/-70000000001', query: new URLSearchParams(), body: undefined, signal };
 */
export interface InProcessRequest {
  readonly method: string;
  /** Path below the base URL, percent-encoded like on the wire. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The parsed JSON body (`undefined` when there is none). */
  readonly body: unknown;
  /** Aborted when the caller gives up. */
  readonly signal: AbortSignal;
}

const routers = new Map<EmulatorDialectName, Router<RoutedApiOperation>>();

/** The emulator's router of a dialect's operations, built once. */
function routerOf(dialect: EmulatorDialectName): Router<RoutedApiOperation> {
  let router = routers.get(dialect);
  if (router === undefined) {
    router =
      dialect === 'max' ? createApiRouter(MAX_ROUTED_OPERATIONS, MAX_HANDLERS) : createApiRouter<RoutedApiOperation>();
    routers.set(dialect, router);
  }
  return router;
}

/**
 * Runs the `dialect`'s emulator handler for `(method, path)` on `services` and returns its result; throws
 * an `EmulatorApiError` exactly where the emulator would answer with an error (404 for an
 * unknown path, 405 for a wrong method, 400 for bad input, ...). A handler that waits (long
 * polling) returns a Promise.
 *
 * @example
 * const me = dispatchInProcess(services, 'tamtam', { method: 'GET', path: '/me', query: new URLSearchParams(), body: undefined, signal });
 */
export function dispatchInProcess(
  services: EmulatorServices,
  dialect: EmulatorDialectName,
  request: InProcessRequest,
): unknown {
  const { method, path } = request;
  const match = routerOf(dialect).match(method, path);
  if (match.kind === 'not-found') throw new EmulatorApiError(404, 'not.found', `No such path: ${method} ${path}`);
  if (match.kind === 'method-not-allowed') {
    throw new EmulatorApiError(
      405,
      'method.not.allowed',
      `${method} is not allowed on ${path}; use ${match.allowed.join(', ')}`,
    );
  }
  let parsed: JsonObject | undefined;
  const ctx: ApiContext = {
    services,
    world: services.world,
    params: match.params,
    query: new QueryParams(request.query),
    body: () => {
      if (request.body === undefined) throw badBody('Request body is required (a JSON object)');
      parsed ??= JsonObject.of(request.body, 'body');
      return parsed;
    },
    signal: request.signal,
  };
  return match.handler.handle(ctx);
}
