import type { QueryValue } from './request-spec';

/**
 * Writes query parameters onto `params`: arrays comma-separated, `undefined`/`null` and empty
 * arrays skipped, booleans as `true`/`false`.
 *
 * @example
 * const p = new URLSearchParams();
 * appendQuery(p, { user_ids: [1, 2], marker: undefined }); // user_ids=1%2C2
 */
export function appendQuery(params: URLSearchParams, query: Readonly<Record<string, QueryValue>> | undefined): void {
  if (query === undefined) return;
  for (const [key, value] of Object.entries(query)) {
    // an empty list says nothing: `types=` would read as a list with one empty item
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
}
