import { type WebhookAnswer, type WebhookRejectionCode, rejected } from './answer';
import { type WebhookHeaders, headerValue } from './headers';
import type { ResolvedFetchWebhookOptions } from './options';
import { secretChecker } from './secret';

/**
 * What the webhook can check before reading a single byte of the body.
 *
 * @example
 * const head: RequestHead = { method: 'POST', url: '/tamtam', headers: req.headers, streamed: true };
 */
export interface RequestHead {
  readonly method: string;
  /** Path with optional query, or an absolute URL. */
  readonly url: string;
  readonly headers: WebhookHeaders;
  /** Whether the body is still to be read from the connection (a refusal then closes it). */
  readonly streamed: boolean;
}

/**
 * Builds the checks on a request's head — method, path, secret, declared size, content type —
 * in that order. The check returns the refusal, or `undefined` when the body may be read.
 * Runs synchronously, so adapters refuse a request without reading (or buffering) its body.
 *
 * @example
 * const checkHead = headChecker(resolveWebhookOptions({ path: '/tamtam' }));
 * checkHead({ method: 'GET', url: '/tamtam', headers: {}, streamed: false })?.status; // 405
 */
export function headChecker(options: ResolvedFetchWebhookOptions): (head: RequestHead) => WebhookAnswer | undefined {
  const secretMatches = options.secret === undefined ? undefined : secretChecker(options.secret);
  return (head) => {
    const { method, headers } = head;
    if (method !== 'POST' && (typeof method !== 'string' || method.toUpperCase() !== 'POST')) {
      return refuse(head, 'method.not.allowed', `the webhook accepts only POST, got ${String(method).slice(0, 16)}`, {
        allow: 'POST',
      });
    }
    const target = head.url === options.path ? NO_SEGMENT : matchPath(pathnameOf(head.url), options);
    if (target === undefined) {
      return refuse(
        head,
        'path.not.found',
        `nothing is served at this path${options.path === undefined ? '' : `; the webhook listens on ${options.path}`}`,
      );
    }
    if (secretMatches !== undefined) {
      const inPath = options.secretIn !== 'header' && secretMatches(target.secretSegment);
      const inHeader = options.secretIn !== 'path' && secretMatches(headerValue(headers, options.secretHeader));
      if (!inPath && !inHeader)
        return refuse(head, 'secret.mismatch', `the webhook secret is missing or wrong (expected ${where(options)})`);
    }
    const declared = headerValue(headers, 'content-length');
    if (declared !== undefined && Number(declared) > options.maxBodyBytes) {
      return refuse(head, 'body.too.large', tooLargeMessage(options.maxBodyBytes));
    }
    const contentType = headerValue(headers, 'content-type');
    if (!isJsonContentType(contentType)) {
      return refuse(
        head,
        'body.unsupported.type',
        `the webhook accepts JSON bodies only, got Content-Type ${JSON.stringify(String(contentType).slice(0, 100))}; send application/json`,
      );
    }
    return undefined;
  };
}

/**
 * A refusal of a request by its head: a body still on the connection is left unread, so the
 * answer asks to close the connection.
 */
function refuse(
  head: RequestHead,
  code: WebhookRejectionCode,
  message: string,
  headers?: Record<string, string>,
): WebhookAnswer {
  return rejected(code, message, {
    closeConnection: head.streamed && mayHaveBody(head.headers),
    ...(headers === undefined ? {} : { headers }),
  });
}

/**
 * The message of a `413` answer.
 *
 * @example
 * rejected('body.too.large', tooLargeMessage(1_048_576));
 */
export function tooLargeMessage(limit: number): string {
  return `the body is larger than ${limit} bytes (maxBodyBytes); one Update is far smaller`;
}

interface PathMatch {
  /** The segment after the configured path (or the last segment when no path is set). */
  readonly secretSegment: string | undefined;
}

const NO_SEGMENT: PathMatch = { secretSegment: undefined };

function matchPath(pathname: string, options: ResolvedFetchWebhookOptions): PathMatch | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  const secretMayBeInPath = options.secret !== undefined && options.secretIn !== 'header';
  if (options.path === undefined) {
    const last = path.slice(path.lastIndexOf('/') + 1);
    return { secretSegment: last === '' ? undefined : last };
  }
  if (path === options.path) return NO_SEGMENT;
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

/** Whether the headers announce a body (a refusal then leaves bytes unread on the connection). */
function mayHaveBody(headers: WebhookHeaders): boolean {
  const length = headerValue(headers, 'content-length');
  if (length !== undefined) return length.trim() !== '0';
  return headerValue(headers, 'transfer-encoding') !== undefined;
}

/**
 * Whether a body labelled `contentType` may be read as JSON: no label, `application/json`, any
 * `+json` type, or `text/plain` (fetch's label for a string body). Parameters such as `charset`
 * are ignored: the body is decoded as UTF-8, which JSON requires.
 */
function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType === 'application/json') return true;
  const type = (contentType.split(';', 1)[0] ?? '').trim().toLowerCase();
  return (
    type === '' ||
    type === 'application/json' ||
    type === 'text/plain' ||
    /^[a-z0-9!#$&^_.-]+\/[a-z0-9!#$&^_.-]+\+json$/.test(type)
  );
}

function where(options: ResolvedFetchWebhookOptions): string {
  if (options.secretIn === 'path') return 'as the last path segment';
  if (options.secretIn === 'header') return `in header ${options.secretHeader}`;
  return `as the last path segment or in header ${options.secretHeader}`;
}
