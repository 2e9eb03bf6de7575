/**
 * Deep overrides for test data: change one nested field without restating the rest.
 */

/**
 * Every field optional, at every depth. Arrays are replaced whole (not merged by index);
 * `null` replaces; a field set to `undefined` is removed from the result; an object with a
 * different discriminant (`type`, `input_type`) replaces the old one instead of merging.
 *
 * @example
 * const patch: DeepPartial<MessageCreatedUpdate> = { message: { body: { text: '/start' } } };
 */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends (...args: never[]) => unknown
    ? T
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> | undefined }
      : T;

/**
 * A deep copy of `base` with `overrides` applied: plain objects merge key by key, anything else
 * (arrays, `null`, numbers, strings, class instances) replaces, and `undefined` removes the
 * key. An object whose `type` or `input_type` differs from the one it meets replaces it
 * whole, so switching a union member leaves no stray fields. Neither argument is modified.
 *
 * @example
 * deepMerge({ a: { b: 1, c: 2 }, d: [1] }, { a: { c: 3 }, d: [9] }); // { a: { b: 1, c: 3 }, d: [9] }
 */
export function deepMerge<T>(base: T, overrides: NoInfer<DeepPartial<T>> | undefined): T {
  const copy = structuredCopy(base);
  if (overrides === undefined) return copy;
  return mergeInto(copy, overrides) as T;
}

const DISCRIMINANTS = ['type', 'input_type'] as const;

function mergeInto(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch) || !isPlainObject(target)) return structuredCopy(patch);
  if (DISCRIMINANTS.some((key) => key in patch && patch[key] !== target[key])) return structuredCopy(patch);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete target[key];
    else target[key] = mergeInto(target[key], value);
  }
  return target;
}

function structuredCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => structuredCopy(item)) as T;
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) copy[key] = structuredCopy(item);
    return copy as T;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
