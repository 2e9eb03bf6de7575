import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD, DEFAULT_WORLD_IDS } from '../../../src/emulator/fixtures/default-world';
import { applyFixture } from '../../../src/emulator/fixtures/world-fixture';
import { describeButtons, inlineKeyboardButtons, selectButton } from '../../../src/emulator/state/buttons';
import { DIALOG_ID_BASE, IdAllocator, dialogIdFor, dialogUserFor } from '../../../src/emulator/state/ids';
import { World } from '../../../src/emulator/state/world';
import type { Attachment, Button } from '../../../src/types/index';

function defaultWorld(now = () => 1_000): World {
  const world = new World({ baseUrl: () => 'http://127.0.0.1:1', notReadyCount: 0, now });
  applyFixture(world, DEFAULT_WORLD);
  return world;
}

describe('World: dialogs', () => {
  it('gives a new dialog the id 80_000_000_000 + user id, and the fixture its own', () => {
    const world = defaultWorld();
    expect(world.dialogWith(DEFAULT_WORLD_IDS.alice).chatId).toBe(DEFAULT_WORLD_IDS.dialogWithAlice);
    expect(world.dialogWith(DEFAULT_WORLD_IDS.bob).chatId).toBe(DIALOG_ID_BASE + DEFAULT_WORLD_IDS.bob);
    expect(dialogUserFor(dialogIdFor(DEFAULT_WORLD_IDS.carol) ?? 0)).toBe(DEFAULT_WORLD_IDS.carol);
    expect([dialogIdFor(0), dialogIdFor(Number.MAX_SAFE_INTEGER), dialogUserFor(DEFAULT_WORLD_IDS.group)]).toEqual([
      undefined,
      undefined,
      null,
    ]);
  });

  it('falls back to a free counter id when the usual dialog id is taken', () => {
    const world = defaultWorld();
    const dana = world.createUser({ name: 'Dana' });
    world.createDialog(DEFAULT_WORLD_IDS.alice, DIALOG_ID_BASE + dana.user_id); // a fixture took Dana's usual id
    const dialog = world.dialogWith(dana.user_id);
    expect(dialog.chatId).not.toBe(DIALOG_ID_BASE + dana.user_id);
    expect(dialog.dialogUserId).toBe(dana.user_id);
  });
});

describe('World: clock, ids and adopted messages', () => {
  it('stamps records with its clock and, with a space, mints ids in the test kit’s layout', () => {
    let time = 5_000;
    const world = new World({ baseUrl: () => '', notReadyCount: 0, now: () => time, midSpace: 0xffff });
    applyFixture(world, DEFAULT_WORLD);
    time = 7_000;
    const message = world.addMessage(world.chat(DEFAULT_WORLD_IDS.group), DEFAULT_WORLD_IDS.bob, {
      text: 'hi',
      attachments: null,
      markup: null,
      link: null,
      constructorId: null,
    });
    expect(message.timestamp).toBe(7_000);
    expect(world.user(DEFAULT_WORLD_IDS.bob).last_activity_time).toBe(7_000);
    expect(message.mid).toBe('mid.ffffffefb3acc3ffffff000000000001');
    expect(new IdAllocator().mid(DEFAULT_WORLD_IDS.group)).toBe('mid.ffffffefb3acc3ff0000000000000001');
    expect(() => new IdAllocator({ midSpace: 0x10000 })).toThrow(/midSpace must be a whole number 0–65535/);
  });

  it('adopts a message with a given id into an existing chat, once', () => {
    const world = defaultWorld();
    const record = {
      mid: 'mid.made-up',
      seq: 41,
      chatId: DEFAULT_WORLD_IDS.group,
      senderId: DEFAULT_WORLD_IDS.bob,
      timestamp: 1,
      text: 'old',
      attachments: null,
      markup: null,
      link: null,
      constructorId: null,
    };
    world.adoptMessage(record);
    expect(world.message('mid.made-up').text).toBe('old');
    expect(world.chat(DEFAULT_WORLD_IDS.group).mids).toEqual(['mid.made-up']);
    const next = world.addMessage(world.chat(DEFAULT_WORLD_IDS.group), world.bot.user_id, {
      text: 'new',
      attachments: null,
      markup: null,
      link: null,
      constructorId: null,
    });
    expect(next.seq).toBe(42);
    expect(() => world.adoptMessage(record)).toThrow(/already exists/);
    expect(() => world.adoptMessage({ ...record, mid: 'mid.other', chatId: -5 })).toThrow(/Chat -5 does not exist/);
  });
});

describe('UploadRegistry: slots and tokens', () => {
  it('opens a slot once, answers like the upload server, and adopts made-up tokens', () => {
    const world = defaultWorld();
    const slot = world.uploads.createSlot('image');
    const answer = world.uploads.receive(world.uploads.openSlot(slot.id), {
      filename: 'a.png',
      bytes: null,
      contentType: 'image/png',
      size: 3,
    });
    const [photo] = Object.values('photos' in answer ? answer.photos : {});
    expect(world.uploads.byToken(photo?.token ?? '')).toMatchObject({ type: 'image', size: 3, filename: 'a.png' });
    expect(() => world.uploads.openSlot(slot.id)).toThrow(/already used/);
    expect(() => world.uploads.openSlot('nope')).toThrow(
      expect.objectContaining({ status: 404, code: 'upload.not.found' }),
    );

    const adopted = world.uploads.adoptToken('video', 'video.made-up');
    expect(world.uploads.byToken('video.made-up')).toBe(adopted);
    expect(world.uploads.adoptToken('video', 'video.made-up')).toBe(adopted);
    expect(adopted).toMatchObject({ type: 'video', token: 'video.made-up' });
  });
});

describe('buttons: one selector for the emulator and the test kit', () => {
  const buttons: Button[] = [
    { type: 'callback', text: 'Yes', payload: 'no' },
    { type: 'callback', text: 'no', payload: 'vote:no' },
    { type: 'link', text: 'Docs', url: 'https://example.com' },
  ];
  const keyboard: Attachment = {
    type: 'inline_keyboard',
    payload: { buttons: [buttons.slice(0, 2), buttons.slice(2)] },
  };

  it('matches a string by text first, then by payload; objects by that field only', () => {
    expect(inlineKeyboardButtons([{ type: 'location', latitude: 0, longitude: 0 }, keyboard])).toEqual(buttons);
    expect(inlineKeyboardButtons(null)).toEqual([]);
    expect(selectButton(buttons, 'no')?.text).toBe('no'); // the text wins over Yes's payload "no"
    expect(selectButton(buttons, 'vote:no')?.text).toBe('no');
    expect(selectButton(buttons, { payload: 'no' })?.text).toBe('Yes');
    expect(selectButton(buttons, { text: 'vote:no' })).toBeUndefined();
    expect(selectButton(buttons, 'https://example.com')).toBeUndefined(); // link URLs are no payloads
    expect(describeButtons(buttons)).toBe('"Yes" (no), "no" (vote:no), "Docs" [link]');
  });
});
