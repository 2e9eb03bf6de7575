/**
 * Request headers as adapters have them: a fetch `Headers` object or Node's
 * `IncomingHttpHeaders` (lower-case names, values may be arrays).
 *
 * @example
 * const headers: WebhookHeaders = { 'content-type': 'application/json' };
 */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The first value of header `name` (given in lower case; matched case-insensitively), or
 * `undefined`. A Node headers object is read by its own property first (Node lower-cases the
 * names), so the common case is one property read.
 *
 * @example
 * headerValue({ 'X-A': ['1', '2'] }, 'x-a'); // '1'
 */
export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  let value = Object.hasOwn(record, name) ? record[name] : undefined;
  if (value === undefined) {
    for (const key of Object.keys(record)) {
      if (key.toLowerCase() === name) {
        value = record[key];
        break;
      }
    }
  }
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
