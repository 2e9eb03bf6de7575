import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { getUploadUrl, upload, type UploadData } from '../../src/actions/index';
import { isTamTamResponseError } from '../../src/api/index';
import type { UploadType } from '../../src/types/index';
import type { LoopbackServer, RecordedRequest, ScriptedResponse } from '../helpers/loopback-server';
import { expectGuards, expectOnlyRequest, expectRequest, failureOf, run, useWire } from './support';

const wire = useWire();

/** Every byte value several times: any text decoding on the way would change them. */
const BYTES = Uint8Array.from({ length: 1_024 }, (_, i) => (i * 7) % 256);
const PHOTOS = { '7712390144': { token: 'ph.cGhvdG8tdG9rZW4tNzcxMjM5MDE0NA' } };
const FILE_TOKEN = 'fl.ZmlsZS10b2tlbi1yZWxlYXNlLW5vdGVz';

/** Serves getUploadUrl (pointing back at this server) and the upload itself. */
function serveUploads(
  server: LoopbackServer,
  uploadAnswer: ScriptedResponse,
  endpoint: Record<string, string> = {},
): void {
  server.respond((request) =>
    request.path === '/uploads' ? { body: { url: `${server.url}/upload-target?id=1`, ...endpoint } } : uploadAnswer,
  );
}

/** Parses the multipart body of an upload request and returns its `data` part. */
async function uploadedPart(seen: RecordedRequest | undefined): Promise<File> {
  const contentType = seen?.headers['content-type'] ?? '';
  expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
  const form = await new Request('http://x', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: Uint8Array.from(seen?.raw ?? []),
  }).formData();
  expect([...form.keys()]).toEqual(['data']);
  const part = form.get('data');
  expect(part).toBeInstanceOf(File);
  return part as File;
}

/** Asserts the two requests of an upload: getUploadUrl, then the multipart POST. */
async function expectUpload(type: UploadType, file: { name: string; type: string }): Promise<void> {
  expect(wire.server.requests).toHaveLength(2);
  const [ask, post] = wire.server.requests;
  expectRequest(ask, { method: 'POST', path: '/uploads', query: { type } });
  expect(post?.method).toBe('POST');
  expect(post?.path).toBe('/upload-target');
  expect(post?.query).toEqual({ id: '1' }); // neither access_token nor v go to the upload host
  expect(post?.headers.authorization).toBeUndefined();
  const part = await uploadedPart(post);
  expect(part.name).toBe(file.name);
  expect(part.type).toBe(file.type);
  expect(new Uint8Array(await part.arrayBuffer())).toEqual(BYTES);
}

describe('getUploadUrl', () => {
  it('POSTs to /uploads with the type in the query and no body; emits the UploadEndpoint', async () => {
    const endpoint = { url: 'https://vu.oneme.example/upload.do?sig=a1b2c3&expires=1717249000' };
    wire.server.queue({ body: endpoint });
    expect(await run(getUploadUrl(wire.api, 'video'))).toEqual(endpoint);
    expectOnlyRequest(wire.server, { method: 'POST', path: '/uploads', query: { type: 'video' } });
  });

  it('refuses an unknown type, sending nothing', async () => {
    await expectGuards(wire.server, [
      [
        getUploadUrl(wire.api, 'photo' as UploadType),
        /^getUploadUrl: type must be one of image, video, audio, file; got "photo"/,
      ],
      [
        upload(wire.api, 'doc' as UploadType, BYTES),
        /^upload: type must be one of image, video, audio, file; got "doc"/,
      ],
    ]);
  });
});

describe('upload: result per kind', () => {
  it('image: the photos answer becomes { type: "image", payload: { photos } }', async () => {
    serveUploads(wire.server, { body: { photos: PHOTOS } });
    const attachment = await run(upload(wire.api, 'image', BYTES, { filename: 'chart.png', contentType: 'image/png' }));
    expect(attachment).toEqual({ type: 'image', payload: { photos: PHOTOS } });
    await expectUpload('image', { name: 'chart.png', type: 'image/png' });
  });

  it.each(['file', 'video', 'audio'] as const)(
    '%s: the token answer becomes { type, payload: { token } }',
    async (type) => {
      serveUploads(wire.server, { body: { token: FILE_TOKEN } });
      const attachment = await run(
        upload(wire.api, type, Buffer.from(BYTES), { filename: `release.${type}`, contentType: 'application/x-test' }),
      );
      expect(attachment).toEqual({ type, payload: { token: FILE_TOKEN } });
      await expectUpload(type, { name: `release.${type}`, type: 'application/x-test' });
    },
  );

  it('takes the token handed out with the upload URL when the upload answer has none', async () => {
    serveUploads(wire.server, { body: {} }, { token: 'vd.ZW5kcG9pbnQtdG9rZW4' });
    expect(await run(upload(wire.api, 'video', BYTES))).toEqual({
      type: 'video',
      payload: { token: 'vd.ZW5kcG9pbnQtdG9rZW4' },
    });
  });

  it('an upload answer without a token (or photos) is a TamTamResponseError', async () => {
    serveUploads(wire.server, { body: { error: 'nothing here' } });
    const noToken = await failureOf(upload(wire.api, 'file', BYTES));
    expect(isTamTamResponseError(noToken)).toBe(true);
    expect(noToken).toMatchObject({ operation: 'uploadFile', path: '/upload-target' });
    expect(noToken.message).toMatch(/upload answer without a `token`.*nothing here/);

    const noPhotos = await failureOf(upload(wire.api, 'image', BYTES));
    expect(isTamTamResponseError(noPhotos)).toBe(true);
    expect(noPhotos.message).toMatch(/upload answer without `photos`/);
  });

  it('a failed upload POST is a typed API error', async () => {
    serveUploads(wire.server, { status: 400, body: { code: 'upload.error', message: 'File is too big' } });
    expect(await failureOf(upload(wire.api, 'file', BYTES))).toMatchObject({
      name: 'TamTamApiError',
      status: 400,
      code: 'upload.error',
      operation: 'uploadFile',
      path: '/upload-target',
    });
  });
});

describe('upload: accepted inputs', () => {
  const cases: readonly (readonly [string, () => UploadData, { name: string; type: string }])[] = [
    ['a Buffer', () => Buffer.from(BYTES), { name: 'file', type: 'application/octet-stream' }],
    ['a Uint8Array', () => BYTES.slice(), { name: 'file', type: 'application/octet-stream' }],
    ['an ArrayBuffer', () => BYTES.slice().buffer, { name: 'file', type: 'application/octet-stream' }],
    [
      'a Blob (its type kept)',
      () => new Blob([BYTES], { type: 'application/pdf' }),
      { name: 'file', type: 'application/pdf' },
    ],
    [
      'a File (its name and type kept)',
      () => new File([BYTES], 'notes.pdf', { type: 'application/pdf' }),
      { name: 'notes.pdf', type: 'application/pdf' },
    ],
    [
      'a Node Readable stream',
      () => Readable.from([Buffer.from(BYTES.subarray(0, 300)), Buffer.from(BYTES.subarray(300))]),
      { name: 'file', type: 'application/octet-stream' },
    ],
    [
      'a web ReadableStream',
      () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(BYTES.slice(0, 500));
            controller.enqueue(BYTES.slice(500));
            controller.close();
          },
        }),
      { name: 'file', type: 'application/octet-stream' },
    ],
  ];

  it.each(cases)('uploads %s byte for byte', async (_, data, file) => {
    serveUploads(wire.server, { body: { token: FILE_TOKEN } });
    expect(await run(upload(wire.api, 'file', data()))).toEqual({ type: 'file', payload: { token: FILE_TOKEN } });
    await expectUpload('file', file);
  });

  it('explicit filename and contentType win over the data’s own', async () => {
    serveUploads(wire.server, { body: { token: FILE_TOKEN } });
    await run(
      upload(wire.api, 'file', new File([BYTES], 'x.bin', { type: 'application/pdf' }), {
        filename: 'report.pdf',
        contentType: 'application/x-pdf',
      }),
    );
    await expectUpload('file', { name: 'report.pdf', type: 'application/x-pdf' });
  });

  it('uploads a file path, named after the file', async () => {
    const path = join(tmpdir(), `tamtam-rx-upload-${process.pid}-${Date.now()}.bin`);
    await writeFile(path, BYTES);
    try {
      serveUploads(wire.server, { body: { token: FILE_TOKEN } });
      expect(await run(upload(wire.api, 'file', path))).toEqual({ type: 'file', payload: { token: FILE_TOKEN } });
      await expectUpload('file', { name: path.split(/[\\/]/).pop() ?? '', type: 'application/octet-stream' });
    } finally {
      await rm(path, { force: true });
    }
  });

  it('a missing file path fails with a TypeError naming the path, before anything is sent', async () => {
    serveUploads(wire.server, { body: { token: FILE_TOKEN } });
    const path = join(tmpdir(), `tamtam-rx-missing-${process.pid}-${Date.now()}.bin`);
    const error = await failureOf(upload(wire.api, 'file', path));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/^upload: cannot read ".*tamtam-rx-missing-.*\.bin": ENOENT/);
    expect(wire.server.requests).toEqual([]);
  });

  it('refuses an empty path, a directory and data of the wrong kind, sending nothing', async () => {
    await expectGuards(wire.server, [
      [upload(wire.api, 'file', ''), /^upload: the file path is empty/],
      [upload(wire.api, 'file', tmpdir()), /^upload: ".*" is not a file/],
      [
        upload(wire.api, 'file', 42 as unknown as UploadData),
        /^upload: data must be a file path, Blob, Buffer\/Uint8Array, ArrayBuffer or a readable stream/,
      ],
    ]);
  });

  it('is cold: nothing is read or sent before subscribe', async () => {
    serveUploads(wire.server, { body: { token: FILE_TOKEN } });
    const stream = Readable.from([Buffer.from(BYTES)]);
    const call = upload(wire.api, 'file', stream);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(wire.server.requests).toHaveLength(0);
    expect(stream.readableDidRead).toBe(false);
    await run(call);
    await expectUpload('file', { name: 'file', type: 'application/octet-stream' });
  });
});
