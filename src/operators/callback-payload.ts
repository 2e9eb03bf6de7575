import { type OperatorFunction, filter, map, pipe } from 'rxjs';
import type { MessageCallbackUpdate } from '../types/index';
import { deriveUpdate } from '../delivery/derive-update';
import { type MatchResult, type PatternMatch, compileTextMatcher } from './text-matcher';
import type { AnyUpdate, UpdateLike, UpdateOfType } from './update-like';

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
export type CallbackMatch<U, Names extends string = never> = CallbackWithPayload<U> & { readonly match: PatternMatch<Names> };

type Callbacks<U> = UpdateOfType<U, 'message_callback'>;

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
): OperatorFunction<UpdateLike, MessageCallbackUpdate> {
  const test = compileTextMatcher('callbackPayload', matcher);
  // Exact strings and predicates never add a match, so they need one filter only: each
  // operator in a chain costs a subscriber hop per update, which dominates a cheap test.
  if (typeof matcher === 'string') {
    return filter((u: UpdateLike): u is MessageCallbackUpdate => u.update_type === 'message_callback' && (u as MessageCallbackUpdate).callback?.payload === matcher);
  }
  if (!(matcher instanceof RegExp)) {
    return filter((u: UpdateLike): u is MessageCallbackUpdate => {
      if (u.update_type !== 'message_callback') return false;
      const payload = (u as MessageCallbackUpdate).callback?.payload;
      return typeof payload === 'string' && test(payload, u as MessageCallbackUpdate) === true;
    });
  }
  return pipe(
    filter((u: UpdateLike): u is MessageCallbackUpdate => u.update_type === 'message_callback'),
    map((update) => {
      const payload = update.callback?.payload;
      const result: MatchResult = typeof payload === 'string' ? test(payload, update) : false;
      if (result === false) return null;
      return result === true ? update : deriveUpdate(update, { match: result });
    }),
    filter((u): u is MessageCallbackUpdate => u !== null),
  );
}
