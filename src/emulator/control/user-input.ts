/**
 * What emulated users can send: text, formatting, attachments, replies and forwards.
 */
import type { Attachment, TextFormat } from '../../types';
import { ATTACHMENT_TYPES, UPLOAD_TYPES } from '../../types';
import { EmulatorApiError } from '../http/api-error';
import { describe } from '../http/json-body';
import type { World } from '../state/world';

/**
 * A file an emulated user attaches; the emulator stores it and fills in url, token, size.
 *
 * @example
 * const doc: UserFileInput = { type: 'file', filename: 'report.txt', content: 'hello' };
 */
export interface UserFileInput {
  type: 'image' | 'video' | 'audio' | 'file';
  filename?: string;
  /** File content (text is stored as UTF-8). Default empty. */
  content?: string | Uint8Array;
  contentType?: string;
}

/**
 * An attachment of a user message: a ready `Attachment` (stored as given) or a file to store.
 *
 * @example
 * const here: UserAttachmentInput = { type: 'location', latitude: 59.93, longitude: 30.31 };
 */
export type UserAttachmentInput = Attachment | UserFileInput;

/**
 * A message written by an emulated user. Plain strings are accepted wherever this is.
 *
 * @example
 * const input: UserMessageInput = { text: 'see **this**', format: 'markdown', replyTo: mid };
 */
export interface UserMessageInput {
  text?: string | null;
  /** Parse `text` like the bot's `format` does. */
  format?: TextFormat;
  attachments?: readonly UserAttachmentInput[];
  /** Reply to this message id (same chat). */
  replyTo?: string;
  /** Forward this message id. */
  forward?: string;
}

/**
 * A 400 error of the control API.
 *
 * @example
 * throw controlError('`chat_id` is required');
 */
export function controlError(message: string): EmulatorApiError {
  return new EmulatorApiError(400, 'control.invalid', message);
}

/**
 * Turns user attachment inputs into stored attachments (files are registered as media).
 *
 * @example
 * toAttachments(world, [{ type: 'file', filename: 'a.txt', content: 'x' }]);
 */
export function toAttachments(world: World, inputs: readonly unknown[]): Attachment[] {
  return inputs.map((input, i) => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw controlError(`attachments[${i}] must be an object, got ${describe(input)}`);
    }
    const record = input as Record<string, unknown>;
    const type = record['type'];
    if (typeof type !== 'string' || !(ATTACHMENT_TYPES as readonly string[]).includes(type)) {
      throw controlError(`attachments[${i}].type must be one of ${ATTACHMENT_TYPES.join(', ')}`);
    }
    if ((UPLOAD_TYPES as readonly string[]).includes(type) && !('payload' in record)) {
      return fileAttachment(world, record as unknown as UserFileInput);
    }
    if (type === 'location') {
      if (typeof record['latitude'] !== 'number' || typeof record['longitude'] !== 'number') {
        throw controlError(`attachments[${i}] (location) needs numeric latitude and longitude`);
      }
    } else if (typeof record['payload'] !== 'object' || record['payload'] === null) {
      throw controlError(`attachments[${i}].payload must be an object`);
    }
    return structuredClone(record) as unknown as Attachment;
  });
}

function fileAttachment(world: World, input: UserFileInput): Attachment {
  const content = input.content ?? '';
  const bytes = Buffer.from(typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  const filename = input.filename ?? `${input.type}.bin`;
  const media = world.uploads.addMedia(input.type, {
    filename,
    bytes,
    contentType: input.contentType ?? 'application/octet-stream',
  });
  switch (input.type) {
    case 'image':
      return { type: 'image', payload: { photo_id: media.photoId ?? 0, token: media.token, url: media.url } };
    case 'file':
      return { type: 'file', payload: { url: media.url, token: media.token }, filename, size: media.size };
    default:
      return { type: input.type, payload: { url: media.url, token: media.token } };
  }
}
