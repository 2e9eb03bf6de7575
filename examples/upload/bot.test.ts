import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Update } from '../../src/index';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import { apiError, createFakeApi, expectSent, textMessage, waitFor } from '../../src/testing/index';
import { withEmulator } from '../../src/testing/entry-emulator';
import { PIXEL_PNG, uploadBot } from './bot';

function start() {
  const api = createFakeApi();
  const updates$ = new Subject<Update>();
  uploadBot(api, updates$).subscribe();
  return { api, updates$ };
}

async function uploadedFile(body: unknown): Promise<File> {
  expect(body).toBeInstanceOf(FormData);
  const data = (body as FormData).get('data');
  expect(data).toBeInstanceOf(File);
  return data as File;
}

describe('upload bot (fake api)', () => {
  it('/photo: shows the action, uploads the PNG, sends it as an image', async () => {
    const { api, updates$ } = start();
    updates$.next(textMessage('/photo'));
    await waitFor(() => api.sent().length > 0, { what: 'the reply' }); // upload() reads the bytes asynchronously

    expect(api.requests().map((r) => r.operation)).toEqual(['sendAction', 'getUploadUrl', 'uploadFile', 'sendMessage']);
    expect(api.requests('sendAction')[0]?.body).toEqual({ action: 'sending_photo' });
    const file = await uploadedFile(api.requests('uploadFile')[0]?.body);
    expect(file.name).toBe('photo.png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PIXEL_PNG);
    const sent = expectSent(api, { text: /Here is your photo/ });
    expect(sent.body.attachments).toEqual([{ type: 'image', payload: api.requests('uploadFile')[0]?.response }]); // the tokens the upload answered
  });

  it('/file: sends the text as note.txt', async () => {
    const { api, updates$ } = start();
    updates$.next(textMessage('/file remember the milk'));
    await waitFor(() => api.sent().length > 0, { what: 'the reply' });

    const file = await uploadedFile(api.requests('uploadFile')[0]?.body);
    expect([file.name, await file.text()]).toEqual(['note.txt', 'remember the milk']);
    expect(expectSent(api, { text: /as a file/ }).body.attachments).toEqual([
      { type: 'file', payload: api.requests('uploadFile')[0]?.response },
    ]);
  });

  it('apologises when the upload fails', async () => {
    const { api, updates$ } = start();
    api.respondOnce('getUploadUrl', apiError(503, 'service.unavailable'));
    updates$.next(textMessage('/photo'));
    await waitFor(() => api.sent().length > 0, { what: 'the reply' });
    expectSent(api, { text: /^Sorry, the upload failed \(getUploadUrl failed: 503/ });
    expect(api.requests('uploadFile')).toEqual([]);
  });
});

describe.each(['tamtam', 'max'] as const)('upload bot (emulator, %s)', (dialect) => {
  it('the photo and the file arrive with the uploaded bytes', () =>
    withEmulator(
      async ({ emulator, waitForSent }) => {
        const alice = emulator.actAs(DEFAULT_WORLD_IDS.alice);
        alice.sendToBot('/photo');
        const photo = await waitForSent({ text: /Here is your photo/ });
        const image = photo.body.attachments?.[0];
        expect(image?.type).toBe('image');
        const png = await fetch(image?.type === 'image' ? image.payload.url : '');
        expect(new Uint8Array(await png.arrayBuffer())).toEqual(PIXEL_PNG);

        alice.sendToBot('/file remember the milk');
        const note = await waitForSent({ text: /as a file/ });
        const file = note.body.attachments?.[0];
        expect(file).toMatchObject({ type: 'file', filename: 'note.txt' });
        expect(await (await fetch(file?.type === 'file' ? file.payload.url : '')).text()).toBe('remember the milk');
        expect(emulator.inspect.actions().map((a) => a.action)).toEqual(['sending_photo', 'sending_file']);
      },
      { dialect, bot: uploadBot },
    ));
});
