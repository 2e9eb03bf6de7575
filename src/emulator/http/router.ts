/**
 * A tiny path router: literal segments and `:params` with optional regex guards. The Bot API
 * routes are built from the operation table (`createApiRouter`); the control API's by hand.
 */
import type { HttpMethod } from '../../api/operation-table';

export type { HttpMethod } from '../../api/operation-table';

/**
 * Result of {@link Router.match}: a handler with its path params, a known path with the wrong
 * method (405), or no such path (404).
 *
 * @example
 * const m = router.match('GET', '/me');
 * if (m.kind === 'found') await m.handler(ctx);
 */
export type RouteMatch<H> =
  | { kind: 'found'; handler: H; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

type Segment = { literal: string } | { param: string; guard: RegExp | undefined };

const HTTP_METHODS: ReadonlySet<string> = new Set<HttpMethod>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

interface Route<H> {
  segments: Segment[];
  /** A Map, so a request method like `constructor` finds nothing rather than a prototype member. */
  handlers: ReadonlyMap<string, H>;
}

/**
 * Maps `(method, path)` to handlers. Patterns look like `/chats/:chatId/pin`; `guards` restrict
 * what a param may look like, so `/chats/:chatId` (digits) and `/chats/:chatLink` can coexist.
 *
 * @example
 * const router = new Router<() => unknown>();
 * router.add('/chats/:chatId', { GET: getChat }, { chatId: /^-?\d+$/ });
 * router.match('GET', '/chats/-5'); // { kind: 'found', params: { chatId: '-5' }, ... }
 */
export class Router<H> {
  private readonly routes: Route<H>[] = [];

  /** Registers handlers for one path pattern. */
  add(pattern: string, handlers: Partial<Record<HttpMethod, H>>, guards: Readonly<Record<string, RegExp>> = {}): this {
    const segments = splitPath(pattern).map((part): Segment => {
      if (!part.startsWith(':')) return { literal: part };
      const param = part.slice(1);
      return { param, guard: Object.hasOwn(guards, param) ? guards[param] : undefined };
    });
    const byMethod = new Map<string, H>();
    for (const [method, handler] of Object.entries(handlers)) {
      if (HTTP_METHODS.has(method) && handler !== undefined) byMethod.set(method, handler);
    }
    this.routes.push({ segments, handlers: byMethod });
    return this;
  }

  /** Finds the handler for a request; `path` is the raw (still percent-encoded) pathname. */
  match(method: string, path: string): RouteMatch<H> {
    const parts = decodeParts(path);
    if (!parts) return { kind: 'not-found' };
    const allowed = new Set<string>();
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      const handler = route.handlers.get(method);
      if (handler !== undefined) return { kind: 'found', handler, params };
      for (const m of route.handlers.keys()) allowed.add(m);
    }
    return allowed.size > 0 ? { kind: 'method-not-allowed', allowed: [...allowed] } : { kind: 'not-found' };
  }
}

function splitPath(path: string): string[] {
  const trimmed = path.endsWith('/') && path.length > 1 ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

function decodeParts(path: string): string[] | undefined {
  try {
    return splitPath(path).map((part) => decodeURIComponent(part));
  } catch {
    return undefined;
  }
}

function matchSegments(segments: readonly Segment[], parts: readonly string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    const part = parts[i] as string;
    if ('literal' in segment) {
      if (segment.literal !== part) return undefined;
    } else {
      if (part === '' || (segment.guard && !segment.guard.test(part))) return undefined;
      params[segment.param] = part;
    }
  }
  return params;
}
