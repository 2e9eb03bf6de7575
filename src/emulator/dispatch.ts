/**
 * Routes every incoming HTTP request: Bot API (with faults, auth, limits), the control API, the
 * web chat page and its event stream, upload URLs and file downloads. Nothing a client sends can
 * crash the process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext, EmulatorServices, RoutedApiOperation } from './api/context';
import { UPLOAD_PATH } from './api/uploads';
import { receiveUpload, serveFile } from './api/upload-receiver';
import type { ControlHandler } from './control/control-context';
import { CONTROL_PREFIX } from './control/control-routes';
import type { Emulator } from './emulator';
import type { FaultInjector } from './faults/fault-injector';
import type { FaultPlan } from './faults/fault-plan';
import { sendFaultyAnswer } from './faults/faulty-answer';
import type { TokenRateLimiter } from './rate-limit/token-rate-limiter';
import { EmulatorApiError } from './http/api-error';
import { assertToken, extractToken } from './http/auth';
import { readBody } from './http/body';
import { sleep } from './http/sleep';
import { JsonObject } from './http/json-body';
import { QueryParams } from './http/query';
import type { RequestLog, RequestLogEntry } from './http/request-log';
import { sendError, sendJson } from './http/respond';
import type { Router } from './http/router';
import type { ResolvedEmulatorOptions } from './options';
import { serveUi } from './ui/ui-routes';

/**
 * Everything the dispatcher needs.
 *
 * @example
 * const dispatcher = createDispatcher({ options, services, apiRouter, controlRouter, emulator: () => handle, faults, rateLimit: null, requestLog });
 */
export interface DispatchDeps {
  options: ResolvedEmulatorOptions;
  services: EmulatorServices;
  apiRouter: Router<RoutedApiOperation>;
  controlRouter: Router<ControlHandler>;
  emulator: () => Emulator;
  faults: FaultInjector;
  /** The API's request rate per token (`rateLimit` option), `null` when off. */
  rateLimit: TokenRateLimiter | null;
  requestLog: RequestLog;
}

/**
 * The request handler plus a way to abort everything in flight (long polls, latency waits).
 *
 * @example
 * const { handle, abortAll } = createDispatcher(deps);
 */
export interface Dispatcher {
  handle(req: IncomingMessage, res: ServerResponse): void;
  abortAll(): void;
}

/**
 * Creates the request dispatcher.
 *
 * @example
 * const server = await listen(createDispatcher(deps).handle, { host, port });
 */
export function createDispatcher(deps: DispatchDeps): Dispatcher {
  const inFlight = new Set<AbortController>();
  let aborted = false;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const controller = new AbortController();
    if (aborted) controller.abort();
    inFlight.add(controller);
    res.on('close', () => {
      inFlight.delete(controller);
      controller.abort();
    });
    req.on('error', () => controller.abort());
    route(req, res, controller.signal, deps).catch((error: unknown) => {
      answerError(res, error);
    });
  };

  return {
    handle,
    abortAll() {
      aborted = true;
      for (const controller of inFlight) controller.abort();
    },
  };
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  signal: AbortSignal,
  deps: DispatchDeps,
): Promise<void> {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = new URLSearchParams(queryStart === -1 ? '' : url.slice(queryStart + 1));
  const method = req.method ?? 'GET';
  const branding = { dialect: deps.options.dialect.name, title: deps.options.dialect.title };
  if (serveUi(res, method, path, { onEvent: (listener) => deps.emulator().onEvent(listener), signal, branding }))
    return;
  if (path === CONTROL_PREFIX || path.startsWith(`${CONTROL_PREFIX}/`)) {
    await control(req, res, method, path, query, deps);
  } else if (path.startsWith(`${UPLOAD_PATH}/`)) {
    if (method !== 'POST')
      throw new EmulatorApiError(405, 'method.not.allowed', 'Upload URLs accept POST only', { allow: 'POST' });
    const result = await receiveUpload(
      req,
      decodePart(path.slice(UPLOAD_PATH.length + 1)),
      deps.services.world,
      deps.options.maxUploadBytes,
    );
    sendJson(res, 200, result);
  } else if (path.startsWith('/_files/')) {
    if (method !== 'GET')
      throw new EmulatorApiError(405, 'method.not.allowed', 'Files are served with GET', { allow: 'GET' });
    serveFile(res, decodePart(path.slice('/_files/'.length)), deps.services.world);
  } else {
    await api(req, res, method, path, query, signal, deps);
  }
}

async function api(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
  query: URLSearchParams,
  signal: AbortSignal,
  deps: DispatchDeps,
): Promise<void> {
  const started = Date.now();
  const plan = deps.faults.plan(started);
  const log: RequestLogEntry = {
    at: started,
    method,
    path,
    operation: null,
    status: null,
    fault: faultName(plan),
    durationMs: 0,
  };
  res.on('close', () => {
    log.status = res.headersSent ? res.statusCode : null;
    log.durationMs = Date.now() - started;
    deps.requestLog.add(log);
    deps.options.onRequest?.({ ...log });
  });
  if (plan.latencyMs > 0) await sleep(plan.latencyMs, signal);
  if (plan.outcome === 'drop') {
    req.socket.destroy();
    return;
  }
  if (plan.outcome === 'rate-limited') {
    sendError(
      res,
      429,
      'too.many.requests',
      'Too many requests: slow down and retry later',
      plan.retryAfterSeconds === null ? {} : { 'retry-after': String(plan.retryAfterSeconds) },
    );
    return;
  }
  if (plan.outcome === 'unavailable') {
    sendError(res, 503, 'service.unavailable', 'Service temporarily unavailable; retry later');
    return;
  }
  if (plan.outcome === 'server-error') {
    sendError(res, 500, 'internal.error', 'Internal server error');
    return;
  }
  const match = deps.apiRouter.match(method, path);
  if (match.kind === 'not-found')
    throw new EmulatorApiError(404, 'not.found', `No such path: ${method} ${shorten(path)}`);
  if (match.kind === 'method-not-allowed') {
    throw new EmulatorApiError(
      405,
      'method.not.allowed',
      `${method} is not allowed on ${shorten(path)}; use ${match.allowed.join(', ')}`,
      {
        allow: match.allowed.join(', '),
      },
    );
  }
  log.operation = match.handler.operation;
  const token = extractToken(req, query, deps.options.dialect);
  assertToken(token, deps.options.token, deps.options.dialect);
  if (deps.rateLimit !== null && !deps.rateLimit.take(token as string, started)) {
    log.fault = 'rate-limited';
    const { retryAfterSeconds } = deps.rateLimit.rule;
    // TamTam names the wait; Max answers 429 without Retry-After
    sendError(
      res,
      429,
      'too.many.requests',
      'Too many requests: slow down',
      retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    );
    return;
  }
  const raw = await readBody(req, deps.options.maxBodyBytes);
  let parsed: JsonObject | undefined;
  const ctx: ApiContext = {
    services: deps.services,
    world: deps.services.world,
    params: match.params,
    query: new QueryParams(query),
    body: () => {
      parsed ??= JsonObject.parse(raw);
      return parsed;
    },
    signal,
  };
  const result = await match.handler.handle(ctx);
  if (plan.body !== 'intact') {
    await sendFaultyAnswer(res, plan.body, JSON.stringify(result), signal);
    return;
  }
  sendJson(res, 200, result);
}

async function control(
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  path: string,
  query: URLSearchParams,
  deps: DispatchDeps,
): Promise<void> {
  const match = deps.controlRouter.match(method, path);
  if (match.kind === 'not-found')
    throw new EmulatorApiError(
      404,
      'not.found',
      `No such control route: ${method} ${shorten(path)}; GET ${CONTROL_PREFIX} lists them`,
    );
  if (match.kind === 'method-not-allowed') {
    throw new EmulatorApiError(
      405,
      'method.not.allowed',
      `${method} is not allowed on ${shorten(path)}; use ${match.allowed.join(', ')}`,
      {
        allow: match.allowed.join(', '),
      },
    );
  }
  const raw = await readBody(req, deps.options.maxBodyBytes);
  let parsed: JsonObject | undefined;
  try {
    const result = await match.handler({
      emulator: deps.emulator(),
      params: match.params,
      query: new QueryParams(query),
      body: () => (parsed ??= JsonObject.parse(raw)),
      optionalBody: () => {
        if (raw.length === 0) return new JsonObject({}, 'body');
        parsed ??= JsonObject.parse(raw);
        return parsed;
      },
    });
    sendJson(res, 200, result ?? { success: true });
  } catch (error) {
    if (error instanceof RangeError) throw new EmulatorApiError(400, 'control.invalid', error.message);
    throw error;
  }
}

function answerError(res: ServerResponse, error: unknown): void {
  if (error instanceof EmulatorApiError) {
    if (error.status === 413) res.setHeader('connection', 'close');
    sendError(res, error.status, error.code, error.message, error.headers);
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  sendError(res, 500, 'internal.error', `The emulator failed on this request: ${message}`);
}

function faultName(plan: FaultPlan): RequestLogEntry['fault'] {
  if (plan.outcome !== 'pass') return plan.outcome;
  if (plan.body !== 'intact') return BODY_FAULT_NAMES[plan.body];
  return plan.latencyMs > 0 ? 'latency' : null;
}

const BODY_FAULT_NAMES = {
  truncated: 'malformed',
  'non-json': 'non-json',
  cut: 'drop-after-headers',
  stalled: 'stalled',
} as const satisfies Record<Exclude<FaultPlan['body'], 'intact'>, RequestLogEntry['fault']>;

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new EmulatorApiError(404, 'not.found', 'Malformed percent-encoding in the path');
  }
}

function shorten(path: string): string {
  return path.length > 120 ? `${path.slice(0, 120)}…` : path;
}
