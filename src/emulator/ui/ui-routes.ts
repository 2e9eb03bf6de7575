/**
 * HTTP routes of the web chat page: the page itself, its live event stream, and `/` → the page.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { CONTROL_PREFIX } from '../control/control-routes';
import { EmulatorApiError } from '../http/api-error';
import type { EmulatorEventListener } from '../state/events';
import { serveEventStream } from './event-stream';
import { type PageBranding, renderPage } from './page-html';
import { loadPageAssets } from './page-assets';

/**
 * Where the web chat page is served.
 *
 * @example
 * console.log(`Open ${emulator.url}${UI_PATH}`);
 */
export const UI_PATH = `${CONTROL_PREFIX}/ui`;

/**
 * The page's live stream (server-sent events).
 *
 * @example
 * new EventSource(`${emulator.url}${EVENTS_PATH}`);
 */
export const EVENTS_PATH = `${CONTROL_PREFIX}/events`;

/**
 * What the UI routes need from the emulator and the request.
 *
 * @example
 * serveUi(res, 'GET', '/_emulator/ui', { onEvent: (l) => emulator.onEvent(l), signal });
 */
export interface UiRouteContext {
  /** Subscribes to emulator events; returns the unsubscribe function. */
  onEvent(listener: EmulatorEventListener): () => void;
  /** Aborted when the client disconnects or the emulator closes. */
  signal: AbortSignal;
  /** Heartbeat interval of the event stream. Default `15_000`. */
  heartbeatMs?: number;
  /** The page's branding (the emulator's dialect). Default TamTam. */
  branding?: PageBranding;
}

/**
 * Answers `GET /` (redirect to the page), `GET|HEAD /_emulator/ui` (the page) and
 * `GET /_emulator/events` (the stream). Returns `false` for any other path, so the caller
 * routes it on; throws a 405 `EmulatorApiError` for a wrong method on a UI path.
 *
 * @example
 * if (serveUi(res, method, path, { onEvent, signal })) return;
 */
export function serveUi(res: ServerResponse, method: string, path: string, ctx: UiRouteContext): boolean {
  if (path === '/') {
    if (method !== 'GET' && method !== 'HEAD') return false;
    res.writeHead(302, { location: UI_PATH, 'content-length': '0', 'cache-control': 'no-store' });
    res.end();
    return true;
  }
  const normalized = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (normalized === UI_PATH) {
    if (method !== 'GET' && method !== 'HEAD') throw wrongMethod(method, 'GET, HEAD');
    void sendPage(res, method === 'HEAD', ctx.branding);
    return true;
  }
  if (normalized === EVENTS_PATH) {
    if (method !== 'GET') throw wrongMethod(method, 'GET');
    serveEventStream(res, {
      onEvent: ctx.onEvent,
      signal: ctx.signal,
      ...(ctx.heartbeatMs === undefined ? {} : { heartbeatMs: ctx.heartbeatMs }),
    });
    return true;
  }
  return false;
}

/**
 * Answers with the page once its assets are ready (built at the first request when running
 * from source, read from the package's files otherwise). If they cannot be had, answers 500
 * with the reason as plain text: a compile error in the page's client code, from source.
 */
async function sendPage(res: ServerResponse, headOnly: boolean, branding: PageBranding | undefined): Promise<void> {
  const nonce = randomBytes(16).toString('base64');
  let page: Buffer;
  try {
    page = Buffer.from(renderPage(nonce, await loadPageAssets(), branding), 'utf8');
  } catch (error) {
    if (res.headersSent || res.destroyed) return;
    const text = Buffer.from(
      `The web chat page could not be built:\n${error instanceof Error ? error.message : String(error)}\n`,
      'utf8',
    );
    res.writeHead(500, {
      'content-type': 'text/plain; charset=utf-8',
      'content-length': String(text.length),
      'cache-control': 'no-store',
    });
    res.end(headOnly ? undefined : text);
    return;
  }
  if (res.headersSent || res.destroyed) return;
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(page.length),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      "connect-src 'self'",
      "img-src 'self' data: http: https:",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
  });
  res.end(headOnly ? undefined : page);
}

function wrongMethod(method: string, allow: string): EmulatorApiError {
  return new EmulatorApiError(405, 'method.not.allowed', `${method} is not allowed here; use ${allow}`, { allow });
}
