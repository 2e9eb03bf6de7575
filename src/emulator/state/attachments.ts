/**
 * Turning the bot's attachment requests into the attachments stored on messages.
 */
import type { Attachment, ContactAttachmentPayload, UploadType } from '../../types';
import { ATTACHMENT_TYPES } from '../../types';
import { EmulatorApiError, badBody } from '../http/api-error';
import { JsonObject } from '../http/json-body';
import { readKeyboard } from './keyboard';
import type { UserRecord } from './records';
import type { MediaRecord } from './uploads';
import { toUser } from './wire';
import type { World } from './world';

const ALONE = new Set(['audio', 'file', 'sticker', 'contact']);

/**
 * Checks `AttachmentRequest`s and converts them to `Attachment`s. Tokens must have been issued
 * by this emulator (upload or an earlier attachment). A freshly uploaded token may first fail
 * with 400 `attachment.not.ready` (see `attachmentNotReadyCount`).
 *
 * @example
 * readAttachments(body.objects('attachments') ?? [], world);
 */
export function readAttachments(requests: readonly JsonObject[], world: World): Attachment[] {
  const used: MediaRecord[] = [];
  const attachments = requests.flatMap((request) => readOne(request, world, used));
  const kinds = requests.map((r) => r.value['type'] as string);
  if (kinds.filter((k) => k === 'inline_keyboard').length > 1) {
    throw badBody('A message can carry only one inline_keyboard attachment');
  }
  const alone = kinds.find((k) => ALONE.has(k));
  if (alone && kinds.filter((k) => k !== 'inline_keyboard').length > 1) {
    throw badBody(`A ${alone} attachment must be the only attachment of a message (besides a keyboard)`);
  }
  const notReady = used.find((media) => media.notReadyLeft > 0);
  if (notReady) {
    notReady.notReadyLeft--;
    throw new EmulatorApiError(
      400,
      'attachment.not.ready',
      `Attachment ${notReady.token} is still being processed; retry the request a bit later`,
    );
  }
  return attachments;
}

function readOne(r: JsonObject, world: World, used: MediaRecord[]): Attachment[] {
  const type = r.enumValue('type', ATTACHMENT_TYPES);
  if (type === undefined) throw badBody(`\`${r.path('type')}\` is required (one of ${ATTACHMENT_TYPES.join(', ')})`);
  if (type === 'location') {
    const latitude = r.requiredNumber('latitude');
    const longitude = r.requiredNumber('longitude');
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) {
      throw badBody(`\`${r.at}\` has coordinates out of range (latitude ±90, longitude ±180)`);
    }
    return [{ type, latitude, longitude }];
  }
  const payload = r.object('payload');
  if (!payload) throw badBody(`\`${r.path('payload')}\` is required (an object)`);
  switch (type) {
    case 'image':
      return readImage(payload, world, used);
    case 'video':
    case 'audio':
    case 'file': {
      const media = mediaByToken(payload, type, world, used);
      if (type === 'file') {
        return [{ type, payload: { url: media.url, token: media.token }, filename: media.filename, size: media.size }];
      }
      return [{ type, payload: { url: media.url, token: media.token } }];
    }
    case 'sticker': {
      const code = payload.requiredString('code', { min: 1, max: 256 });
      const url = `${world.config.baseUrl()}/_files/sticker-${encodeURIComponent(code)}`;
      return [{ type, payload: { url, code }, width: 128, height: 128 }];
    }
    case 'contact': {
      const name = payload.string('name', { max: 256 }) ?? null;
      const contactId = payload.int('contact_id');
      const phone = payload.string('vcf_phone', { max: 64 });
      const vcf = payload.string('vcf_info', { max: 8192 });
      if (name === null && contactId === undefined && vcf === undefined) {
        throw badBody(`\`${payload.at}\` needs a name, a contact_id or vcf_info`);
      }
      const user = contactId === undefined ? undefined : world.users.get(contactId);
      const card =
        vcf ?? `BEGIN:VCARD\nVERSION:3.0\nFN:${name ?? user?.name ?? ''}\n${phone ? `TEL:${phone}\n` : ''}END:VCARD`;
      return [{ type, payload: contactPayload(world, card, user) }];
    }
    case 'inline_keyboard':
      return [{ type, payload: readKeyboard(payload, world.ids, world.dialect) }];
    case 'share': {
      const url = payload.string('url', { min: 1, max: 2048 });
      const token = payload.string('token');
      if (url === undefined && token === undefined) throw badBody(`\`${payload.at}\` needs a url or a token`);
      return [
        {
          type,
          payload: { url: url ?? null, token: token ?? world.ids.opaque('share') },
          title: null,
          description: null,
          image_url: null,
        },
      ];
    }
  }
}

/**
 * Reads a `PhotoAttachmentRequestPayload` (url, token or photos) used for avatars and chat
 * icons; returns the URL of the (first) image.
 *
 * @example
 * const url = readPhotoUrl(body.object('photo'), world);
 */
export function readPhotoUrl(payload: JsonObject, world: World): string {
  const [first] = readImage(payload, world, []);
  return first?.type === 'image' ? first.payload.url : '';
}

function readImage(payload: JsonObject, world: World, used: MediaRecord[]): Attachment[] {
  const url = payload.string('url', { min: 1, max: 2048 });
  const token = payload.string('token');
  const photos = payload.object('photos');
  const given = [url, token, photos].filter((v) => v !== undefined).length;
  if (given !== 1) throw badBody(`\`${payload.at}\` needs exactly one of url, token or photos`);
  if (url !== undefined) {
    if (!/^https?:\/\//i.test(url)) throw badBody(`\`${payload.path('url')}\` must be an http(s) URL`);
    const media = world.uploads.addMedia('image', { filename: 'image', bytes: null, contentType: 'image/jpeg' });
    return [photo({ ...media, url })];
  }
  if (token !== undefined) return [photo(mediaByToken(payload, 'image', world, used))];
  const entries = Object.entries((photos as JsonObject).value);
  if (entries.length === 0) throw badBody(`\`${payload.path('photos')}\` must not be empty`);
  return entries.map(([key, value]) => {
    const entry = JsonObject.of(value, `${payload.path('photos')}.${key}`);
    return photo(mediaByToken(entry, 'image', world, used));
  });
}

function photo(media: MediaRecord): Attachment {
  return { type: 'image', payload: { photo_id: media.photoId ?? 0, token: media.token, url: media.url } };
}

function mediaByToken(payload: JsonObject, type: UploadType, world: World, used: MediaRecord[]): MediaRecord {
  const token = payload.requiredString('token', { min: 1 });
  const media = world.uploads.byToken(token);
  if (!media) {
    throw badBody(`\`${payload.path('token')}\` is not a token this server issued; upload the ${type} first`);
  }
  if (media.type !== type) {
    throw badBody(`\`${payload.path('token')}\` belongs to a ${media.type} upload, not ${type}`);
  }
  used.push(media);
  return media;
}

/**
 * A contact card's payload as the dialect has it: the profile in `tam_info` (TamTam) or
 * `max_info` (Max, with a `hash` of the card).
 *
 * @example
 * contactPayload(world, 'BEGIN:VCARD…', world.users.get(bobId));
 */
export function contactPayload(
  world: World,
  vcf: string | null,
  user: UserRecord | undefined,
): ContactAttachmentPayload {
  const profile = user ? toUser(user, world.dialect) : null;
  if (world.dialect.name !== 'max') return { vcf_info: vcf, tam_info: profile };
  const hash = cardHash(`${vcf ?? ''}:${profile?.user_id ?? ''}`);
  return { vcf_info: vcf, max_info: profile, hash } as unknown as ContactAttachmentPayload;
}

/**
 * A stable 16-hex-digit fingerprint of a contact card (two FNV-1a 32-bit passes with different
 * offsets). Opaque like the real server's, and free of `node:crypto` so the test kit, which
 * reuses the emulator's handlers, loads on any runtime.
 */
function cardHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code, 0x01000193) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
