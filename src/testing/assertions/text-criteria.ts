/**
 * Matching and describing texts in assertion helpers.
 */

/**
 * An expected text: exactly this string, or a RegExp it must match.
 *
 * @example
 * const expected: TextExpectation = /^Thanks, \w+!$/;
 */
export type TextExpectation = string | RegExp;

/**
 * Whether `actual` meets `expected` (`undefined` expects nothing in particular).
 *
 * @example
 * textMatches('Hello, Alice', /Alice/); // true
 */
export function textMatches(actual: string | null | undefined, expected: TextExpectation | undefined): boolean {
  if (expected === undefined) return true;
  if (typeof actual !== 'string') return false;
  return typeof expected === 'string'
    ? actual === expected
    : new RegExp(expected.source, expected.flags.replace('g', '')).test(actual);
}

/**
 * A short printable form of a text for failure messages (quoted, long ones cut).
 *
 * @example
 * quote('a'.repeat(200)); // '"aaaa…" (200 chars)'
 */
export function quote(text: string | null | undefined, max = 80): string {
  if (text === null || text === undefined) return String(text);
  return text.length > max ? `${JSON.stringify(text.slice(0, max))}… (${text.length} chars)` : JSON.stringify(text);
}

/**
 * A printable form of an expectation.
 *
 * @example
 * describeText(/hi/i); // '/hi/i'
 */
export function describeText(expected: TextExpectation): string {
  return typeof expected === 'string' ? quote(expected) : String(expected);
}
