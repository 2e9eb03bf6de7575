import type { OperatorFunction } from 'rxjs';
import type { MessageCallbackUpdate } from '../types/index';
import { deriveUpdate } from '../delivery/derive-update';
import { type PatternMatch, compileTextMatcher } from './text-matcher';
import { filterDerive } from './filter-derive';
import { type AnyUpdate, type UpdateLike, type UpdateOfType, isOfType } from './update-like';

/**
 * A `message_callback` update whose payload is known to be `P`.
 *
 * @example
 * function onYes(u: CallbackWithPayload<MessageCallbackUpdate, 'yes'>) { u.callback.payload; } // 'yes'
 */
export type CallbackWithPayload<U, P extends string = string> = U & { readonly callback: { readonly payload: P } };

/**
 * A `message_callback` update whose payload matched a RegExp; the match is in `match`.
 *
 * @example
 * function onOrder(u: CallbackMatch<MessageCallbackUpdate, 'id'>) { return Number(u.match.groups.id); }
 */
export type CallbackMatch<U, Names extends string = never> = CallbackWithPayload<U> & {
  readonly match: PatternMatch<Names>;
};

type Callbacks<U> = UpdateOfType<U, 'message_callback'>;

/**
 * `true` for a button press (`message_callback`) that carries a payload; narrows the update
 * to {@link CallbackWithPayload}.
 *
 * @example
 * filterDerive((u: AnyUpdate) => isCallbackWithPayload(u), (u) => u.callback.payload.split(':'));
 */
export function isCallbackWithPayload<U extends UpdateLike>(
  update: U,
): update is CallbackWithPayload<Callbacks<U> & MessageCallbackUpdate> {
  return isOfType(update, 'message_callback') && typeof update.callback?.payload === 'string';
}

/**
 * Lets through `message_callback` updates whose button payload equals `payload`; the payload's
 * type narrows to that literal. Presses without a payload never pass.
 *
 * @example
 * updates$.pipe(callbackPayload('menu:help'), mergeMap((u) => answerOnCallback(api, u.callback.callback_id, { notification: 'Help is on its way' })));
 */
export function callbackPayload<const P extends string, U extends UpdateLike = AnyUpdate>(
  payload: P,
): OperatorFunction<U, CallbackWithPayload<Callbacks<U>, P>>;
/**
 * Lets through `message_callback` updates whose payload matches `pattern` and adds the match
 * as `match`. Name the pattern's named groups as the type argument to get them typed.
 *
 * @example
 * updates$.pipe(
 *   callbackPayload<'id'>(/^order:(?<id>\d+)$/),
 *   map((u) => Number(u.match.groups.id)),
 * );
 */
export function callbackPayload<Names extends string = never, U extends UpdateLike = AnyUpdate>(
  pattern: RegExp,
): OperatorFunction<U, CallbackMatch<Callbacks<U>, Names>>;
/**
 * Lets through `message_callback` updates whose payload passes a type guard; the payload's
 * type narrows to the guarded type.
 *
 * @example
 * const isVote = (p: string): p is 'yes' | 'no' => p === 'yes' || p === 'no';
 * updates$.pipe(callbackPayload(isVote), map((u) => u.callback.payload)); // 'yes' | 'no'
 */
export function callbackPayload<P extends string, U extends UpdateLike = AnyUpdate>(
  guard: (payload: string, update: MessageCallbackUpdate) => payload is P,
): OperatorFunction<U, CallbackWithPayload<Callbacks<U>, P>>;
/**
 * Lets through `message_callback` updates whose payload passes `predicate`.
 *
 * @example
 * updates$.pipe(callbackPayload((p) => p.startsWith('admin:')));
 */
export function callbackPayload<U extends UpdateLike = AnyUpdate>(
  predicate: (payload: string, update: MessageCallbackUpdate) => boolean,
): OperatorFunction<U, CallbackWithPayload<Callbacks<U>>>;
export function callbackPayload(
  matcher: string | RegExp | ((payload: string, update: MessageCallbackUpdate) => boolean),
): OperatorFunction<AnyUpdate, MessageCallbackUpdate> {
  const test = compileTextMatcher('callbackPayload', matcher);
  // Exact strings and predicates never add a match: the test alone decides, and the very
  // update object passes on.
  if (typeof matcher === 'string') {
    return filterDerive(
      (u: AnyUpdate): u is MessageCallbackUpdate => isOfType(u, 'message_callback') && u.callback?.payload === matcher,
    );
  }
  if (!(matcher instanceof RegExp)) {
    return filterDerive(
      (u: AnyUpdate): u is MessageCallbackUpdate => isCallbackWithPayload(u) && test(u.callback.payload, u) === true,
    );
  }
  return filterDerive(isCallbackWithPayload<AnyUpdate>, (update) => {
    const result = test(update.callback.payload, update);
    if (result === false) return null;
    return result === true ? update : deriveUpdate(update, { match: result });
  });
}
