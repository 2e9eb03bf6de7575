import { type WebhookAnswer, type WebhookRejection, rejected } from './answer';
import { classifyUpdate } from '../classify-update';
import type { UpdateDelivery } from './delivery';
import { type WebhookHeaders, headerValue } from './headers';
import type { ResolvedWebhookOptions } from './options';
import { readBody } from './read-body';
import { secretChecker } from './secret';

/**
 * One incoming HTTP request, as any adapter can describe it.
 *
 * @example
 * const request: WebhookRequest = { method: 'POST', url: '/tamtam?x=1', headers: { 'content-type': 'application/json' }, body: '{"update_type":"bot_started"}' };
 */
export interface WebhookRequest {
  /** HTTP method. */
  readonly method: string;
  /** Path with optional query (`/tamtam/s3cr3t?x=1`) or an absolute URL. */
  readonly url: string;
  readonly headers: WebhookHeaders;
  /**
   * The body: an async iterable of `Uint8Array`/string chunks (a Node request, a web
   * `ReadableStream`), a string or bytes, or a value a framework already parsed from JSON
   * (e.g. Express's `req.body`). `undefined` means empty.
   */
  readonly body?: unknown;
}

/**
 * The framework-agnostic webhook: checks method, path, secret and body, then hands the update
 * over and answers. Never rejects; unexpected failures answer `500`.
 *
 * @example
 * const answer = await handle({ method: 'POST', url: '/tamtam', headers: {}, body: JSON.stringify(update) });
 */
export type WebhookRequestHandler = (request: WebhookRequest) => Promise<WebhookAnswer>;

/**
 * Builds the {@link WebhookRequestHandler} for resolved options and a delivery.
 *
 * @example
 * const handle = createWebhookHandler(resolveWebhookOptions({ path: '/tamtam' }), delivery);
 */
export function createWebhookHandler(options: ResolvedWebhookOptions, delivery: UpdateDelivery): WebhookRequestHandler {
  const secretMatches = options.secret === undefined ? undefined : secretChecker(options.secret);

  async function answer(request: WebhookRequest): Promise<WebhookAnswer> {
    const unread = { closeConnection: mayHaveUnreadBody(request) };
    if (typeof request.method !== 'string' || request.method.toUpperCase() !== 'POST') {
      return rejected(
        'method.not.allowed',
        `the webhook accepts only POST, got ${String(request.method).slice(0, 16)}`,
        {
          ...unread,
          headers: { allow: 'POST' },
        },
      );
    }
    const target = matchPath(pathnameOf(request.url), options);
    if (target === undefined) {
      return rejected(
        'path.not.found',
        `nothing is served at this path${options.path === undefined ? '' : `; the webhook listens on ${options.path}`}`,
        unread,
      );
    }
    if (secretMatches !== undefined) {
      const inPath = options.secretIn !== 'header' && secretMatches(target.secretSegment);
      const inHeader = options.secretIn !== 'path' && secretMatches(headerValue(request.headers, options.secretHeader));
      if (!inPath && !inHeader)
        return rejected(
          'secret.mismatch',
          `the webhook secret is missing or wrong (expected ${where(options)})`,
          unread,
        );
    }
    const declared = Number(headerValue(request.headers, 'content-length') ?? Number.NaN);
    if (declared > options.maxBodyBytes) {
      return rejected('body.too.large', tooLarge(options.maxBodyBytes), unread);
    }
    const contentType = headerValue(request.headers, 'content-type');
    if (!isJsonContentType(contentType)) {
      return rejected(
        'body.unsupported.type',
        `the webhook accepts JSON bodies only, got Content-Type ${JSON.stringify(String(contentType).slice(0, 100))}; send application/json`,
        unread,
      );
    }
    const body = await readBody(request.body, options.maxBodyBytes, options.bodyTimeout);
    if (body.kind === 'timeout') {
      return rejected('body.timeout', `the body did not arrive within ${options.bodyTimeout} ms (bodyTimeout)`, {
        closeConnection: true,
      });
    }
    if (body.kind === 'too-large')
      return rejected('body.too.large', tooLarge(options.maxBodyBytes), { closeConnection: !body.drained });
    if (body.kind === 'unreadable') return rejected('body.unreadable', body.reason, { closeConnection: !body.drained });
    let value: unknown;
    let text: string;
    if (body.kind === 'parsed') {
      value = body.value;
      text = JSON.stringify(value) ?? '';
    } else {
      text = body.text;
      if (body.text.trim() === '')
        return rejected(
          'body.invalid.json',
          'the body is empty; the webhook expects one Update as JSON (if a body parser consumed it, pass its result as req.body)',
        );
      try {
        value = JSON.parse(body.text);
      } catch (error) {
        return rejected(
          'body.invalid.json',
          `the body is not valid JSON (${error instanceof Error ? error.message.slice(0, 120) : 'parse error'})`,
        );
      }
    }
    const update = classifyUpdate(value, options.knownTypes);
    if (update.kind === 'invalid') return rejected('body.not.update', update.reason);
    if (update.kind === 'unknown') return delivery.reportUnknown(update.update);
    return delivery.deliver(update.update, text);
  }

  return async (request) => {
    let result: WebhookAnswer;
    try {
      result = await answer(request);
    } catch (error) {
      result = rejected(
        'internal.error',
        `the webhook failed to handle the request: ${error instanceof Error ? error.message : String(error)}`,
        {
          closeConnection: true,
        },
      );
    }
    if (result.status !== 200 && 'code' in result.body) {
      const rejection: WebhookRejection = {
        status: result.status,
        code: result.body.code,
        message: result.body.message,
      };
      delivery.reportRejection(rejection);
    }
    return result;
  };
}

interface PathMatch {
  /** The segment after the configured path (or the last segment when no path is set). */
  readonly secretSegment: string | undefined;
}

function matchPath(pathname: string, options: ResolvedWebhookOptions): PathMatch | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const secretMayBeInPath = options.secret !== undefined && options.secretIn !== 'header';
  if (options.path === undefined) {
    const last = path.slice(path.lastIndexOf('/') + 1);
    return { secretSegment: last === '' ? undefined : last };
  }
  if (path === options.path) return { secretSegment: undefined };
  const prefix = options.path === '/' ? '/' : `${options.path}/`;
  if (!secretMayBeInPath || !path.startsWith(prefix)) return undefined;
  const rest = path.slice(prefix.length);
  return rest === '' || rest.includes('/') ? undefined : { secretSegment: rest };
}

function pathnameOf(url: string): string {
  if (typeof url !== 'string') return '/';
  let path = url.replace(/[?#].*$/s, '');
  if (!path.startsWith('/')) {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path);
    path = scheme === null ? `/${path}` : path.slice(scheme[0].length) || '/';
  }
  return path;
}

function mayHaveUnreadBody(request: WebhookRequest): boolean {
  const body = request.body;
  if (
    typeof body !== 'object' ||
    body === null ||
    typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function'
  ) {
    return false;
  }
  const length = headerValue(request.headers, 'content-length');
  if (length !== undefined) return length.trim() !== '0';
  return headerValue(request.headers, 'transfer-encoding') !== undefined;
}

/**
 * Whether a body labelled `contentType` may be read as JSON: no label, `application/json`, any
 * `+json` type, or `text/plain` (fetch's label for a string body). Parameters such as `charset`
 * are ignored: the body is decoded as UTF-8, which JSON requires.
 */
function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const type = (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
  return (
    type === '' ||
    type === 'application/json' ||
    type === 'text/plain' ||
    /^[a-z0-9!#$&^_.-]+\/[a-z0-9!#$&^_.-]+\+json$/.test(type)
  );
}

function where(options: ResolvedWebhookOptions): string {
  if (options.secretIn === 'path') return 'as the last path segment';
  if (options.secretIn === 'header') return `in header ${options.secretHeader}`;
  return `as the last path segment or in header ${options.secretHeader}`;
}

function tooLarge(limit: number): string {
  return `the body is larger than ${limit} bytes (maxBodyBytes); one Update is far smaller`;
}
