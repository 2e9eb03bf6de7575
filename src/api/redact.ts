/**
 * Keeping the access token out of everything an error exposes. A secret can show up raw or
 * URL-encoded (the query form of `access_token`), in a message, a stack, a field such as
 * `input`/`base`/`url` of a nested cause, or a server's echo of the request URL.
 */

const MASK = '***';
/** Most nodes one redaction walks; anything beyond is replaced, never shown unredacted. */
const NODE_BUDGET = 2_000;
const BEYOND_BUDGET = '[not shown: too deeply nested]';
/**
 * Shorter secrets are not masked: they occur by chance in ordinary words (a one-letter test
 * token would mangle every message), and no real access token is that short.
 */
const MIN_SECRET_LENGTH = 6;

/**
 * The spellings of `secret` that can appear in text: itself and its URL-encoded forms
 * (`encodeURIComponent` and the `application/x-www-form-urlencoded` form `URLSearchParams`
 * writes). Empty for a secret shorter than 6 characters: such a string occurs by chance in
 * ordinary text (a one-letter test token would mangle every message), and no real access token
 * is that short.
 *
 * @example
 * secretForms('abc/def ghi'); // ['abc%2Fdef%20ghi', 'abc%2Fdef+ghi', 'abc/def ghi']
 */
export function secretForms(secret: string): readonly string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const forms = new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]);
  // longest first, so a form containing another is masked whole
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * Replaces every occurrence of `secret` (raw or URL-encoded, see {@link secretForms}) in
 * `text` with `***`.
 *
 * @example
 * redact('GET /me?access_token=abc', 'abc'); // 'GET /me?access_token=***'
 */
export function redact(text: string, secret: string | readonly string[]): string {
  const forms = typeof secret === 'string' ? secretForms(secret) : secret;
  let result = text;
  for (const form of forms) if (form !== '' && result.includes(form)) result = result.split(form).join(MASK);
  return result;
}

/**
 * `error` made safe to show: the original when no string it exposes mentions the secret, at
 * any depth; otherwise a copy (same prototype, so `instanceof` and `name` still hold) in which
 * every string is redacted — message, stack, fields such as `url`, `input` or `description`,
 * the `cause` chain and `AggregateError.errors`, nested objects, arrays, `Map`s, `Set`s and
 * `Headers` (an `Authorization` header). `URL`, `Request` and `Response` objects are replaced by
 * their redacted URL. Bounded: a structure of more than
 * a couple of thousand nodes is cut, never shown unredacted.
 *
 * @example
 * new TamTamNetworkError('fetch failed', details, { cause: redactError(err, token) });
 */
export function redactError<T>(error: T, secret: string | readonly string[]): T {
  const forms = typeof secret === 'string' ? secretForms(secret) : secret;
  if (forms.length === 0) return error;
  if (!leaks(error, forms, new Set(), { left: NODE_BUDGET })) return error;
  return redactedCopy(error, forms, new Map(), { left: NODE_BUDGET }) as T;
}

interface Budget {
  left: number;
}

function mentions(text: string, forms: readonly string[]): boolean {
  return forms.some((form) => text.includes(form));
}

/** Whether any string reachable from `value` mentions the secret (or the walk ran out of budget). */
function leaks(value: unknown, forms: readonly string[], seen: Set<object>, budget: Budget): boolean {
  if (typeof value === 'string') return mentions(value, forms);
  if (typeof value !== 'object' || value === null) return false;
  if (seen.has(value)) return false;
  seen.add(value);
  budget.left -= 1;
  if (budget.left < 0) return true;
  const special = urlOf(value);
  if (special !== undefined) return mentions(special, forms) || leaks(headersOf(value), forms, seen, budget);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return false;
  const entries = entriesOf(value);
  if (entries !== undefined && leaks(entries, forms, seen, budget)) return true;
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'string' && isPlain(value) && mentions(key, forms)) return true;
    if (leaks(readOwn(value, key), forms, seen, budget)) return true;
  }
  return false;
}

function redactedCopy(value: unknown, forms: readonly string[], copies: Map<object, unknown>, budget: Budget): unknown {
  if (typeof value === 'string') return redact(value, forms);
  if (typeof value !== 'object' || value === null) return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  budget.left -= 1;
  if (budget.left < 0) return BEYOND_BUDGET;
  const special = urlOf(value);
  if (special !== undefined) {
    const shown = `${kindOf(value)} ${redact(special, forms)}`;
    copies.set(value, shown);
    return shown;
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  const entries = entriesOf(value);
  if (entries !== undefined) {
    // containers whose content lives in internal slots: rebuilt from redacted entries
    const safe = redactedCopy(entries, forms, copies, budget) as [unknown, unknown][];
    let copy: unknown;
    if (value instanceof Map) copy = new Map(safe);
    else if (value instanceof Set) copy = new Set(safe.map(([item]) => item));
    else copy = new Headers(safe as [string, string][]);
    copies.set(value, copy);
    return copy;
  }
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    copies.set(value, items);
    for (const item of value as unknown[]) items.push(redactedCopy(item, forms, copies, budget));
    return items;
  }
  const copy: object = Object.create(Object.getPrototypeOf(value) as object | null);
  copies.set(value, copy);
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined) continue;
    // the keys of classes are code; a plain object may be keyed by data (a URL, say)
    const safeKey = typeof key === 'string' && isPlain(value) ? redact(key, forms) : key;
    Object.defineProperty(copy, safeKey, {
      value: redactedCopy(readOwn(value, key), forms, copies, budget),
      writable: descriptor.writable ?? true,
      enumerable: descriptor.enumerable ?? false,
      configurable: true,
    });
  }
  return copy;
}

function isPlain(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype;
}

/** An own property's value; a getter is called (and a throwing one reads as `undefined`). */
function readOwn(target: object, key: string | symbol): unknown {
  try {
    return Reflect.get(target, key);
  } catch {
    return undefined;
  }
}

/** The entries of a `Map`, `Set` or `Headers` (a Set's as `[item, item]` pairs). */
function entriesOf(value: object): [unknown, unknown][] | undefined {
  if (value instanceof Map) return [...(value as Map<unknown, unknown>).entries()];
  if (value instanceof Set) return [...(value as Set<unknown>).values()].map((item) => [item, item]);
  if (typeof Headers !== 'undefined' && value instanceof Headers) return [...value.entries()];
  return undefined;
}

/** The headers of a `Request` or `Response` (inspect shows them: an `Authorization` header). */
function headersOf(value: object): Headers | undefined {
  if (typeof Request !== 'undefined' && value instanceof Request) return value.headers;
  if (typeof Response !== 'undefined' && value instanceof Response) return value.headers;
  return undefined;
}

/**
 * The URL of a `URL`, `Request` or `Response`: objects whose secrets live in internal slots. A
 * leaking one is shown as its kind and redacted URL, without headers.
 */
function urlOf(value: object): string | undefined {
  if (typeof URL !== 'undefined' && value instanceof URL) return value.href;
  if (typeof Request !== 'undefined' && value instanceof Request) return value.url;
  if (typeof Response !== 'undefined' && value instanceof Response) return value.url;
  return undefined;
}

function kindOf(value: object): string {
  if (typeof URL !== 'undefined' && value instanceof URL) return 'URL';
  return typeof Request !== 'undefined' && value instanceof Request ? `Request ${value.method}` : 'Response';
}
