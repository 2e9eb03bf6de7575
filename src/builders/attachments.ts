/**
 * Attachment requests for `NewMessageBody.attachments`, from whatever you have at hand: an
 * upload result, a token, a received attachment to send again, coordinates, a user.
 */
import type {
  AudioAttachment,
  AudioAttachmentRequest,
  ContactAttachmentRequest,
  FileAttachment,
  FileAttachmentRequest,
  LocationAttachmentRequest,
  PhotoAttachment,
  PhotoAttachmentRequest,
  PhotoAttachmentRequestPayload,
  PhotoTokens,
  ShareAttachment,
  ShareAttachmentRequest,
  StickerAttachment,
  StickerAttachmentRequest,
  UploadedInfo,
  User,
  VideoAttachment,
  VideoAttachmentRequest,
} from '../types/index';

/**
 * Where a photo comes from: a token (string), `{ url }` of a picture on the web, `{ token }`,
 * the `{ photos }` an image upload returns, or a received photo (or photo request) to send again.
 *
 * @example
 * const sources: ImageSource[] = ['ph.TOKEN', { url: 'https://i.example.com/cat.jpg' }, uploadResult, receivedPhoto];
 */
export type ImageSource =
  | string
  | { readonly url: string }
  | { readonly token: string }
  | PhotoTokens
  | PhotoAttachment
  | PhotoAttachmentRequest;

/**
 * Where an uploaded video/audio/file comes from: a token (string), the `{ token }` an upload
 * returns, or a received attachment (or request) of the same kind to send again.
 *
 * @example
 * const video: MediaSource<'video'> = receivedVideo;
 */
export type MediaSource<T extends 'video' | 'audio' | 'file'> =
  | string
  | UploadedInfo
  | { readonly type: T; readonly payload: { readonly token?: string } };

/**
 * A contact card: a TamTam user, or a name with a TamTam user id and/or vCard fields.
 *
 * @example
 * const card: ContactSource = { name: 'Support', phone: '+79990001122' };
 */
export type ContactSource =
  | User
  | { readonly name: string; readonly userId?: number; readonly vcfInfo?: string; readonly phone?: string };

/**
 * The attachment-request factories: `attach.image(...)`, `attach.location(...)`, …
 *
 * @example
 * const builders: AttachBuilders = attach;
 */
export interface AttachBuilders {
  /** A photo (see {@link ImageSource}). */
  image(source: ImageSource): PhotoAttachmentRequest;
  /** An uploaded video. */
  video(source: MediaSource<'video'> | VideoAttachment): VideoAttachmentRequest;
  /** Uploaded audio; it must be the message's only attachment. */
  audio(source: MediaSource<'audio'> | AudioAttachment): AudioAttachmentRequest;
  /** An uploaded file; it must be the message's only attachment. */
  file(source: MediaSource<'file'> | FileAttachment): FileAttachmentRequest;
  /** A point on the map, in degrees (latitude −90…90, longitude −180…180). */
  location(latitude: number, longitude: number): LocationAttachmentRequest;
  /** A contact card; it must be the message's only attachment. */
  contact(source: ContactSource): ContactAttachmentRequest;
  /** A sticker by code, or a received sticker to send again; it must be the only attachment. */
  sticker(source: string | StickerAttachment): StickerAttachmentRequest;
  /** A link preview of `url`, or of a received share (by its token). */
  share(source: string | { readonly token: string } | ShareAttachment): ShareAttachmentRequest;
}

/**
 * Attachment requests for `sendMessage`/`editMessage`. Each factory checks its input and throws
 * a TypeError that says what is missing. (Uploading a file with `upload` already gives you a
 * ready request; these are for tokens, URLs and re-sending.)
 *
 * @example
 * sendMessage(api, { chat_id }, {
 *   text: 'Office',
 *   attachments: [attach.image({ url: 'https://i.example.com/office.jpg' }), attach.location(59.9343, 30.3351)],
 * });
 */
export const attach: AttachBuilders = {
  image(source) {
    return { type: 'image', payload: imagePayload(source) };
  },
  video(source) {
    return { type: 'video', payload: { token: mediaToken('video', source) } };
  },
  audio(source) {
    return { type: 'audio', payload: { token: mediaToken('audio', source) } };
  },
  file(source) {
    return { type: 'file', payload: { token: mediaToken('file', source) } };
  },
  location(latitude, longitude) {
    if (typeof latitude !== 'number' || !Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
      throw new TypeError(`attach.location: latitude must be a number from -90 to 90, got ${String(latitude)}`);
    }
    if (typeof longitude !== 'number' || !Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
      throw new TypeError(`attach.location: longitude must be a number from -180 to 180, got ${String(longitude)}`);
    }
    return { type: 'location', latitude, longitude };
  },
  contact(source) {
    if (typeof source !== 'object' || source === null)
      throw new TypeError('attach.contact: pass a user or { name, userId?, vcfInfo?, phone? }');
    if ('user_id' in source) {
      return {
        type: 'contact',
        payload: { name: requireText('attach.contact', 'name', source.name), contact_id: source.user_id },
      };
    }
    const payload: ContactAttachmentRequest['payload'] = { name: requireText('attach.contact', 'name', source.name) };
    if (source.userId !== undefined) {
      if (!Number.isSafeInteger(source.userId))
        throw new TypeError(`attach.contact: userId must be an integer, got ${String(source.userId)}`);
      payload.contact_id = source.userId;
    }
    if (source.vcfInfo !== undefined) payload.vcf_info = requireText('attach.contact', 'vcfInfo', source.vcfInfo);
    if (source.phone !== undefined) payload.vcf_phone = requireText('attach.contact', 'phone', source.phone);
    if (payload.contact_id === undefined && payload.vcf_info === undefined && payload.vcf_phone === undefined) {
      throw new TypeError('attach.contact: a contact needs a userId, a phone or vcfInfo besides the name');
    }
    return { type: 'contact', payload };
  },
  sticker(source) {
    const code = typeof source === 'string' ? source : source?.payload?.code;
    return { type: 'sticker', payload: { code: requireText('attach.sticker', 'code', code) } };
  },
  share(source) {
    if (typeof source === 'string') return { type: 'share', payload: { url: requireUrl('attach.share', source) } };
    if (typeof source === 'object' && source !== null && 'payload' in source) {
      const { token, url } = source.payload;
      if (typeof token === 'string' && token !== '') return { type: 'share', payload: { token } };
      if (typeof url === 'string' && url !== '')
        return { type: 'share', payload: { url: requireUrl('attach.share', url) } };
      throw new TypeError('attach.share: the received share has neither a token nor a url');
    }
    return {
      type: 'share',
      payload: { token: requireText('attach.share', 'token', (source as { token?: unknown } | null)?.token) },
    };
  },
};

function imagePayload(source: ImageSource): PhotoAttachmentRequestPayload {
  if (typeof source === 'string') return { token: requireText('attach.image', 'token', source) };
  if (typeof source !== 'object' || source === null)
    throw new TypeError(
      'attach.image: pass a token, { url }, { token }, an upload result { photos } or a received photo',
    );
  if ('type' in source && 'payload' in source) {
    const payload = source.payload as PhotoAttachmentRequestPayload;
    if (typeof payload.token === 'string' && payload.token !== '') return { token: payload.token };
    return imagePayload(payload as ImageSource);
  }
  if ('photos' in source && source.photos !== null && typeof source.photos === 'object') {
    if (Object.keys(source.photos).length === 0) throw new TypeError('attach.image: the upload result has no photos');
    return { photos: source.photos };
  }
  if ('token' in source) return { token: requireText('attach.image', 'token', source.token) };
  if ('url' in source) return { url: requireUrl('attach.image', source.url) };
  throw new TypeError(
    'attach.image: pass a token, { url }, { token }, an upload result { photos } or a received photo',
  );
}

function mediaToken(kind: 'video' | 'audio' | 'file', source: unknown): string {
  if (typeof source === 'string') return requireText(`attach.${kind}`, 'token', source);
  if (typeof source === 'object' && source !== null) {
    if ('type' in source && 'payload' in source) {
      if (source.type !== kind)
        throw new TypeError(
          `attach.${kind}: got a received '${String(source.type)}' attachment; use attach.${String(source.type)}`,
        );
      return requireText(`attach.${kind}`, 'payload.token', (source.payload as { token?: unknown } | null)?.token);
    }
    if ('token' in source) return requireText(`attach.${kind}`, 'token', source.token);
  }
  throw new TypeError(`attach.${kind}: pass the token (a string), the upload result { token } or a received ${kind}`);
}

function requireText(helper: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new TypeError(`${helper}: ${field} must be a non-empty string`);
  return value;
}

function requireUrl(helper: string, value: unknown): string {
  const url = requireText(helper, 'url', value);
  if (!/^https?:\/\/\S/i.test(url))
    throw new TypeError(`${helper}: url must be an http(s) URL, got ${JSON.stringify(url.slice(0, 60))}`);
  return url;
}
