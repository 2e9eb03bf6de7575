import type { OperatorFunction } from 'rxjs';
import type { BotStartedUpdate } from '../types/index';
import { deriveUpdate } from '../delivery/derive-update';
import { type MatchResult, type PatternMatch, compileTextMatcher } from './text-matcher';
import { filterDerive } from './filter-derive';
import { type AnyUpdate, type UpdateLike, type UpdateOfType, isOfType } from './update-like';

/**
 * A `bot_started` update that carries a deep-link payload (`https://tt.me/<bot>/start/<payload>`).
 *
 * @example
 * function track(u: StartWithPayload<BotStartedUpdate>) { return u.payload; } // string
 */
export type StartWithPayload<U, P extends string = string> = U & { readonly payload: P };

/**
 * A `bot_started` update whose deep-link payload matched a RegExp; the match is in `match`.
 *
 * @example
 * function ref(u: StartPayloadMatch<BotStartedUpdate, 'campaign'>) { return u.match.groups.campaign; }
 */
export type StartPayloadMatch<U, Names extends string = never> = StartWithPayload<U> & {
  readonly match: PatternMatch<Names>;
};

type Started<U> = UpdateOfType<U, 'bot_started'>;

/**
 * Lets through `bot_started` updates that carry a non-empty deep-link payload.
 * TamTam passes payloads of up to 128 characters; longer ones never reach the bot.
 *
 * @example
 * updates$.pipe(startPayload(), map((u) => u.payload)); // string
 */
export function startPayload<U extends UpdateLike = AnyUpdate>(): OperatorFunction<U, StartWithPayload<Started<U>>>;
/**
 * Lets through `bot_started` updates whose deep-link payload equals `payload`.
 *
 * @example
 * updates$.pipe(startPayload('promo'), mergeMap((u) => reply(api, u, 'Welcome, promo visitor!')));
 */
export function startPayload<const P extends string, U extends UpdateLike = AnyUpdate>(
  payload: P,
): OperatorFunction<U, StartWithPayload<Started<U>, P>>;
/**
 * Lets through `bot_started` updates whose deep-link payload matches `pattern`; the match is
 * added as `match` (name the named groups as the type argument to get them typed).
 *
 * @example
 * updates$.pipe(startPayload<'ref'>(/^ref_(?<ref>\w+)$/), map((u) => u.match.groups.ref));
 */
export function startPayload<Names extends string = never, U extends UpdateLike = AnyUpdate>(
  pattern: RegExp,
): OperatorFunction<U, StartPayloadMatch<Started<U>, Names>>;
/**
 * Lets through `bot_started` updates whose deep-link payload passes `predicate`.
 *
 * @example
 * updates$.pipe(startPayload((p) => p.startsWith('invite_')));
 */
export function startPayload<U extends UpdateLike = AnyUpdate>(
  predicate: (payload: string, update: BotStartedUpdate) => boolean,
): OperatorFunction<U, StartWithPayload<Started<U>>>;
export function startPayload(
  matcher?: string | RegExp | ((payload: string, update: BotStartedUpdate) => boolean),
): OperatorFunction<AnyUpdate, BotStartedUpdate> {
  const test = matcher === undefined ? () => true : compileTextMatcher('startPayload', matcher);
  return filterDerive(
    (u: AnyUpdate) => isOfType(u, 'bot_started'),
    (update) => {
      const payload = update.payload;
      const result: MatchResult = typeof payload === 'string' && payload !== '' ? test(payload, update) : false;
      if (result === false) return null;
      return result === true ? update : deriveUpdate(update, { match: result });
    },
  );
}
