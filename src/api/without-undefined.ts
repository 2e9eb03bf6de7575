/**
 * A copy of `value` without its `undefined` fields, so spreading it over defaults keeps the
 * defaults for options the user left out (`{ limit: undefined }` does not erase a default).
 *
 * @example
 * ({ ...defaults, ...withoutUndefined({ limit: undefined, jitter: 0 }) }); // defaults.limit kept
 */
export function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
