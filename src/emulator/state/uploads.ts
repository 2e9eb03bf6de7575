/**
 * Upload slots (URLs handed out by `POST /uploads`) and the media tokens they produce.
 */
import type { PhotoTokens, UploadType, UploadedInfo } from '../../types';
import { badBody, notFound } from '../http/api-error';
import type { IdAllocator } from './ids';

/**
 * A file that arrived at an upload URL.
 *
 * @example
 * const file: ReceivedFile = { filename: 'a.png', bytes: Buffer.from([1]), contentType: 'image/png' };
 */
export interface ReceivedFile {
  filename: string;
  /** The bytes, or `null` when only the size is known (an in-process upload). */
  bytes: Buffer | null;
  contentType: string;
  /** Size in bytes; default `bytes.length`. */
  size?: number;
}

/**
 * A URL handed out by `getUploadUrl`, waiting for its multipart POST.
 *
 * @example
 * const slot = registry.createSlot('file');
 */
export interface UploadSlot {
  id: string;
  type: UploadType;
  /** The token produced once the file arrived. */
  token: string | null;
  /** A token promised before the upload (Max `UploadEndpoint.token` for video and audio). */
  reservedToken?: string;
}

/**
 * A piece of media the emulator knows: uploaded by the bot or attached by an emulated user.
 *
 * @example
 * registry.byToken(token)?.filename;
 */
export interface MediaRecord {
  token: string;
  type: UploadType;
  /** Download URL served by the emulator. */
  url: string;
  filename: string;
  size: number;
  contentType: string;
  /** Uploaded bytes (`null` for media known only by reference). */
  bytes: Buffer | null;
  /** For images. */
  photoId: number | null;
  /** Sends still answered with `attachment.not.ready`. */
  notReadyLeft: number;
}

/**
 * Registry of upload slots and media tokens.
 *
 * @example
 * const registry = new UploadRegistry(ids, () => 'http://127.0.0.1:8080', 0);
 * const media = registry.addMedia('image', { filename: 'a.png', bytes: null, contentType: 'image/png' });
 */
export class UploadRegistry {
  private readonly slots = new Map<string, UploadSlot>();
  private readonly media = new Map<string, MediaRecord>();
  private readonly mediaById = new Map<string, MediaRecord>();

  constructor(
    private readonly ids: IdAllocator,
    private readonly baseUrl: () => string,
    /** How many sends of a freshly uploaded token fail with `attachment.not.ready`. */
    private readonly notReadyCount: number,
    /**
     * Between the type and the file id of a token: `.` (TamTam) or `_` (Max, whose
     * `/videos/{videoToken}` takes only letters, digits, `_` and `-`).
     */
    private readonly tokenSeparator: '.' | '_' = '.',
  ) {}

  /**
   * Hands out a new upload slot. `reserveToken` promises the media token at once (Max answers
   * `POST /uploads` for video and audio with `{ url, token }`); the uploaded file gets it.
   */
  createSlot(type: UploadType, options: { reserveToken?: boolean } = {}): UploadSlot {
    const id = this.ids.opaque('up').replace('.', '');
    const slot: UploadSlot = { id, type, token: null };
    if (options.reserveToken) slot.reservedToken = `${type}${this.tokenSeparator}${id}`;
    this.slots.set(slot.id, slot);
    return slot;
  }

  /** The slot behind an upload URL id. */
  slot(id: string): UploadSlot | undefined {
    return this.slots.get(id);
  }

  /**
   * The slot behind an upload URL id, ready for its file: 404 `upload.not.found` for ids this
   * registry did not hand out, 400 for a slot that already took its file.
   */
  openSlot(id: string): UploadSlot {
    const slot = this.slots.get(id);
    if (!slot) throw notFound('upload.not.found', `Upload URL ${id} was not issued by this emulator`);
    if (slot.token !== null) throw badBody('This upload URL was already used; request a new one with POST /uploads');
    return slot;
  }

  /**
   * Stores the file posted to `slot` and answers like the upload server: `{ token }` for
   * video, audio and files, `{ photos: { <id>: { token } } }` for images.
   */
  receive(slot: UploadSlot, file: ReceivedFile): PhotoTokens | UploadedInfo {
    const media = this.addMedia(slot.type, { ...file, uploaded: true });
    if (slot.reservedToken !== undefined) {
      this.media.delete(media.token);
      media.token = slot.reservedToken;
      this.media.set(media.token, media);
    }
    slot.token = media.token;
    if (slot.type === 'image') return { photos: { [String(media.photoId)]: { token: media.token } } };
    return { token: media.token };
  }

  /**
   * Makes `token` known as media of `type` (a token test data made up, so sending it works
   * as if it had been uploaded here). Returns the existing record when the token is known.
   */
  adoptToken(type: UploadType, token: string): MediaRecord {
    const known = this.media.get(token);
    if (known) return known;
    const record = this.addMedia(type, {
      filename: type === 'image' ? 'image' : 'file',
      bytes: null,
      contentType: 'application/octet-stream',
    });
    this.media.delete(record.token);
    record.token = token;
    this.media.set(token, record);
    return record;
  }

  /** Stores uploaded (or referenced) media and returns its record with a fresh token. */
  addMedia(
    type: UploadType,
    file: { filename: string; bytes: Buffer | null; contentType: string; size?: number; uploaded?: boolean },
  ): MediaRecord {
    const fileId = this.ids.opaque('f').replace('.', '');
    const record: MediaRecord = {
      token: `${type}${this.tokenSeparator}${fileId}`,
      type,
      url: `${this.baseUrl()}/_files/${fileId}`,
      filename: file.filename,
      size: file.size ?? file.bytes?.length ?? 0,
      contentType: file.contentType,
      bytes: file.bytes,
      photoId: type === 'image' ? 7_000_000 + this.ids.count('photo') : null,
      notReadyLeft: file.uploaded ? this.notReadyCount : 0,
    };
    this.media.set(record.token, record);
    this.mediaById.set(fileId, record);
    return record;
  }

  /** Media by token. */
  byToken(token: string): MediaRecord | undefined {
    return this.media.get(token);
  }

  /** Media by the id in its download URL. */
  byFileId(fileId: string): MediaRecord | undefined {
    return this.mediaById.get(fileId);
  }
}
