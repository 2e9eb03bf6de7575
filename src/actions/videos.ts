import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { OperationResultOf } from '../api/operation-table';
import type { CallOptions } from '../api/options';
import { type TableWith, callMax } from './call';

/**
 * A video's size, length, thumbnail and playable URLs by its token (the `payload.token` of a
 * video attachment). Max only; the schema's operationId is `getVideoAttachmentDetails`.
 *
 * @example
 * getVideoAttachmentDetails(maxApi, video.payload.token).subscribe(({ urls }) => console.log(urls?.mp4_720));
 */
export function getVideoAttachmentDetails<T extends TableWith<'getVideoAttachmentDetails'>>(
  api: Api<T>,
  videoToken: string,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'getVideoAttachmentDetails'>> {
  return callMax(api, 'getVideoAttachmentDetails', () => ({ params: { videoToken } }), options);
}
