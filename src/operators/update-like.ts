/**
 * The shapes operators accept. Operators take any object with an `update_type` so they work on
 * known updates, on updates a newer server sent (`UnknownUpdate`) and on updates a user
 * extended with their own fields; their output keeps whatever the input type carried.
 */
import type { MaxUpdate, MaxUpdateType, UnknownUpdate, Update, UpdateOf, UpdateType } from '../types/index';
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
 * {@link AnyUpdate} for Max: every known Max update, plus updates of types this version does
 * not know.
 *
 * @example
 * const max$: Observable<MaxAnyUpdate> = merge(fromLongPolling(maxApi), fromLongPolling(maxApi).unknownUpdates$);
 */
export type MaxAnyUpdate = MaxUpdate | UnknownUpdate;

/**
 * Every update type some dialect defines (TamTam's and Max's).
 *
 * @example
 * const t: KnownUpdateType = 'dialog_muted';
 */
export type KnownUpdateType = UpdateType | MaxUpdateType;

/**
 * The update types a stream of `U` can carry: the literal `update_type`s of its members
 * (`UnknownUpdate`'s plain `string` does not count). A stream with no literal types at all
 * (`UpdateLike`) may carry any {@link KnownUpdateType}. This is what `ofType` accepts, so on a
 * Max stream `ofType('message_constructed')` does not compile, and on a TamTam one
 * `ofType('dialog_muted')` does not.
 *
 * @example
 * type Max = UpdateTypeIn<MaxUpdate | UnknownUpdate>; // MaxUpdateType
 */
export type UpdateTypeIn<U> = [LiteralTypesOf<U>] extends [never] ? KnownUpdateType : LiteralTypesOf<U>;
type LiteralTypesOf<U> = U extends { readonly update_type: infer K extends string }
  ? string extends K
    ? never
    : K
  : never;

/**
 * The members of `U` whose `update_type` is one of `T` (the output type of `ofType`).
 *
 * @example
 * type Created = UpdateOfType<AnyUpdate, 'message_created'>; // MessageCreatedUpdate
 */
export type UpdateOfType<U, T extends string> = Extract<U, { readonly update_type: T }>;

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
export function isOfType<U extends UpdateLike, T extends UpdateType>(
  update: U,
  type: T,
): update is UpdateOfType<U, T> & UpdateOf<T> {
  return update.update_type === type;
}
