/**
 * Input guards shared by the request builder and the actions. Each throws a TypeError that
 * names the operation, the parameter and what was received, e.g.
 * `getChat: chatId must be an integer, got "12a"`.
 */

/**
 * Checks an integer id (chat ids are negative for group chats).
 *
 * @example
 * requireInteger('getChat', 'chatId', chatId);
 */
export function requireInteger(operation: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new TypeError(`${operation}: ${name} must be an integer, got ${describeValue(value)}`);
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
    throw new TypeError(`${operation}: ${name} must be a non-empty string, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * A short description of a bad value for an error message (strings quoted, objects by kind).
 *
 * @example
 * describeValue('12a'); // '"12a"'
 * describeValue([1]); // 'an array'
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
}
