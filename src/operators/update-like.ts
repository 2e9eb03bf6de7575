/**
 * The shapes operators accept. Operators take any object with an `update_type` so they work on
 * known updates, on updates a newer server sent (`UnknownUpdate`) and on updates a user
 * extended with their own fields; their output keeps whatever the input type carried.
 */
import type { UnknownUpdate, Update, UpdateOf, UpdateType } from '../types/index';
import { isUpdateType } from '../types/index';

/**
 * Anything with an `update_type`: what every operator accepts.
 *
 * @example
 * const like: UpdateLike = sampleUpdates.bot_started;
 */
export interface UpdateLike {
  readonly update_type: string;
}

/**
 * What an update stream carries when nothing narrowed it yet: every known update, plus
 * updates of types this version does not know. Operators use it as their default input type,
 * so `pipe(ofType('message_created'))` written on its own still has exact types.
 *
 * @example
 * const all$: Observable<AnyUpdate> = merge(updates$, unknown$);
 */
export type AnyUpdate = Update | UnknownUpdate;

/**
 * The members of `U` whose `update_type` is one of `T` (the output type of `ofType`).
 *
 * @example
 * type Created = UpdateOfType<AnyUpdate, 'message_created'>; // MessageCreatedUpdate
 */
export type UpdateOfType<U, T extends UpdateType> = Extract<U, { readonly update_type: T }>;

/**
 * `true` when `update` is of a type this version knows (not an `UnknownUpdate` from a newer
 * server); narrows it to {@link Update}, so a `switch` on `update_type` sees every field.
 *
 * @example
 * if (isKnownUpdate(u) && u.update_type === 'bot_started') greet(u.user);
 */
export function isKnownUpdate(update: UpdateLike): update is Update {
  return isUpdateType(update.update_type);
}

/**
 * `true` when `update` is of type `type`. Narrows any update type — known updates, a union
 * with `UnknownUpdate`, your own extended updates — to its members of that type, with the
 * fields of the known model (`UpdateOf<T>`), so operators read them without casts.
 *
 * @example
 * function textOf<U extends UpdateLike>(u: U): string | null {
 *   return isOfType(u, 'message_created') ? (u.message.body.text ?? null) : null;
 * }
 */
export function isOfType<U extends UpdateLike, T extends UpdateType>(update: U, type: T): update is UpdateOfType<U, T> & UpdateOf<T> {
  return update.update_type === type;
}
