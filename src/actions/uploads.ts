import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { OperationResultOf } from '../api/operation-table';
import type { CallOptions } from '../api/options';
import type { UploadType } from '../types/index';
import { type TableWith, call } from './call';

const UPLOAD_TYPE_SET: ReadonlySet<string> = /* @__PURE__ */ new Set<UploadType>(['image', 'video', 'audio', 'file']);

/**
 * Asks for a URL to upload one file of the given kind to. Most bots want {@link upload},
 * which also posts the file and returns the attachment to send.
 *
 * @example
 * getUploadUrl(api, 'file').subscribe(({ url }) => console.log(url));
 */
export function getUploadUrl<T extends TableWith<'getUploadUrl'>>(
  api: Api<T>,
  type: UploadType,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getUploadUrl'>> {
  return call(api, 'getUploadUrl', () => ({ query: { type: requireUploadType('getUploadUrl', type) } }), options);
}

/**
 * Checks an upload kind, naming the operation in the TypeError.
 *
 * @example
 * requireUploadType('upload', 'image'); // ok
 */
export function requireUploadType(operation: string, type: unknown): UploadType {
  if (typeof type !== 'string' || !UPLOAD_TYPE_SET.has(type)) {
    throw new TypeError(`${operation}: type must be one of image, video, audio, file; got ${JSON.stringify(type)}`);
  }
  return type as UploadType;
}
