import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import { call, control, start } from './helpers';

describe('HTTP control API under /_emulator', () => {
  it('lists its routes and the world; needs no token', async () => {
    const emulator = await start();
    const index = await control(emulator, 'GET', '');
    expect(index.body.routes).toContain('POST /_emulator/users/:userId/send');
    const state = await control(emulator, 'GET', '/state');
    expect(state.body.bot.user_id).toBe(ids.bot);
    expect(state.body.users.map((u: any) => u.name)).toEqual(['Alice Smith', 'Bob Brown', 'Carol White']);
    expect(state.body.chats).toHaveLength(3);
    expect(JSON.stringify(state.body)).not.toContain(emulator.token);
  });

  it('creates users and chats, and acts as users', async () => {
    const emulator = await start({ world: 'empty' });
    const dave = (await control(emulator, 'POST', '/users', { name: 'Dave', username: 'dave', locale: 'fr-FR' })).body;
    const erin = (await control(emulator, 'POST', '/users', { name: 'Erin' })).body;
    const chat = (
      await control(emulator, 'POST', '/chats', {
        type: 'chat',
        title: 'Team',
        ownerId: dave.user_id,
        memberIds: [erin.user_id],
      })
    ).body;
    expect(chat).toMatchObject({ type: 'chat', title: 'Team', participants_count: 3 });
    const started = await control(emulator, 'POST', `/users/${dave.user_id}/start`, { payload: 'hello' });
    expect(started.body.dialog_with_user.user_id).toBe(dave.user_id);
    const dm = await control(emulator, 'POST', `/users/${dave.user_id}/send`, { text: 'hi bot' });
    const group = await control(emulator, 'POST', `/users/${erin.user_id}/send`, {
      chatId: chat.chat_id,
      text: 'hi all',
      replyTo: dm.body.body.mid,
    });
    expect(group.status).toBe(400); // replies must stay in the same chat
    await control(emulator, 'POST', `/users/${erin.user_id}/send`, { chatId: chat.chat_id, text: 'hi all' });
    await control(emulator, 'POST', `/users/${dave.user_id}/rename`, { chatId: chat.chat_id, title: 'Team 2' });
    const types = (await call(emulator, 'GET', '/updates', { query: { timeout: 0 } })).body.updates.map(
      (u: any) => u.update_type,
    );
    expect(types).toEqual(['bot_started', 'message_created', 'message_created', 'chat_title_changed']);
    expect(
      (await control(emulator, 'GET', `/chats/${chat.chat_id}/messages`)).body.map((m: any) => m.body.text),
    ).toEqual(['hi all']);
  });

  it('presses buttons and inspects what the bot did', async () => {
    const emulator = await start();
    const sent = await call(emulator, 'POST', '/messages', {
      query: { chat_id: ids.dialogWithAlice },
      body: {
        text: 'Q',
        attachments: [
          { type: 'inline_keyboard', payload: { buttons: [[{ type: 'callback', text: 'A', payload: 'a' }]] } },
        ],
      },
    });
    const pressed = await control(emulator, 'POST', `/users/${ids.alice}/press`, {
      messageId: sent.body.message.body.mid,
      payload: 'a',
    });
    expect(pressed.body).toEqual({ kind: 'callback', callbackId: expect.any(String) });
    await call(emulator, 'POST', '/answers', {
      query: { callback_id: pressed.body.callbackId },
      body: { notification: 'ok' },
    });
    expect((await control(emulator, 'GET', '/inspect/callback-answers')).body).toMatchObject([
      { answer: { notification: 'ok' } },
    ]);
    expect((await control(emulator, 'GET', `/inspect/sent-messages?chat_id=${ids.dialogWithAlice}`)).body).toHaveLength(
      1,
    );
    expect((await control(emulator, 'GET', '/inspect/sent-messages?chat_id=1')).body).toEqual([]);
    expect((await control(emulator, 'GET', '/inspect/requests')).body.map((r: any) => r.operation)).toEqual([
      'sendMessage',
      'answerOnCallback',
    ]);
  });

  it('injects raw updates and reports bad control requests as JSON errors', async () => {
    const emulator = await start();
    expect((await control(emulator, 'POST', '/updates', { update_type: 'future_type', x: 1 })).body).toEqual({
      success: true,
    });
    expect((await control(emulator, 'GET', '/updates')).body).toMatchObject([{ update_type: 'future_type', x: 1 }]);
    const cases: Array<[string, string, unknown, number]> = [
      ['POST', '/users', { username: 'x' }, 400],
      ['POST', '/users', { userId: ids.alice, name: 'Dup' }, 400],
      ['POST', '/chats', { type: 'dialog', title: 'x' }, 400],
      ['POST', `/users/${ids.alice}/dance`, {}, 404],
      ['POST', '/users/999/send', { text: 'x' }, 404],
      ['POST', `/users/${ids.alice}/press`, { messageId: 'mid.x', text: 'a', payload: 'b' }, 400],
      ['GET', '/inspect/everything', undefined, 404],
      ['GET', '/nope', undefined, 404],
      ['DELETE', '/users', undefined, 405],
    ];
    for (const [method, path, body, status] of cases) {
      const res = await control(emulator, method, path, body);
      expect(res.status, `${method} ${path}`).toBe(status);
      expect(res.body).toEqual({ code: expect.any(String), message: expect.any(String) });
    }
  });

  it('starts from a fixture', async () => {
    const emulator = await start({
      world: {
        bot: { name: 'Shop', username: 'shop_bot' },
        users: [{ userId: 7, name: 'Ann' }],
        chats: [{ type: 'dialog', chatId: 70, userId: 7 }],
        messages: [{ chatId: 70, from: 7, text: 'earlier' }],
      },
    });
    expect((await call(emulator, 'GET', '/me')).body).toMatchObject({ name: 'Shop', username: 'shop_bot' });
    expect((await call(emulator, 'GET', '/messages', { query: { chat_id: 70 } })).body.messages[0].body.text).toBe(
      'earlier',
    );
    expect(emulator.users.create({ name: 'Next' }).user_id).not.toBe(7);
  });
});
