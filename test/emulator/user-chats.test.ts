import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import { control, start } from './helpers';

describe('GET /_emulator/users/:userId/chats', () => {
  it('lists the chats a user is a member of: dialog with the bot, groups, channels', async () => {
    const emulator = await start();
    const alice = await control(emulator, 'GET', `/users/${ids.alice}/chats`);
    expect(alice.status).toBe(200);
    expect(alice.body.map((c: any) => [c.chat_id, c.type])).toEqual([
      [ids.dialogWithAlice, 'dialog'],
      [ids.group, 'chat'],
      [ids.channel, 'channel'],
    ]);
    // Carol has no dialog yet and is not in the channel.
    expect((await control(emulator, 'GET', `/users/${ids.carol}/chats`)).body.map((c: any) => c.chat_id)).toEqual([
      ids.group,
    ]);
  });

  it('follows membership changes, including chats without the bot', async () => {
    const emulator = await start();
    await control(emulator, 'POST', `/users/${ids.carol}/leave`, { chatId: ids.group });
    const quiet = (
      await control(emulator, 'POST', '/chats', {
        type: 'chat',
        title: 'No bot',
        ownerId: ids.carol,
        bot: { member: false },
      })
    ).body;
    await control(emulator, 'POST', `/users/${ids.carol}/send`, { text: 'hi' });
    const chats = (await control(emulator, 'GET', `/users/${ids.carol}/chats`)).body;
    expect(chats.map((c: any) => [c.type, c.title])).toEqual([
      ['chat', 'No bot'],
      ['dialog', null],
    ]);
    expect(chats[0]).toMatchObject({ chat_id: quiet.chat_id, status: 'removed' });
    expect(chats[1].dialog_with_user.user_id).toBe(ids.carol);
  });

  it('answers 404 for an unknown or malformed user id', async () => {
    const emulator = await start();
    const unknown = await control(emulator, 'GET', '/users/999/chats');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toContain('999');
    expect((await control(emulator, 'GET', '/users/abc/chats')).status).toBe(404);
  });
});
