import type { QueryValue } from './request-spec';

/**
 * Writes query parameters onto `params`: arrays comma-separated, `undefined`/`null` skipped,
 * booleans as `true`/`false`.
 *
 * @example
 * const p = new URLSearchParams();
 * appendQuery(p, { user_ids: [1, 2], marker: undefined }); // user_ids=1%2C2
 */
export function appendQuery(params: URLSearchParams, query: Readonly<Record<string, QueryValue>> | undefined): void {
  if (query === undefined) return;
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
}
