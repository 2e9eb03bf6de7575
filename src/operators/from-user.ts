import type { MonoTypeOperatorFunction } from 'rxjs';
import { filterDerive } from './filter-derive';
import { userIdOf } from './update-context';
import type { AnyUpdate, UpdateLike } from './update-like';

/**
 * Lets through only updates that come from one of the given users (author, button presser,
 * …; see `userOf`). Updates that name no user do not pass.
 *
 * @example
 * updates$.pipe(ofType('message_created'), fromUser(ownerId), command('shutdown'));
 */
export function fromUser<U extends UpdateLike = AnyUpdate>(
  ...userIds: readonly [number, ...number[]]
): MonoTypeOperatorFunction<U> {
  if (userIds.length === 0) throw new TypeError('fromUser: pass at least one user id');
  for (const id of userIds) {
    if (!Number.isInteger(id)) throw new TypeError(`fromUser: user ids are integers, got ${String(id)}`);
  }
  const wanted: ReadonlySet<number> = new Set(userIds);
  return filterDerive((update: U) => {
    const id = userIdOf(update);
    return id !== null && wanted.has(id);
  });
}
