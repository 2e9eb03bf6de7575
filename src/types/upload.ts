/**
 * File uploads: the upload kinds, the endpoint answer and what the upload server returns.
 */
import type { Assert, SameMembers } from './type-checks';

/**
 * Kind of file to upload (`getUploadUrl?type=`).
 *
 * @example
 * const kind: UploadType = 'image';
 */
export type UploadType = 'image' | 'video' | 'audio' | 'file';

/**
 * Every {@link UploadType}.
 *
 * @example
 * UPLOAD_TYPES.includes('video'); // true
 */
export const UPLOAD_TYPES = ['image', 'video', 'audio', 'file'] as const;
type _UploadTypesMatch = Assert<SameMembers<(typeof UPLOAD_TYPES)[number], UploadType>>;

/**
 * Answer of `getUploadUrl`: where to POST the file (multipart).
 *
 * @example
 * const target: UploadEndpoint = { url: 'https://vu.example.com/upload.do?id=1' };
 */
export interface UploadEndpoint {
  url: string;
}

/**
 * Token of one uploaded photo size.
 *
 * @example
 * const t: PhotoToken = { token: 'ph-Tk1' };
 */
export interface PhotoToken {
  token: string;
}

/**
 * What the upload server returns for an image: tokens keyed by an opaque size id.
 *
 * @example
 * const tokens: PhotoTokens = { photos: { 'a1b2': { token: 'ph-Tk1' } } };
 */
export interface PhotoTokens {
  photos: Record<string, PhotoToken>;
}

/**
 * What the upload server returns for video, audio and files (or what to send to reuse one).
 *
 * @example
 * const info: UploadedInfo = { token: 'vd-Tk1' };
 */
export interface UploadedInfo {
  token?: string;
}

/**
 * Maps each upload kind to the JSON the upload server answers with.
 *
 * @example
 * type ImageResult = UploadResultByType['image']; // PhotoTokens
 */
export interface UploadResultByType {
  image: PhotoTokens;
  video: UploadedInfo;
  audio: UploadedInfo;
  file: UploadedInfo;
}
type _UploadResultsMatch = Assert<SameMembers<keyof UploadResultByType, UploadType>>;
