import type { NoPathParams } from '../api/operation-table';
import { type Observable, defer, map, switchMap } from 'rxjs';
import type { Api } from '../api/api';
import { TamTamResponseError } from '../api/errors/response-error';
import type { CallOptions } from '../api/options';
import type { NoQuery, OperationRow, OperationTable } from '../api/operation-table';

/** No path parameters. */
import type { AttachmentRequestByType, UploadResultByType, UploadType } from '../types/index';
import { call } from './call';
import { getUploadUrl, requireUploadType } from './uploads';

/**
 * What {@link upload} accepts: bytes, a Blob/File, a web or Node stream (read fully), or a
 * file path (streamed from disk).
 *
 * @example
 * const fromDisk: UploadData = './cat.jpg';
 * const fromMemory: UploadData = Buffer.from('hello');
 */
export type UploadData =
  | string
  | Blob
  | Uint8Array
  | ArrayBuffer
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>;

/** Options of {@link upload}. */
export interface UploadOptions extends CallOptions {
  /** Name the file gets. Default: the path's base name, a File's name, or `file`. */
  readonly filename?: string;
  /** MIME type. Default: the Blob's type, or `application/octet-stream`. */
  readonly contentType?: string;
}

/**
 * A table that can upload: `getUploadUrl` answering at least a `url` (and, on Max, the token
 * of a video or audio), and the multipart `uploadFile`. Both dialects' tables are.
 *
 * @example
 * function send<T extends UploadTable>(api: Api<T>) { return upload(api, 'file', './a.pdf'); }
 */
export type UploadTable = OperationTable & {
  readonly getUploadUrl: OperationRow<
    'POST',
    '/uploads',
    NoPathParams,
    { type: UploadType },
    undefined,
    { url: string; token?: string }
  >;
  readonly uploadFile: OperationRow<'POST', null, NoPathParams, NoQuery, FormData, UploadResultByType[UploadType]>;
};

/** The attachment request {@link upload} produces for each upload kind. */
export type UploadedAttachment<T extends UploadType> = AttachmentRequestByType[T];

/**
 * Uploads a file in one go: reads the data (a missing file or bad input fails before anything
 * is sent), asks for an upload URL, POSTs the file there as multipart (`data` field), and
 * emits the attachment request to put in a message.
 *
 * @example
 * upload(api, 'image', './chart.png').pipe(
 *   switchMap((image) => sendMessage(api, { chat_id: chatId }, { text: 'Today', attachments: [image] })),
 * ).subscribe();
 */
export function upload<K extends UploadType, T extends UploadTable = UploadTable>(
  api: Api<T>,
  type: K,
  data: UploadData,
  options: UploadOptions = {},
): Observable<UploadedAttachment<K>> {
  const { filename, contentType, ...callOptions } = options;
  // defer: nothing is read before subscribe; reading a local file or stream is not a request,
  // so there is nothing to abort while it runs (switchMap drops it on unsubscribe)
  return defer(() => {
    requireUploadType('upload', type);
    return toFormData(data, filename, contentType);
  }).pipe(
    switchMap((body) =>
      getUploadUrl(api, type, callOptions).pipe(
        switchMap((endpoint) =>
          call(api, 'uploadFile', () => ({ url: endpoint.url, body }), callOptions).pipe(
            map((result) => toAttachment(type, endpoint, result)),
          ),
        ),
      ),
    ),
  );
}

function toAttachment<T extends UploadType>(
  type: T,
  endpoint: { url: string; token?: string },
  result: UploadResultByType[UploadType],
): UploadedAttachment<T> {
  if (type === 'image') {
    const photos = 'photos' in result ? result.photos : undefined;
    if (photos === null || typeof photos !== 'object') throw missingToken(endpoint, result, '`photos`');
    return { type: 'image', payload: { photos } } as UploadedAttachment<T>;
  }
  const token = ('token' in result ? result.token : undefined) ?? endpoint.token;
  if (typeof token !== 'string' || token === '') throw missingToken(endpoint, result, 'a `token`');
  return { type, payload: { token } } as UploadedAttachment<T>;
}

function missingToken(endpoint: { url: string }, result: unknown, what: string): TamTamResponseError {
  return new TamTamResponseError({
    operation: 'uploadFile',
    method: 'POST',
    path: safePath(endpoint.url),
    status: 200,
    reason: `an upload answer without ${what}`,
    bodySnippet: JSON.stringify(result ?? null).slice(0, 200),
  });
}

async function toFormData(
  data: UploadData,
  filename: string | undefined,
  contentType: string | undefined,
): Promise<FormData> {
  const { blob, name } = await toBlob(data, contentType);
  const form = new FormData();
  form.append('data', blob, filename ?? name);
  return form;
}

async function toBlob(data: UploadData, contentType: string | undefined): Promise<{ blob: Blob; name: string }> {
  const type = contentType ?? (data instanceof Blob && data.type !== '' ? data.type : 'application/octet-stream');
  if (typeof data === 'string') {
    if (data === '') throw new TypeError('upload: the file path is empty');
    const { openAsBlob } = await import('node:fs');
    const { stat } = await import('node:fs/promises');
    const { basename } = await import('node:path');
    // stat first: Node 20's openAsBlob throws synchronously with a vague message for a missing file
    const info = await stat(data).catch((error: NodeJS.ErrnoException) => {
      throw new TypeError(`upload: cannot read ${JSON.stringify(data)}: ${error.code ?? error.message}`);
    });
    if (!info.isFile()) throw new TypeError(`upload: ${JSON.stringify(data)} is not a file`);
    try {
      return { blob: await openAsBlob(data, { type }), name: basename(data) };
    } catch (error) {
      throw new TypeError(
        `upload: cannot read ${JSON.stringify(data)}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  if (data instanceof Blob) {
    const name = 'name' in data && typeof data.name === 'string' && data.name !== '' ? data.name : 'file';
    return { blob: contentType === undefined ? data : new Blob([data], { type }), name };
  }
  if (data instanceof Uint8Array || data instanceof ArrayBuffer)
    return { blob: new Blob([data as BlobPart], { type }), name: 'file' };
  if (data instanceof ReadableStream)
    return { blob: new Blob([await new Response(data).arrayBuffer()], { type }), name: 'file' };
  if (data !== null && typeof data === 'object' && Symbol.asyncIterator in data) {
    const chunks: BlobPart[] = [];
    for await (const chunk of data) chunks.push(chunk as BlobPart);
    return { blob: new Blob(chunks, { type }), name: 'file' };
  }
  throw new TypeError('upload: data must be a file path, Blob, Buffer/Uint8Array, ArrayBuffer or a readable stream');
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(invalid url)';
  }
}
