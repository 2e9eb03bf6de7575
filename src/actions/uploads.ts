import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { CallOptions } from '../api/options';
import type { UploadEndpoint, UploadType } from '../types/index';
import { call } from './call';

const UPLOAD_TYPE_SET: ReadonlySet<string> = new Set<UploadType>(['image', 'video', 'audio', 'file']);

/**
 * Asks for a URL to upload one file of the given kind to. Most bots want {@link upload},
 * which also posts the file and returns the attachment to send.
 *
 * @example
 * getUploadUrl(api, 'file').subscribe(({ url }) => console.log(url));
 */
export function getUploadUrl(api: Api, type: UploadType, options?: CallOptions): Observable<UploadEndpoint> {
  return call(
    api,
    () => {
      if (!UPLOAD_TYPE_SET.has(type)) {
        throw new TypeError(`getUploadUrl: type must be one of image, video, audio, file; got ${JSON.stringify(type)}`);
      }
      return { operation: 'getUploadUrl', method: 'POST', path: '/uploads', query: { type } };
    },
    options,
  );
}
