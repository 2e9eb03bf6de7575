/**
 * Upload slots (URLs handed out by `POST /uploads`) and the media tokens they produce.
 */
import type { UploadType } from '../../types';
import type { IdAllocator } from './ids';

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
  ) {}

  /** Hands out a new upload slot. */
  createSlot(type: UploadType): UploadSlot {
    const slot: UploadSlot = { id: this.ids.opaque('up').replace('.', ''), type, token: null };
    this.slots.set(slot.id, slot);
    return slot;
  }

  /** The slot behind an upload URL id. */
  slot(id: string): UploadSlot | undefined {
    return this.slots.get(id);
  }

  /** Stores uploaded (or referenced) media and returns its record with a fresh token. */
  addMedia(
    type: UploadType,
    file: { filename: string; bytes: Buffer | null; contentType: string; uploaded?: boolean },
  ): MediaRecord {
    const fileId = this.ids.opaque('f').replace('.', '');
    const record: MediaRecord = {
      token: `${type}.${fileId}`,
      type,
      url: `${this.baseUrl()}/_files/${fileId}`,
      filename: file.filename,
      size: file.bytes?.length ?? 0,
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
