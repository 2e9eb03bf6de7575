import type { OperatorFunction } from 'rxjs';
import type { AnyUpdate, UpdateLike, UpdateOfType, UpdateTypeIn } from './update-like';
import { MAX_UPDATE_TYPES, UPDATE_TYPES } from '../types/index';
import { filterDerive } from './filter-derive';

// built by a call marked pure: an app that never uses ofType leaves the set out
const known: ReadonlySet<string> = /* @__PURE__ */ knownTypes();

/** Every update type of both dialects. */
function knownTypes(): ReadonlySet<string> {
  return new Set<string>([...UPDATE_TYPES, ...MAX_UPDATE_TYPES]);
}

/**
 * Lets through only updates of the given type(s). The output type is exactly the matching
 * members of the input union (`ofType('message_callback')` gives `MessageCallbackUpdate`, or
 * `MaxMessageCallbackUpdate` on a Max stream), a type name the stream's dialect does not have is
 * a compile error (`'dialog_muted'` on TamTam, `'message_constructed'` on Max), and it keeps
 * its types inside a standalone `pipe()` (the input then defaults to TamTam's
 * {@link AnyUpdate}; write `pipe(ofType<'dialog_muted', MaxAnyUpdate>('dialog_muted'))` for Max).
 *
 * @example
 * updates$.pipe(
 *   ofType('message_created', 'message_edited'),
 *   map((u) => u.message.body.text), // u: MessageCreatedUpdate | MessageEditedUpdate
 * );
 */
export function ofType<T extends UpdateTypeIn<U>, U extends UpdateLike = AnyUpdate>(
  ...types: readonly [T, ...T[]]
): OperatorFunction<U, UpdateOfType<U, T>> {
  if (types.length === 0) throw new TypeError("ofType: name at least one update type, e.g. ofType('message_created')");
  for (const type of types) {
    if (!known.has(type)) {
      throw new TypeError(`ofType: '${String(type)}' is not an update type; expected one of ${[...known].join(', ')}`);
    }
  }
  if (types.length === 1) {
    const only: string = types[0];
    return filterDerive((update: U): update is UpdateOfType<U, T> => update.update_type === only);
  }
  const wanted: ReadonlySet<string> = new Set<string>(types);
  return filterDerive((update: U): update is UpdateOfType<U, T> => wanted.has(update.update_type));
}
