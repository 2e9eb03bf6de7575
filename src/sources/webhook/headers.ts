/**
 * Request headers as adapters have them: a fetch `Headers` object or Node's
 * `IncomingHttpHeaders` (lower-case names, values may be arrays).
 *
 * @example
 * const headers: WebhookHeaders = { 'content-type': 'application/json' };
 */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The first value of header `name` (case-insensitive), or `undefined`.
 *
 * @example
 * headerValue({ 'x-a': ['1', '2'] }, 'X-A'); // '1'
 */
export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  const lower = name.toLowerCase();
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(lower) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  let value = Object.hasOwn(record, lower) ? record[lower] : undefined;
  if (value === undefined) {
    for (const key of Object.keys(record)) {
      if (key.toLowerCase() === lower) {
        value = record[key];
        break;
      }
    }
  }
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
