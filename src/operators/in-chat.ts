import type { MonoTypeOperatorFunction } from 'rxjs';
import { filterDerive } from './filter-derive';
import { chatIdOf } from './update-context';
import type { AnyUpdate, UpdateLike } from './update-like';

/**
 * Lets through only updates that happened in one of the given chats (dialogs included; see
 * `chatIdOf` for where each update type keeps its chat). Updates that name no chat do not pass.
 *
 * @example
 * updates$.pipe(ofType('message_created'), inChat(supportChatId));
 */
export function inChat<U extends UpdateLike = AnyUpdate>(
  ...chatIds: readonly [number, ...number[]]
): MonoTypeOperatorFunction<U> {
  if (chatIds.length === 0) throw new TypeError('inChat: pass at least one chat id');
  for (const id of chatIds) {
    if (!Number.isInteger(id)) throw new TypeError(`inChat: chat ids are integers, got ${String(id)}`);
  }
  const wanted: ReadonlySet<number> = new Set(chatIds);
  return filterDerive((update: U) => {
    const id = chatIdOf(update);
    return id !== null && wanted.has(id);
  });
}
