import type { MonoTypeOperatorFunction } from 'rxjs';
import { filterDerive } from './filter-derive';
import type { ChatType } from '../types/index';
import { CHAT_TYPES } from '../types/index';
import { chatTypeOf } from './update-context';
import type { AnyUpdate, UpdateLike } from './update-like';

const known: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(CHAT_TYPES);

/**
 * Lets through only updates from the given kinds of chat: `'dialog'` (one-to-one with the
 * bot), `'chat'` (groups) or `'channel'`. Updates that do not tell their chat kind (see
 * `chatTypeOf`) do not pass.
 *
 * @example
 * updates$.pipe(ofType('message_created'), ofChatType('dialog')); // private messages only
 */
export function ofChatType<U extends UpdateLike = AnyUpdate>(
  ...types: readonly [ChatType, ...ChatType[]]
): MonoTypeOperatorFunction<U> {
  if (types.length === 0) throw new TypeError(`ofChatType: pass at least one of ${CHAT_TYPES.join(', ')}`);
  for (const type of types) {
    if (!known.has(type))
      throw new TypeError(`ofChatType: '${String(type)}' is not a chat type; expected one of ${CHAT_TYPES.join(', ')}`);
  }
  const wanted: ReadonlySet<ChatType> = new Set(types);
  return filterDerive((update: U) => {
    const type = chatTypeOf(update);
    return type !== null && wanted.has(type);
  });
}
