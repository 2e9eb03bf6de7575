/**
 * Input guards used by actions. Each throws a TypeError that names the operation, the
 * parameter and what was received, e.g. `getChat: chatId must be an integer, got "12a"`.
 * Path parameters are checked by the request builder (`buildRequest`) with the same guards.
 */
import { describeValue, requireInteger } from '../api/validate-input';

export { requireInteger, requireText } from '../api/validate-input';

/**
 * Checks an optional integer within bounds (page sizes, limits).
 *
 * @example
 * optionalIntegerInRange('getChats', 'count', params.count, 1, 100);
 */
export function optionalIntegerInRange(
  operation: string,
  name: string,
  value: unknown,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = requireInteger(operation, name, value);
  if (n < min || n > max) throw new TypeError(`${operation}: ${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/**
 * Checks an object argument (a request body).
 *
 * @example
 * requireObject('editChat', 'patch', patch);
 */
export function requireObject<T extends object>(operation: string, name: string, value: T): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${operation}: ${name} must be an object, got ${describeValue(value)}`);
  }
  return value;
}
