/**
 * Extending an update with computed fields (a parsed command, decoded payload, regex match)
 * without losing track of which update it came from.
 */

const origins = new WeakMap<object, object>();

/**
 * A shallow copy of `update` with `extra` fields added. The copy remembers the update it came
 * from, so delivery tracking (`perChat`, `isolate`) still holds the original update and the
 * source acknowledges it only once it is handled. Prefer it over `{ ...update, extra }` when
 * writing your own operators.
 *
 * @example
 * updates$.pipe(ofType('message_created'), map((u) => deriveUpdate(u, { words: u.message.body.text?.split(' ') ?? [] })));
 */
export function deriveUpdate<U extends object, E extends object>(update: U, extra: E): U & E {
  const derived = { ...update, ...extra };
  origins.set(derived, originalUpdate(update));
  return derived;
}

/**
 * The update a value was derived from with {@link deriveUpdate} (itself when it was not).
 *
 * @example
 * originalUpdate(deriveUpdate(update, { n: 1 })) === update; // true
 */
export function originalUpdate<U extends object>(value: U): object {
  return origins.get(value) ?? value;
}
