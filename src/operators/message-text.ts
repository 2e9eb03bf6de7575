import type { OperatorFunction } from 'rxjs';
import type { MessageCreatedUpdate } from '../types/index';
import { deriveUpdate } from '../delivery/derive-update';
import { type MatchResult, type PatternMatch, compileTextMatcher } from './text-matcher';
import { filterDerive } from './filter-derive';
import { type AnyUpdate, type UpdateLike, type UpdateOfType, isOfType } from './update-like';

/**
 * A `message_created` update whose text is known to be present.
 *
 * @example
 * function echo(u: MessageWithText<MessageCreatedUpdate>) { return u.message.body.text.toUpperCase(); }
 */
export type MessageWithText<U> = U & { readonly message: { readonly body: { readonly text: string } } };

/**
 * A `message_created` update whose text matched a RegExp; the match is in `match`.
 *
 * @example
 * function onPrice(u: MessageTextMatch<MessageCreatedUpdate, 'sku'>) { return u.match.groups.sku; }
 */
export type MessageTextMatch<U, Names extends string = never> = MessageWithText<U> & {
  readonly match: PatternMatch<Names>;
};

type Created<U> = UpdateOfType<U, 'message_created'>;

/**
 * Lets through new messages (`message_created`) whose whole text equals `text`.
 * Messages without text never pass.
 *
 * @example
 * updates$.pipe(messageText('ping'), mergeMap((u) => reply(api, u, 'pong')));
 */
export function messageText<U extends UpdateLike = AnyUpdate>(
  text: string,
): OperatorFunction<U, MessageWithText<Created<U>>>;
/**
 * Lets through new messages whose text matches `pattern` and adds the match as `match`; name
 * the named groups as the type argument to get them typed.
 *
 * @example
 * updates$.pipe(messageText<'n'>(/^roll (?<n>\d+)$/), map((u) => Number(u.match.groups.n)));
 */
export function messageText<Names extends string = never, U extends UpdateLike = AnyUpdate>(
  pattern: RegExp,
): OperatorFunction<U, MessageTextMatch<Created<U>, Names>>;
/**
 * Lets through new messages whose text passes `predicate`.
 *
 * @example
 * updates$.pipe(messageText((text) => text.includes('?')));
 */
export function messageText<U extends UpdateLike = AnyUpdate>(
  predicate: (text: string, update: MessageCreatedUpdate) => boolean,
): OperatorFunction<U, MessageWithText<Created<U>>>;
export function messageText(
  matcher: string | RegExp | ((text: string, update: MessageCreatedUpdate) => boolean),
): OperatorFunction<AnyUpdate, MessageCreatedUpdate> {
  const test = compileTextMatcher('messageText', matcher);
  return filterDerive(
    (u: AnyUpdate) => isOfType(u, 'message_created'),
    (update) => {
      const text = update.message?.body?.text;
      const result: MatchResult = typeof text === 'string' ? test(text, update) : false;
      if (result === false) return null;
      return result === true ? update : deriveUpdate(update, { match: result });
    },
  );
}
