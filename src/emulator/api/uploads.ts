/**
 * `POST /uploads`: hands out an upload URL served by the emulator itself.
 */
import type { UploadEndpoint } from '../../types';
import { UPLOAD_TYPES } from '../../types';
import type { ApiOperation } from './context';

/**
 * The path under which upload URLs are served.
 *
 * @example
 * `${baseUrl}${UPLOAD_PATH}/${slotId}`
 */
export const UPLOAD_PATH = '/_upload';

/**
 * getUploadUrl: a one-shot URL to POST a multipart file (field `data`) to. The answer of that
 * POST is `{ token }` (or `{ photos }` for images), usable in an attachment.
 *
 * @example
 * POST /uploads?type=file → { "url": "http://127.0.0.1:PORT/_upload/up00000001" }
 * POST /uploads?type=video (Max) → { "url": "…/_upload/up00000002", "token": "video_up00000002" }
 */
export const getUploadUrl: ApiOperation<'getUploadUrl'> = {
  operation: 'getUploadUrl',
  handle: ({ world, query }): UploadEndpoint => {
    const type = query.requiredEnum('type', UPLOAD_TYPES);
    const reserveToken = world.dialect.name === 'max' && (type === 'video' || type === 'audio');
    const slot = world.uploads.createSlot(type, { reserveToken });
    const url = `${world.config.baseUrl()}${UPLOAD_PATH}/${slot.id}`;
    // Max hands out the token of a video or audio with its upload URL.
    return slot.reservedToken === undefined ? { url } : ({ url, token: slot.reservedToken } as UploadEndpoint);
  },
};
