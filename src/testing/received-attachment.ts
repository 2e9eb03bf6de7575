/**
 * What an attachment the bot sends looks like once the server stored it, for test data.
 */
import type { Attachment, AttachmentRequest } from '../types/index';
import type { TestIds } from './test-ids';

const FILES = 'https://files.tamtam.test';

/**
 * The received-message form of an attachment request, as a server would store it: keyboards
 * are copied, uploads get a URL and keep their token, stickers a URL, contacts a vCard.
 *
 * @example
 * receivedAttachment({ type: 'location', latitude: 1, longitude: 2 }, new TestIds());
 * // { type: 'location', latitude: 1, longitude: 2 }
 */
export function receivedAttachment(request: AttachmentRequest, ids: TestIds): Attachment {
  switch (request.type) {
    case 'inline_keyboard':
      return {
        type: 'inline_keyboard',
        payload: { buttons: request.payload.buttons.map((row) => row.map((button) => ({ ...button }))) },
      };
    case 'image': {
      const n = ids.count('photo');
      const token = request.payload.token ?? Object.values(request.payload.photos ?? {})[0]?.token ?? `ph.test${n}`;
      return {
        type: 'image',
        payload: { photo_id: 7_700_000_000 + n, token, url: request.payload.url ?? `${FILES}/image/${n}` },
      };
    }
    case 'video':
    case 'audio': {
      const n = ids.count(request.type);
      return {
        type: request.type,
        payload: { url: `${FILES}/${request.type}/${n}`, token: request.payload.token ?? `${request.type}.test${n}` },
      };
    }
    case 'file': {
      const n = ids.count('file');
      return {
        type: 'file',
        payload: { url: `${FILES}/file/${n}`, token: request.payload.token ?? `file.test${n}` },
        filename: 'file',
        size: 0,
      };
    }
    case 'sticker':
      return {
        type: 'sticker',
        payload: { url: `${FILES}/sticker/${encodeURIComponent(request.payload.code)}`, code: request.payload.code },
        width: 128,
        height: 128,
      };
    case 'contact': {
      const { name, vcf_info, vcf_phone } = request.payload;
      const card =
        vcf_info ?? `BEGIN:VCARD\nVERSION:3.0\nFN:${name ?? ''}\n${vcf_phone ? `TEL:${vcf_phone}\n` : ''}END:VCARD`;
      return { type: 'contact', payload: { vcf_info: card, tam_info: null } };
    }
    case 'location':
      return { type: 'location', latitude: request.latitude, longitude: request.longitude };
    case 'share':
      return {
        type: 'share',
        payload: { url: request.payload.url ?? null, token: request.payload.token ?? ids.opaque('share') },
        title: null,
        description: null,
        image_url: null,
      };
  }
}
