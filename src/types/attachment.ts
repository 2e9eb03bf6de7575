/**
 * Attachments of received messages, discriminated by `type`.
 */
import type { Keyboard } from './button';
import type { User } from './user';
import type { Assert, SameMembers } from './type-checks';

/**
 * Payload of a received photo. `token` lets you re-send the same photo.
 *
 * @example
 * const p: PhotoAttachmentPayload = { photo_id: 7_712_345, token: 'ph-Tk1', url: 'https://i.example.com/p.jpg' };
 */
export interface PhotoAttachmentPayload {
  photo_id: number;
  token: string;
  url: string;
}

/**
 * Payload with just a download URL.
 *
 * @example
 * const p: AttachmentPayload = { url: 'https://files.example.com/x' };
 */
export interface AttachmentPayload {
  url: string;
}

/**
 * Payload of received video or audio; `token` lets you re-send it.
 *
 * @example
 * const p: MediaAttachmentPayload = { url: 'https://v.example.com/v.mp4', token: 'vd-Tk1' };
 */
export interface MediaAttachmentPayload extends AttachmentPayload {
  token: string;
}

/**
 * Payload of a received file; `token` lets you re-send it.
 *
 * @example
 * const p: FileAttachmentPayload = { url: 'https://f.example.com/report.pdf', token: 'fl-Tk1' };
 */
export interface FileAttachmentPayload extends AttachmentPayload {
  token: string;
}

/**
 * Payload of a received contact card: a vCard and/or the TamTam user.
 *
 * @example
 * const p: ContactAttachmentPayload = { vcf_info: 'BEGIN:VCARD\nFN:Bob\nEND:VCARD', tam_info: null };
 */
export interface ContactAttachmentPayload {
  vcf_info?: string | null;
  tam_info?: User | null;
}

/**
 * Payload of a received sticker; `code` re-sends it.
 *
 * @example
 * const p: StickerAttachmentPayload = { url: 'https://st.example.com/s.webp', code: 'a1b2c3' };
 */
export interface StickerAttachmentPayload extends AttachmentPayload {
  code: string;
}

/**
 * Payload of a link preview (also used to request one).
 *
 * @example
 * const p: ShareAttachmentPayload = { url: 'https://example.com/post/1' };
 */
export interface ShareAttachmentPayload {
  url?: string | null;
  token?: string | null;
}

/**
 * A photo in a message.
 *
 * @example
 * const a: PhotoAttachment = { type: 'image', payload: { photo_id: 1, token: 't', url: 'https://i.example.com/1.jpg' } };
 */
export interface PhotoAttachment {
  type: 'image';
  payload: PhotoAttachmentPayload;
}

/**
 * A video in a message; sizes in pixels, `duration` in seconds.
 *
 * @example
 * const a: VideoAttachment = { type: 'video', payload: { url: 'https://v.example.com/1', token: 't' }, duration: 12 };
 */
export interface VideoAttachment {
  type: 'video';
  payload: MediaAttachmentPayload;
  thumbnail?: PhotoAttachmentPayload | null;
  width?: number | null;
  height?: number | null;
  duration?: number | null;
}

/**
 * An audio clip in a message.
 *
 * @example
 * const a: AudioAttachment = { type: 'audio', payload: { url: 'https://a.example.com/1', token: 't' } };
 */
export interface AudioAttachment {
  type: 'audio';
  payload: MediaAttachmentPayload;
}

/**
 * A file in a message; `size` in bytes.
 *
 * @example
 * const a: FileAttachment = { type: 'file', payload: { url: 'https://f.example.com/1', token: 't' }, filename: 'a.pdf', size: 1024 };
 */
export interface FileAttachment {
  type: 'file';
  payload: FileAttachmentPayload;
  filename: string;
  size: number;
}

/**
 * A sticker in a message; sizes in pixels.
 *
 * @example
 * const a: StickerAttachment = { type: 'sticker', payload: { url: 'https://st.example.com/s', code: 'c' }, width: 256, height: 256 };
 */
export interface StickerAttachment {
  type: 'sticker';
  payload: StickerAttachmentPayload;
  width: number;
  height: number;
}

/**
 * A contact card in a message.
 *
 * @example
 * const a: ContactAttachment = { type: 'contact', payload: { vcf_info: null, tam_info: bob } };
 */
export interface ContactAttachment {
  type: 'contact';
  payload: ContactAttachmentPayload;
}

/**
 * An inline keyboard under a message.
 *
 * @example
 * const a: InlineKeyboardAttachment = { type: 'inline_keyboard', payload: { buttons: [] } };
 */
export interface InlineKeyboardAttachment {
  type: 'inline_keyboard';
  payload: Keyboard;
}

/**
 * A link preview in a message.
 *
 * @example
 * const a: ShareAttachment = { type: 'share', payload: { url: 'https://example.com' }, title: 'Example', description: null, image_url: null };
 */
export interface ShareAttachment {
  type: 'share';
  payload: ShareAttachmentPayload;
  title?: string | null;
  description?: string | null;
  image_url?: string | null;
}

/**
 * A geographic point in a message (degrees).
 *
 * @example
 * const a: LocationAttachment = { type: 'location', latitude: 55.7558, longitude: 37.6173 };
 */
export interface LocationAttachment {
  type: 'location';
  latitude: number;
  longitude: number;
}

/**
 * Maps each attachment `type` to its interface.
 *
 * @example
 * type Photo = AttachmentByType['image']; // PhotoAttachment
 */
export interface AttachmentByType {
  image: PhotoAttachment;
  video: VideoAttachment;
  audio: AudioAttachment;
  file: FileAttachment;
  sticker: StickerAttachment;
  contact: ContactAttachment;
  inline_keyboard: InlineKeyboardAttachment;
  share: ShareAttachment;
  location: LocationAttachment;
}

/**
 * Every attachment kind (the same set is used for attachment requests).
 *
 * @example
 * const kind: AttachmentType = 'image';
 */
export type AttachmentType = keyof AttachmentByType;

/**
 * Any attachment of a received message; narrow on `type`.
 *
 * @example
 * for (const a of message.body.attachments ?? []) if (a.type === 'image') console.log(a.payload.url);
 */
export type Attachment = AttachmentByType[AttachmentType];

/**
 * The attachment interface for one `type`.
 *
 * @example
 * const loc: AttachmentOf<'location'> = { type: 'location', latitude: 0, longitude: 0 };
 */
export type AttachmentOf<T extends AttachmentType> = AttachmentByType[T];

/**
 * Every {@link AttachmentType}, in schema order.
 *
 * @example
 * ATTACHMENT_TYPES.includes('sticker'); // true
 */
export const ATTACHMENT_TYPES = [
  'image',
  'video',
  'audio',
  'file',
  'sticker',
  'contact',
  'inline_keyboard',
  'share',
  'location',
] as const;
type _AttachmentTypesMatch = Assert<SameMembers<(typeof ATTACHMENT_TYPES)[number], AttachmentType>>;
