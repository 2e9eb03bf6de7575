/**
 * Attachments a bot sends, discriminated by `type` (same kinds as received attachments).
 */
import type { AttachmentType } from './attachment';
import type { ShareAttachmentPayload } from './attachment';
import type { Button } from './button';
import type { PhotoToken, UploadedInfo } from './upload';
import type { Assert, SameMembers } from './type-checks';

/**
 * Which photo to attach: an external `url`, the `token` of an existing photo, or the
 * `photos` map returned by an image upload. Set exactly one.
 *
 * @example
 * const byUrl: PhotoAttachmentRequestPayload = { url: 'https://i.example.com/cat.jpg' };
 */
export interface PhotoAttachmentRequestPayload {
  url?: string | null;
  token?: string | null;
  photos?: Record<string, PhotoToken> | null;
}

/**
 * Contact card to attach: a name plus a TamTam user id and/or vCard data.
 *
 * @example
 * const c: ContactAttachmentRequestPayload = { name: 'Bob', vcf_phone: '+79990001122' };
 */
export interface ContactAttachmentRequestPayload {
  name: string | null;
  contact_id?: number | null;
  vcf_info?: string | null;
  vcf_phone?: string | null;
}

/**
 * Sticker to attach, by code.
 *
 * @example
 * const s: StickerAttachmentRequestPayload = { code: 'a1b2c3' };
 */
export interface StickerAttachmentRequestPayload {
  code: string;
}

/**
 * Keyboard to attach: rows of buttons, top to bottom.
 *
 * @example
 * const kb: InlineKeyboardAttachmentRequestPayload = { buttons: [[{ type: 'callback', text: 'OK', payload: 'ok' }]] };
 */
export interface InlineKeyboardAttachmentRequestPayload {
  buttons: readonly (readonly Button[])[];
}

/**
 * Attach a photo.
 *
 * @example
 * const a: PhotoAttachmentRequest = { type: 'image', payload: { token: 'ph-Tk1' } };
 */
export interface PhotoAttachmentRequest {
  type: 'image';
  payload: PhotoAttachmentRequestPayload;
}

/**
 * Attach an uploaded video.
 *
 * @example
 * const a: VideoAttachmentRequest = { type: 'video', payload: { token: 'vd-Tk1' } };
 */
export interface VideoAttachmentRequest {
  type: 'video';
  payload: UploadedInfo;
}

/**
 * Attach uploaded audio; it must be the message's only attachment.
 *
 * @example
 * const a: AudioAttachmentRequest = { type: 'audio', payload: { token: 'au-Tk1' } };
 */
export interface AudioAttachmentRequest {
  type: 'audio';
  payload: UploadedInfo;
}

/**
 * Attach an uploaded file; it must be the message's only attachment.
 *
 * @example
 * const a: FileAttachmentRequest = { type: 'file', payload: { token: 'fl-Tk1' } };
 */
export interface FileAttachmentRequest {
  type: 'file';
  payload: UploadedInfo;
}

/**
 * Attach a sticker; it must be the message's only attachment.
 *
 * @example
 * const a: StickerAttachmentRequest = { type: 'sticker', payload: { code: 'a1b2c3' } };
 */
export interface StickerAttachmentRequest {
  type: 'sticker';
  payload: StickerAttachmentRequestPayload;
}

/**
 * Attach a contact card; it must be the message's only attachment.
 *
 * @example
 * const a: ContactAttachmentRequest = { type: 'contact', payload: { name: 'Bob', contact_id: 590_654_321 } };
 */
export interface ContactAttachmentRequest {
  type: 'contact';
  payload: ContactAttachmentRequestPayload;
}

/**
 * Attach an inline keyboard.
 *
 * @example
 * const a: InlineKeyboardAttachmentRequest = { type: 'inline_keyboard', payload: { buttons: [[yes, no]] } };
 */
export interface InlineKeyboardAttachmentRequest {
  type: 'inline_keyboard';
  payload: InlineKeyboardAttachmentRequestPayload;
}

/**
 * Attach a geographic point (degrees).
 *
 * @example
 * const a: LocationAttachmentRequest = { type: 'location', latitude: 59.9343, longitude: 30.3351 };
 */
export interface LocationAttachmentRequest {
  type: 'location';
  latitude: number;
  longitude: number;
}

/**
 * Attach a preview of an external URL.
 *
 * @example
 * const a: ShareAttachmentRequest = { type: 'share', payload: { url: 'https://example.com/post/1' } };
 */
export interface ShareAttachmentRequest {
  type: 'share';
  payload: ShareAttachmentPayload;
}

/**
 * Maps each attachment request `type` to its interface.
 *
 * @example
 * type Kb = AttachmentRequestByType['inline_keyboard']; // InlineKeyboardAttachmentRequest
 */
export interface AttachmentRequestByType {
  image: PhotoAttachmentRequest;
  video: VideoAttachmentRequest;
  audio: AudioAttachmentRequest;
  file: FileAttachmentRequest;
  sticker: StickerAttachmentRequest;
  contact: ContactAttachmentRequest;
  inline_keyboard: InlineKeyboardAttachmentRequest;
  location: LocationAttachmentRequest;
  share: ShareAttachmentRequest;
}
type _AttachmentRequestTypesMatch = Assert<SameMembers<keyof AttachmentRequestByType, AttachmentType>>;

/**
 * Kind of attachment request; the same set as {@link AttachmentType}.
 *
 * @example
 * const kind: AttachmentRequestType = 'share';
 */
export type AttachmentRequestType = keyof AttachmentRequestByType;

/**
 * Any attachment a bot can send; narrow on `type`.
 *
 * @example
 * const attachments: AttachmentRequest[] = [{ type: 'image', payload: { url: 'https://i.example.com/1.jpg' } }];
 */
export type AttachmentRequest = AttachmentRequestByType[AttachmentRequestType];

/**
 * The attachment request interface for one `type`.
 *
 * @example
 * const a: AttachmentRequestOf<'sticker'> = { type: 'sticker', payload: { code: 'c' } };
 */
export type AttachmentRequestOf<T extends AttachmentRequestType> = AttachmentRequestByType[T];
