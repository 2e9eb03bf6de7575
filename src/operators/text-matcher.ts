/**
 * How operators match a piece of text (a callback payload, a message text, a deep-link
 * payload): an exact string, a regular expression, or a predicate.
 */

/**
 * An exact string, a `RegExp` (tested anywhere in the text unless anchored; `g`/`y` flags are
 * ignored so matching is stateless), or a predicate that also sees the update.
 *
 * @example
 * const exact: TextMatcher<MessageCreatedUpdate> = 'ping';
 * const pattern: TextMatcher<MessageCreatedUpdate> = /^order (\d+)$/i;
 * const test: TextMatcher<MessageCreatedUpdate> = (text, u) => text.length > 100 && u.message.recipient.chat_type === 'dialog';
 */
export type TextMatcher<U> = string | RegExp | ((text: string, update: U) => boolean);

/**
 * A successful `RegExp` match. Declare the pattern's named groups as a type argument to get
 * them typed (`callbackPayload<'id'>(/^order:(?<id>\d+)$/)` gives `match.groups.id: string`);
 * declare only groups that always take part in a match.
 *
 * @example
 * const m = /^(?<cmd>\w+)/.exec('go now') as PatternMatch<'cmd'>;
 * m.groups.cmd; // 'go'
 */
export type PatternMatch<Names extends string = never> = [Names] extends [never]
  ? RegExpExecArray
  : Omit<RegExpExecArray, 'groups'> & { readonly groups: { readonly [K in Names]: string } };

/**
 * Result of a compiled matcher: no match, a plain match, or a RegExp match.
 *
 * @example
 * const r: MatchResult = /a/.exec('abc') ?? false;
 */
export type MatchResult = false | true | RegExpExecArray;

/**
 * Turns a matcher into a function. Throws a TypeError for anything that is not a matcher.
 *
 * @example
 * const test = compileTextMatcher('messageText', /^hi/i);
 * test('Hi there', update); // RegExpExecArray
 */
export function compileTextMatcher<U>(
  operator: string,
  matcher: TextMatcher<U>,
): (text: string, update: U) => MatchResult {
  if (typeof matcher === 'string') return (text) => text === matcher;
  if (matcher instanceof RegExp) {
    // A global or sticky RegExp remembers lastIndex between calls; a copy without those flags does not.
    const pattern = /[gy]/.test(matcher.flags)
      ? new RegExp(matcher.source, matcher.flags.replace(/[gy]/g, ''))
      : matcher;
    return (text) => pattern.exec(text) ?? false;
  }
  if (typeof matcher === 'function') return (text, update) => matcher(text, update) === true;
  throw new TypeError(`${operator}: expected a string, a RegExp or a predicate function, got ${describe(matcher)}`);
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
