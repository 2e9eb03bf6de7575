/**
 * The shapes operators accept. Operators take any object with an `update_type` so they work on
 * known updates, on updates a newer server sent (`UnknownUpdate`) and on updates a user
 * extended with their own fields; their output keeps whatever the input type carried.
 */
import type { UnknownUpdate, Update, UpdateType } from '../types/index';

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
