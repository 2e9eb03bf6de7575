import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids, EmulatorApiError } from '../../src/emulator';
import type { Emulator } from '../../src/emulator';
import { call, start } from './helpers';

const drain = async (emulator: Emulator): Promise<any[]> => {
  const res = await call(emulator, 'GET', '/updates', { query: { timeout: 0, limit: 1000 } });
  await call(emulator, 'GET', '/updates', { query: { timeout: 0, marker: res.body.marker } });
  return res.body.updates;
};

const aliceUser = {
  user_id: ids.alice,
  name: 'Alice Smith',
  username: 'alice',
  is_bot: false,
  last_activity_time: expect.any(Number),
};

describe('acting as users', () => {
  it('a dialog message → message_created with user_locale, sender and recipient', async () => {
    const emulator = await start();
    const message = emulator.actAs(ids.alice).sendToBot('hello');
    const [update] = await drain(emulator);
    expect(update).toEqual({
      update_type: 'message_created',
      timestamp: message.timestamp,
      message,
      user_locale: 'en-US',
    });
    expect(message).toMatchObject({
      sender: aliceUser,
      recipient: { chat_id: ids.dialogWithAlice, chat_type: 'dialog', user_id: ids.bot },
      body: { mid: expect.stringMatching(/^mid\.[0-9a-f]{32}$/), seq: 1, text: 'hello', attachments: null },
    });
  });

  it('group messages have no user_locale; seq grows per chat; mids are unique', async () => {
    const emulator = await start();
    const a = emulator.actAs(ids.bob).sendMessage(ids.group, 'one');
    const b = emulator.actAs(ids.carol).sendMessage(ids.group, { text: 'two', replyTo: a.body.mid });
    const updates = await drain(emulator);
    expect(updates.map((u) => 'user_locale' in u)).toEqual([false, false]);
    expect([a.body.seq, b.body.seq]).toEqual([1, 2]);
    expect(a.body.mid).not.toBe(b.body.mid);
    expect(b.link).toMatchObject({ type: 'reply', message: { mid: a.body.mid, text: 'one' } });
    expect(b.recipient).toEqual({ chat_id: ids.group, chat_type: 'chat', user_id: null });
  });

  it('attachments from users: files get stored and a usable token', async () => {
    const emulator = await start();
    const message = emulator.actAs(ids.alice).sendToBot({
      text: 'see file',
      attachments: [
        { type: 'file', filename: 'a.txt', content: 'abc' },
        { type: 'location', latitude: 1, longitude: 2 },
      ],
    });
    const [file] = message.body.attachments ?? [];
    if (file?.type !== 'file') throw new Error('expected a file');
    expect(file).toMatchObject({ filename: 'a.txt', size: 3 });
    expect(await (await fetch(file.payload.url)).text()).toBe('abc');
    const resend = await call(emulator, 'POST', '/messages', {
      query: { chat_id: ids.group },
      body: { text: 'fwd', attachments: [{ type: 'file', payload: { token: file.payload.token } }] },
    });
    expect(resend.status).toBe(200);
  });

  it('forwards carry the original chat', async () => {
    const emulator = await start();
    const original = emulator.actAs(ids.bob).sendMessage(ids.group, 'news');
    const forwarded = emulator.actAs(ids.alice).sendToBot({ forward: original.body.mid });
    expect(forwarded.link).toMatchObject({ type: 'forward', chat_id: ids.group, sender: { user_id: ids.bob } });
    expect(forwarded.body.text).toBeNull();
  });

  it('edit → message_edited; delete → message_removed', async () => {
    const emulator = await start();
    const alice = emulator.actAs(ids.alice);
    const m = alice.sendMessage(ids.group, 'typo');
    alice.editMessage(m.body.mid, 'fixed');
    alice.deleteMessage(m.body.mid);
    const [, edited, removed] = await drain(emulator);
    expect(edited).toMatchObject({
      update_type: 'message_edited',
      message: { body: { mid: m.body.mid, text: 'fixed' } },
    });
    expect(removed).toEqual({
      update_type: 'message_removed',
      timestamp: expect.any(Number),
      message_id: m.body.mid,
      chat_id: ids.group,
      user_id: ids.alice,
    });
    expect(emulator.inspect.removedMessages()).toMatchObject([{ messageId: m.body.mid, userId: ids.alice }]);
  });

  it('users can only edit their own messages and write where they are members', async () => {
    const emulator = await start();
    const m = emulator.actAs(ids.alice).sendMessage(ids.group, 'mine');
    expect(() => emulator.actAs(ids.bob).editMessage(m.body.mid, 'x')).toThrow(/not sent by user/);
    expect(() => emulator.actAs(ids.carol).sendMessage(ids.channel, 'x')).toThrow(/not a member/);
    expect(() => emulator.actAs(ids.bob).sendMessage(ids.channel, 'x')).toThrow(/Only admins post/);
    expect(() => emulator.actAs(424242)).toThrow(EmulatorApiError);
  });

  it('startBot → bot_started with the deep-link payload (dropped beyond 128 chars)', async () => {
    const emulator = await start();
    const dialog = emulator.actAs(ids.bob).startBot('ref-42');
    emulator.actAs(ids.bob).startBot('x'.repeat(129));
    const [first, second] = await drain(emulator);
    expect(first).toEqual({
      update_type: 'bot_started',
      timestamp: expect.any(Number),
      chat_id: dialog.chat_id,
      user: expect.objectContaining({ user_id: ids.bob }),
      payload: 'ref-42',
      user_locale: 'ru-RU',
    });
    expect(second.payload).toBeNull();
    expect(dialog).toMatchObject({ type: 'dialog', status: 'active', dialog_with_user: { user_id: ids.bob } });
  });

  it('stopBot suspends the dialog: the bot gets 403 and no more updates from it', async () => {
    const emulator = await start();
    emulator.actAs(ids.alice).stopBot();
    const send = await call(emulator, 'POST', '/messages', { query: { user_id: ids.alice }, body: { text: 'hi' } });
    expect(send.status).toBe(403);
    expect(send.body.code).toBe('chat.denied');
    emulator.actAs(ids.alice).sendToBot('anyone?');
    expect(await drain(emulator)).toEqual([]);
  });

  it('bot_added / bot_removed with is_channel; removal also reaches the removed bot', async () => {
    const emulator = await start();
    const room = emulator.chats.create({ type: 'channel', title: 'C', ownerId: ids.alice, bot: { member: false } });
    expect((await call(emulator, 'GET', `/chats/${room.chat_id}`)).status).toBe(404);
    emulator.actAs(ids.alice).addBot(room.chat_id);
    expect((await call(emulator, 'GET', `/chats/${room.chat_id}`)).body.status).toBe('active');
    emulator.actAs(ids.alice).removeBot(room.chat_id);
    const updates = await drain(emulator);
    expect(updates.map((u) => [u.update_type, u.chat_id, u.is_channel, u.user.user_id])).toEqual([
      ['bot_added', room.chat_id, true, ids.alice],
      ['bot_removed', room.chat_id, true, ids.alice],
    ]);
    expect((await call(emulator, 'GET', `/chats/${room.chat_id}`)).body.status).toBe('removed');
  });

  it('user_added / user_removed carry inviter_id and admin_id; joins and leaves do not', async () => {
    const emulator = await start();
    const dave = emulator.users.create({ name: 'Dave', username: 'dave' });
    const alice = emulator.actAs(ids.alice);
    alice.addUser(ids.group, dave.user_id);
    alice.removeUser(ids.group, dave.user_id);
    emulator.actAs(dave.user_id).joinChat(ids.group);
    emulator.actAs(dave.user_id).leaveChat(ids.group);
    const [added, removed, joined, left] = await drain(emulator);
    expect(added).toMatchObject({
      update_type: 'user_added',
      chat_id: ids.group,
      user: { user_id: dave.user_id },
      inviter_id: ids.alice,
      is_channel: false,
    });
    expect(removed).toMatchObject({ update_type: 'user_removed', admin_id: ids.alice });
    expect(joined).toMatchObject({ update_type: 'user_added', inviter_id: null });
    expect(left.update_type).toBe('user_removed');
    expect(left).not.toHaveProperty('admin_id');
  });

  it('user_added is not sent where the bot is not an admin', async () => {
    const emulator = await start();
    const room = emulator.chats.create({ type: 'chat', title: 'R', ownerId: ids.alice, bot: { admin: false } });
    emulator.actAs(ids.alice).addUser(room.chat_id, ids.bob);
    expect(await drain(emulator)).toEqual([]);
  });

  it('renameChat → chat_title_changed and the new title', async () => {
    const emulator = await start();
    emulator.actAs(ids.bob).renameChat(ids.group, 'New name');
    const [update] = await drain(emulator);
    expect(update).toMatchObject({
      update_type: 'chat_title_changed',
      chat_id: ids.group,
      title: 'New name',
      user: { user_id: ids.bob },
    });
    expect(emulator.chats.get(ids.group).title).toBe('New name');
  });

  it('constructor: open → request, bot answers, input echoes data, post → message_constructed', async () => {
    const emulator = await start();
    const alice = emulator.actAs(ids.alice);
    const session = alice.openConstructor();
    const [opened] = await drain(emulator);
    expect(opened).toMatchObject({
      update_type: 'message_construction_request',
      session_id: session,
      user: { user_id: ids.alice },
      user_locale: 'en-US',
      data: null,
      input: { input_type: 'message', messages: [] },
    });
    const answer = await call(emulator, 'POST', '/answers/constructor', {
      query: { session_id: session },
      body: {
        messages: [{ text: 'Result *text*', format: 'markdown' }],
        data: 'step-1',
        keyboard: { buttons: [[{ type: 'callback', text: 'Again', payload: 'again' }]] },
      },
    });
    expect(answer.body).toEqual({ success: true });
    alice.constructorInput(session, { payload: 'again' });
    alice.constructorInput(session, { text: 'typed' });
    const [byButton, byText] = await drain(emulator);
    expect(byButton).toMatchObject({ data: 'step-1', input: { input_type: 'callback', payload: 'again' } });
    expect(byText).toMatchObject({ input: { input_type: 'message', messages: [{ text: 'typed' }] } });
    const [posted] = alice.postConstructed(session, ids.group);
    const [constructed] = await drain(emulator);
    expect(constructed).toMatchObject({
      update_type: 'message_constructed',
      session_id: session,
      message: { sender: { user_id: ids.alice }, body: { text: 'Result text' } },
    });
    expect((posted as unknown as { constructor: { user_id: number } }).constructor.user_id).toBe(ids.bot);
    expect(emulator.inspect.constructorAnswers()).toMatchObject([
      { sessionId: session, userId: ids.alice, answer: { data: 'step-1' } },
    ]);
    expect(() => alice.constructorInput(session, { text: 'late' })).toThrow(/not open/);
  });

  it('onEvent reports message and callback events for a live view', async () => {
    const emulator = await start();
    const events: string[] = [];
    const off = emulator.onEvent((e) => {
      if (e.type !== 'update') events.push(e.type);
    });
    const m = emulator.actAs(ids.alice).sendToBot('hi');
    const sent = await call(emulator, 'POST', '/messages', {
      query: { chat_id: ids.dialogWithAlice },
      body: { text: 'yo' },
    });
    await call(emulator, 'PUT', '/messages', {
      query: { message_id: sent.body.message.body.mid },
      body: { text: 'yo!' },
    });
    await call(emulator, 'DELETE', '/messages', { query: { message_id: m.body.mid } });
    await call(emulator, 'POST', `/chats/${ids.dialogWithAlice}/actions`, { body: { action: 'mark_seen' } });
    off();
    emulator.actAs(ids.alice).sendToBot('unseen');
    expect(events).toEqual(['message_created', 'message_created', 'message_edited', 'message_removed', 'action']);
  });
});
