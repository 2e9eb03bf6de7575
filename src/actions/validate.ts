/**
 * Input guards used by actions. Each throws a TypeError that names the operation, the
 * parameter and what was received, e.g. `getChat: chatId must be an integer, got "12a"`.
 */

/**
 * Checks an integer id (chat ids are negative for group chats).
 *
 * @example
 * requireInteger('getChat', 'chatId', chatId);
 */
export function requireInteger(operation: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(`${operation}: ${name} must be an integer, got ${describe(value)}`);
  }
  return value;
}

/**
 * Checks a non-empty string (message ids, callback ids, links).
 *
 * @example
 * requireText('deleteMessage', 'messageId', mid);
 */
export function requireText(operation: string, name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`${operation}: ${name} must be a non-empty string, got ${describe(value)}`);
  }
  return value;
}

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
    throw new TypeError(`${operation}: ${name} must be an object, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}
