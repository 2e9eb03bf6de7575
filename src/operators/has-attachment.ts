import type { OperatorFunction } from 'rxjs';
import type { Attachment, AttachmentByType, AttachmentType } from '../types/index';
import { ATTACHMENT_TYPES } from '../types/index';
import { deriveUpdate } from '../delivery/derive-update';
import { filterDerive } from './filter-derive';
import { type AnyUpdate, type UpdateLike, type UpdateOfType, isOfType } from './update-like';

const known: ReadonlySet<string> = /* @__PURE__ */ new Set<string>(ATTACHMENT_TYPES);

/**
 * A `message_created` update with at least one attachment of the wanted kinds; those
 * attachments (in message order, never empty) are in `attachments`.
 *
 * @example
 * function firstPhoto(u: WithAttachments<MessageCreatedUpdate, 'image'>) { return u.attachments[0].payload.url; }
 */
export type WithAttachments<U, T extends AttachmentType> = U & {
  readonly attachments: readonly [AttachmentByType[T], ...AttachmentByType[T][]];
};

/**
 * Lets through new messages (`message_created`) with at least one attachment of the given
 * kind(s) and adds the matching attachments as `attachments`.
 *
 * @example
 * updates$.pipe(
 *   hasAttachment('image', 'video'),
 *   map((u) => u.attachments.map((a) => a.payload.url)),
 * );
 */
export function hasAttachment<T extends AttachmentType, U extends UpdateLike = AnyUpdate>(
  ...types: readonly [T, ...T[]]
): OperatorFunction<U, WithAttachments<UpdateOfType<U, 'message_created'>, T>> {
  if (types.length === 0)
    throw new TypeError(`hasAttachment: name at least one attachment type (${ATTACHMENT_TYPES.join(', ')})`);
  for (const type of types) {
    if (!known.has(type)) {
      throw new TypeError(
        `hasAttachment: '${String(type)}' is not an attachment type; expected one of ${ATTACHMENT_TYPES.join(', ')}`,
      );
    }
  }
  const wanted: ReadonlySet<string> = new Set<string>(types);
  const isWanted = (a: Attachment): a is AttachmentByType[T] =>
    typeof a === 'object' && a !== null && wanted.has(a.type);
  return filterDerive(
    (u: U) => isOfType(u, 'message_created'),
    (update): WithAttachments<UpdateOfType<U, 'message_created'>, T> | null => {
      const all = update.message?.body?.attachments;
      if (!Array.isArray(all)) return null;
      const [first, ...rest] = all.filter(isWanted);
      if (first === undefined) return null;
      const attachments: WithAttachments<unknown, T>['attachments'] = [first, ...rest];
      return deriveUpdate(update, { attachments });
    },
  );
}
