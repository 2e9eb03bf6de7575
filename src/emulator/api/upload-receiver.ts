/**
 * The upload URL itself: receives the multipart POST and answers with a token; also serves
 * stored files for download.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PhotoTokens, UploadedInfo } from '../../types';
import { EmulatorApiError, badBody } from '../http/api-error';
import { readBody } from '../http/body';
import type { World } from '../state/world';

/**
 * Handles `POST <upload url>`: a `multipart/form-data` body whose `data` field is the file.
 * Answers `{ token }` for video, audio and files and `{ photos: { <id>: { token } } }` for
 * images. Each upload URL takes one file. Resumable (non-multipart) uploads are not emulated.
 *
 * @example
 * const result = await receiveUpload(req, 'up00000001', world, 50 * 1024 * 1024);
 */
export async function receiveUpload(
  req: IncomingMessage,
  slotId: string,
  world: World,
  limitBytes: number,
): Promise<PhotoTokens | UploadedInfo> {
  const slot = world.uploads.openSlot(slotId);
  const contentType = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    throw badBody('Send the file as multipart/form-data with the field name `data`');
  }
  const raw = await readBody(req, limitBytes);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw badBody('The multipart body could not be parsed');
  }
  const file = form.get('data');
  if (file === null || typeof file === 'string') {
    throw badBody('The multipart body has no file in the field `data`');
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  return world.uploads.receive(slot, {
    filename: file.name || 'file',
    bytes,
    contentType: file.type || 'application/octet-stream',
  });
}

/**
 * Serves a stored file (`GET /_files/<id>`): the uploaded bytes, or an empty body for media
 * known only by reference (stickers, attachments of emulated users).
 *
 * @example
 * serveFile(res, 'f00000001', world);
 */
export function serveFile(res: ServerResponse, fileId: string, world: World): void {
  const media = world.uploads.byFileId(fileId);
  if (!media && !fileId.startsWith('sticker-')) {
    throw new EmulatorApiError(404, 'not.found', `No file ${fileId}`);
  }
  const bytes = media?.bytes ?? Buffer.alloc(0);
  res.writeHead(200, {
    'content-type': media?.contentType ?? 'image/webp',
    'content-length': String(bytes.length),
    ...(media ? { 'content-disposition': `attachment; filename="${encodeURIComponent(media.filename)}"` } : {}),
  });
  res.end(bytes);
}
