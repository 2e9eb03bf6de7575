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
 */
export const getUploadUrl: ApiOperation<'getUploadUrl'> = {
  operation: 'getUploadUrl',
  handle: ({ world, query }): UploadEndpoint => {
    const type = query.requiredEnum('type', UPLOAD_TYPES);
    const slot = world.uploads.createSlot(type);
    return { url: `${world.config.baseUrl()}${UPLOAD_PATH}/${slot.id}` };
  },
};
