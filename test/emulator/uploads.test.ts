import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import type { Emulator } from '../../src/emulator';
import { call, start } from './helpers';

async function uploadUrl(emulator: Emulator, type: string): Promise<string> {
  const res = await call(emulator, 'POST', '/uploads', { query: { type } });
  expect(res.status).toBe(200);
  return res.body.url;
}

function multipart(content: string, name: string, field = 'data'): FormData {
  const form = new FormData();
  form.set(field, new Blob([content], { type: 'text/plain' }), name);
  return form;
}

describe('uploads', () => {
  it('round trip: upload URL → multipart POST → token → attachment → download', async () => {
    const emulator = await start();
    const url = await uploadUrl(emulator, 'file');
    expect(url.startsWith(`${emulator.url}/_upload/`)).toBe(true);
    const uploaded = await fetch(url, { method: 'POST', body: multipart('hello file', 'hello.txt') });
    expect(uploaded.status).toBe(200);
    const { token } = (await uploaded.json()) as { token: string };
    const sent = await call(emulator, 'POST', '/messages', {
      query: { chat_id: ids.dialogWithAlice },
      body: { text: 'here', attachments: [{ type: 'file', payload: { token } }] },
    });
    expect(sent.status).toBe(200);
    const [attachment] = sent.body.message.body.attachments;
    expect(attachment).toMatchObject({ type: 'file', filename: 'hello.txt', size: 10, payload: { token } });
    const download = await fetch(attachment.payload.url);
    expect(await download.text()).toBe('hello file');
  });

  it('images answer { photos } whose map can be attached as is', async () => {
    const emulator = await start();
    const uploaded = await fetch(await uploadUrl(emulator, 'image'), {
      method: 'POST',
      body: multipart('png', 'p.png'),
    });
    const body = (await uploaded.json()) as { photos: Record<string, { token: string }> };
    const [key] = Object.keys(body.photos);
    expect(body.photos[key as string]?.token).toEqual(expect.any(String));
    const sent = await call(emulator, 'POST', '/messages', {
      query: { chat_id: ids.group },
      body: { text: null, attachments: [{ type: 'image', payload: body }] },
    });
    expect(sent.body.message.body.attachments).toEqual([
      {
        type: 'image',
        payload: { photo_id: expect.any(Number), token: body.photos[key as string]?.token, url: expect.any(String) },
      },
    ]);
  });

  it('rejects wrong types, reuse of an upload URL, missing data field and non-multipart bodies', async () => {
    const emulator = await start();
    expect((await call(emulator, 'POST', '/uploads', { query: { type: 'photo' } })).status).toBe(400);
    expect((await call(emulator, 'POST', '/uploads')).status).toBe(400);
    const url = await uploadUrl(emulator, 'video');
    expect((await fetch(url, { method: 'POST', body: multipart('x', 'x.bin', 'file') })).status).toBe(400);
    expect((await fetch(url, { method: 'POST', body: 'raw bytes' })).status).toBe(400);
    const ok = await fetch(url, { method: 'POST', body: multipart('x', 'v.mp4') });
    const { token } = (await ok.json()) as { token: string };
    expect((await fetch(url, { method: 'POST', body: multipart('x', 'v.mp4') })).status).toBe(400);
    expect(
      (await fetch(`${emulator.url}/_upload/unknown`, { method: 'POST', body: multipart('x', 'v.mp4') })).status,
    ).toBe(404);
    expect((await fetch(url)).status).toBe(405);
    const wrongKind = await call(emulator, 'POST', '/messages', {
      query: { chat_id: ids.group },
      body: { text: 'x', attachments: [{ type: 'audio', payload: { token } }] },
    });
    expect(wrongKind.body.message).toMatch(/belongs to a video upload, not audio/);
  });

  it('limits upload size', async () => {
    const emulator = await start({ maxUploadBytes: 1000 });
    const res = await fetch(await uploadUrl(emulator, 'file'), {
      method: 'POST',
      body: multipart('x'.repeat(5000), 'big.txt'),
    });
    expect(res.status).toBe(413);
  });

  it('simulates attachment.not.ready for the first sends of a fresh upload', async () => {
    const emulator = await start({ attachmentNotReadyCount: 2 });
    const uploaded = await fetch(await uploadUrl(emulator, 'video'), { method: 'POST', body: multipart('v', 'v.mp4') });
    const { token } = (await uploaded.json()) as { token: string };
    const attempt = () =>
      call(emulator, 'POST', '/messages', {
        query: { chat_id: ids.group },
        body: { text: 'v', attachments: [{ type: 'video', payload: { token } }] },
      });
    const first = await attempt();
    expect(first.status).toBe(400);
    expect(first.body.code).toBe('attachment.not.ready');
    expect((await attempt()).body.code).toBe('attachment.not.ready');
    expect((await attempt()).status).toBe(200);
  });
});
