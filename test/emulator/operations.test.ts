import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import type { Emulator } from '../../src/emulator';
import { call, start } from './helpers';

const keyboard = (...buttons: object[]) => ({ type: 'inline_keyboard', payload: { buttons: [buttons] } });
const send = (emulator: Emulator, chatId: number, body: object) =>
  call(emulator, 'POST', '/messages', { query: { chat_id: chatId }, body });

describe('bot operations', () => {
  describe('sendMessage', () => {
    it('sends to a user by user_id, creating the dialog; produces no update for the bot', async () => {
      const emulator = await start();
      const dave = emulator.users.create({ name: 'Dave' });
      const res = await call(emulator, 'POST', '/messages', {
        query: { user_id: dave.user_id },
        body: { text: 'Hi Dave' },
      });
      expect(res.body.message).toMatchObject({
        sender: { user_id: ids.bot, is_bot: true },
        recipient: { chat_type: 'dialog', user_id: dave.user_id },
        body: { text: 'Hi Dave' },
      });
      expect(emulator.updates.pending()).toEqual([]);
      expect(emulator.inspect.sentMessages(res.body.message.recipient.chat_id).map((m) => m.body.text)).toEqual([
        'Hi Dave',
      ]);
    });

    it('parses markdown and html into markup', async () => {
      const emulator = await start();
      const md = await send(emulator, ids.group, { text: '**B** _i_ `c` [l](https://x.y)', format: 'markdown' });
      expect(md.body.message.body).toMatchObject({
        text: 'B i c l',
        markup: [
          { type: 'strong', from: 0, length: 1 },
          { type: 'emphasized', from: 2, length: 1 },
          { type: 'monospaced', from: 4, length: 1 },
          { type: 'link', from: 6, length: 1, url: 'https://x.y' },
        ],
      });
      const html = await send(emulator, ids.group, { text: '<b>bold</b> &amp; <i>it</i>', format: 'html' });
      expect(html.body.message.body).toMatchObject({
        text: 'bold & it',
        markup: [
          { type: 'strong', from: 0, length: 4 },
          { type: 'emphasized', from: 7, length: 2 },
        ],
      });
    });

    it('rejects bad requests with messages naming the problem', async () => {
      const emulator = await start();
      const cases: Array<[object, object, RegExp]> = [
        [{ chat_id: ids.group }, { text: 'x'.repeat(4001) }, /at most 4000/],
        [{ chat_id: ids.group }, { text: '' }, /needs text, attachments or a link/],
        [{ chat_id: ids.group, user_id: ids.alice }, { text: 'x' }, /exactly one of `chat_id` or `user_id`/],
        [{}, { text: 'x' }, /exactly one/],
        [{ chat_id: ids.group }, { text: 1 }, /`body.text` must be a string/],
        [{ chat_id: ids.group }, { text: 'x', format: 'rtf' }, /`body.format` must be one of markdown, html/],
        [
          { chat_id: ids.group },
          { text: 'x', attachments: [{ type: 'file', payload: { token: 'forged' } }] },
          /not a token this server issued/,
        ],
        [
          { chat_id: ids.group },
          { text: 'x', attachments: [{ type: 'gif', payload: {} }] },
          /`body.attachments\[0\].type` must be one of/,
        ],
        [
          { chat_id: ids.group },
          { text: 'x', attachments: [keyboard({ type: 'callback', text: 'no payload' })] },
          /buttons\[0\]\[0\].payload` is required/,
        ],
        [
          { chat_id: ids.group },
          { text: 'x', attachments: [keyboard({ type: 'link', text: 'L', url: 'ftp://x' })] },
          /http\(s\) URL/,
        ],
        [{ chat_id: ids.group }, { text: 'x', link: { type: 'reply', mid: 'mid.missing' } }, /not an existing message/],
        [
          { chat_id: ids.group },
          { text: 'x', attachments: [{ type: 'location', latitude: 91, longitude: 0 }] },
          /out of range/,
        ],
      ];
      for (const [query, body, message] of cases) {
        const res = await call(emulator, 'POST', '/messages', { query: query as Record<string, number>, body });
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.message).toMatch(message);
      }
      const unknownChat = await send(emulator, 12345, { text: 'x' });
      expect(unknownChat.status).toBe(404);
    });

    it('posts to channels only as an admin', async () => {
      const emulator = await start();
      const channel = emulator.chats.create({
        type: 'channel',
        title: 'Ch',
        ownerId: ids.alice,
        bot: { admin: false },
      });
      expect((await send(emulator, channel.chat_id, { text: 'x' })).status).toBe(403);
      expect((await send(emulator, ids.channel, { text: 'x' })).status).toBe(200);
    });
  });

  describe('getMessages / getMessageById', () => {
    it('lists newest first with count, from and to; by ids; 404 for unknown', async () => {
      const emulator = await start();
      const bob = emulator.actAs(ids.bob);
      const sent = ['a', 'b', 'c', 'd'].map((t) => bob.sendMessage(ids.group, t));
      const texts = (res: { body: { messages: Array<{ body: { text: string } }> } }) =>
        res.body.messages.map((m) => m.body.text);
      expect(texts(await call(emulator, 'GET', '/messages', { query: { chat_id: ids.group } }))).toEqual([
        'd',
        'c',
        'b',
        'a',
      ]);
      expect(texts(await call(emulator, 'GET', '/messages', { query: { chat_id: ids.group, count: 2 } }))).toEqual([
        'd',
        'c',
      ]);
      const ts = sent.map((m) => m.timestamp);
      const window = await call(emulator, 'GET', '/messages', {
        query: { chat_id: ids.group, from: ts[3], to: ts[0] },
      });
      expect(texts(window).length).toBe(4);
      const future = await call(emulator, 'GET', '/messages', {
        query: { chat_id: ids.group, to: (ts[3] as number) + 1 },
      });
      expect(texts(future)).toEqual([]);
      const byIds = await call(emulator, 'GET', '/messages', {
        query: { message_ids: `${sent[1]?.body.mid},${sent[0]?.body.mid}` },
      });
      expect(texts(byIds)).toEqual(['b', 'a']);
      expect((await call(emulator, 'GET', '/messages')).status).toBe(400);
      expect((await call(emulator, 'GET', `/messages/${sent[2]?.body.mid}`)).body.body.text).toBe('c');
      expect((await call(emulator, 'GET', '/messages/mid.0')).status).toBe(404);
    });

    it('adds view stats to channel posts in getMessages', async () => {
      const emulator = await start();
      await send(emulator, ids.channel, { text: 'post' });
      const res = await call(emulator, 'GET', '/messages', { query: { chat_id: ids.channel } });
      expect(res.body.messages[0]).toMatchObject({ stat: { views: 3 }, url: expect.stringContaining('emulator_news') });
    });
  });

  describe('editMessage / deleteMessage', () => {
    it('edits own messages: null attachments keep them, [] removes them', async () => {
      const emulator = await start();
      const sent = await send(emulator, ids.group, {
        text: 'v1',
        attachments: [keyboard({ type: 'callback', text: 'A', payload: 'a' })],
      });
      const mid = sent.body.message.body.mid;
      await call(emulator, 'PUT', '/messages', { query: { message_id: mid }, body: { text: 'v2', attachments: null } });
      expect((await call(emulator, 'GET', `/messages/${mid}`)).body.body).toMatchObject({
        text: 'v2',
        attachments: [{ type: 'inline_keyboard' }],
      });
      await call(emulator, 'PUT', '/messages', { query: { message_id: mid }, body: { text: 'v3', attachments: [] } });
      expect((await call(emulator, 'GET', `/messages/${mid}`)).body.body).toMatchObject({
        text: 'v3',
        attachments: null,
      });
      expect(emulator.inspect.sentMessages()[0]?.body.text).toBe('v3');
    });

    it('refuses to edit others’ messages; deletes as admin; 404 afterwards', async () => {
      const emulator = await start();
      const userMessage = emulator.actAs(ids.bob).sendMessage(ids.group, 'mine');
      const edit = await call(emulator, 'PUT', '/messages', {
        query: { message_id: userMessage.body.mid },
        body: { text: 'x' },
      });
      expect(edit.status).toBe(403);
      expect(
        (await call(emulator, 'DELETE', '/messages', { query: { message_id: userMessage.body.mid } })).body,
      ).toEqual({ success: true });
      expect(
        (await call(emulator, 'DELETE', '/messages', { query: { message_id: userMessage.body.mid } })).status,
      ).toBe(404);
      expect((await call(emulator, 'DELETE', '/messages')).status).toBe(400);
      expect(emulator.inspect.removedMessages()).toMatchObject([{ messageId: userMessage.body.mid, userId: ids.bot }]);
    });
  });

  describe('callbacks', () => {
    it('press by text or payload → message_callback; answer edits the message and is recorded', async () => {
      const emulator = await start();
      const sent = await send(emulator, ids.dialogWithAlice, {
        text: 'Vote',
        attachments: [
          keyboard(
            { type: 'callback', text: 'Yes', payload: 'vote:yes' },
            { type: 'callback', text: 'No', payload: 'vote:no' },
          ),
        ],
      });
      const mid = sent.body.message.body.mid;
      const alice = emulator.actAs(ids.alice);
      const pressed = alice.pressButton(mid, { payload: 'vote:no' });
      alice.pressButton(mid, 'Yes');
      const updates = (await call(emulator, 'GET', '/updates', { query: { timeout: 0 } })).body.updates;
      expect(updates.map((u: any) => u.callback.payload)).toEqual(['vote:no', 'vote:yes']);
      expect(updates[0]).toMatchObject({
        update_type: 'message_callback',
        callback: {
          callback_id: pressed.kind === 'callback' ? pressed.callbackId : '',
          user: { user_id: ids.alice },
          timestamp: expect.any(Number),
        },
        message: { body: { mid } },
        user_locale: 'en-US',
      });
      const answer = await call(emulator, 'POST', '/answers', {
        query: { callback_id: updates[0].callback.callback_id },
        body: { message: { text: 'You voted no', attachments: [] }, notification: 'Counted' },
      });
      expect(answer.body).toEqual({ success: true });
      expect((await call(emulator, 'GET', `/messages/${mid}`)).body.body).toMatchObject({
        text: 'You voted no',
        attachments: null,
      });
      expect(emulator.inspect.callbackAnswers()).toEqual([
        {
          callbackId: updates[0].callback.callback_id,
          userId: ids.alice,
          chatId: ids.dialogWithAlice,
          messageId: mid,
          answer: { message: { text: 'You voted no', attachments: [] }, notification: 'Counted' },
          at: expect.any(Number),
        },
      ]);
    });

    it('buttons of a chat the bot has left reach nobody', async () => {
      const emulator = await start();
      const sent = await send(emulator, ids.group, {
        text: 'Q',
        attachments: [keyboard({ type: 'callback', text: 'A', payload: 'a' })],
      });
      await call(emulator, 'DELETE', `/chats/${ids.group}/members/me`);
      expect(() => emulator.actAs(ids.bob).pressButton(sent.body.message.body.mid, 'A')).toThrow(/no longer in chat/);
      expect(emulator.updates.pending()).toEqual([]);
    });

    it('rejects answers without content and unknown callback ids', async () => {
      const emulator = await start();
      expect((await call(emulator, 'POST', '/answers', { query: { callback_id: 'cb.1' }, body: {} })).status).toBe(400);
      const unknown = await call(emulator, 'POST', '/answers', {
        query: { callback_id: 'cb.404' },
        body: { notification: 'x' },
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('callback.not.found');
      expect((await call(emulator, 'POST', '/answers', { body: { notification: 'x' } })).status).toBe(400);
    });

    it('other buttons: chat (created once), contact, location; link buttons throw', async () => {
      const emulator = await start();
      const sent = await send(emulator, ids.group, {
        text: 'Buttons',
        attachments: [
          keyboard(
            { type: 'chat', text: 'Room', chat_title: 'Topic room', start_payload: 'topic' },
            { type: 'request_contact', text: 'Phone' },
            { type: 'request_geo_location', text: 'Where' },
            { type: 'link', text: 'Site', url: 'https://example.com' },
          ),
        ],
      });
      const mid = sent.body.message.body.mid;
      const bob = emulator.actAs(ids.bob);
      const first = bob.pressButton(mid, 'Room');
      const again = emulator.actAs(ids.carol).pressButton(mid, 'Room');
      expect(first).toMatchObject({ kind: 'chat', created: true, chat: { title: 'Topic room', chat_message_id: mid } });
      expect(again).toMatchObject({ kind: 'chat', created: false });
      expect(bob.pressButton(mid, 'Phone')).toMatchObject({
        kind: 'message',
        message: { body: { attachments: [{ type: 'contact', payload: { tam_info: { user_id: ids.bob } } }] } },
      });
      expect(bob.pressButton(mid, 'Where', { location: { latitude: 1, longitude: 2 } })).toMatchObject({
        kind: 'message',
        message: { body: { attachments: [{ type: 'location', latitude: 1, longitude: 2 }] } },
      });
      expect(() => bob.pressButton(mid, 'Site')).toThrow(/link button/);
      expect(() => bob.pressButton(mid, 'Nope')).toThrow(/No button "Nope".*"Room"/);
      const types = (await call(emulator, 'GET', '/updates', { query: { timeout: 0 } })).body.updates.map(
        (u: any) => u.update_type,
      );
      expect(types).toEqual(['message_chat_created', 'message_created', 'message_created']);
    });
  });

  describe('chats, members, pins and actions', () => {
    it('getChats pages with marker', async () => {
      const emulator = await start();
      const first = await call(emulator, 'GET', '/chats', { query: { count: 2 } });
      expect(first.body.chats).toHaveLength(2);
      const second = await call(emulator, 'GET', '/chats', { query: { count: 2, marker: first.body.marker } });
      expect(second.body).toMatchObject({ chats: [expect.anything()], marker: null });
    });

    it('getChat shows participants and owner to admins; getChatByLink finds chats and users', async () => {
      const emulator = await start();
      const chat = (await call(emulator, 'GET', `/chats/${ids.group}`)).body;
      expect(chat).toMatchObject({
        owner_id: ids.alice,
        participants_count: 4,
        link: 'https://tt.me/emulator_lounge',
        pinned_message: null,
      });
      expect(Object.keys(chat.participants)).toHaveLength(4);
      expect((await call(emulator, 'GET', '/chats/@emulator_news')).body.chat_id).toBe(ids.channel);
      expect((await call(emulator, 'GET', '/chats/@nobody')).status).toBe(404);
    });

    it('editChat needs admin rights and refuses dialogs', async () => {
      const emulator = await start();
      const room = emulator.chats.create({ type: 'chat', title: 'R', ownerId: ids.alice, bot: { admin: false } });
      expect((await call(emulator, 'PATCH', `/chats/${room.chat_id}`, { body: { title: 'X' } })).status).toBe(403);
      expect((await call(emulator, 'PATCH', `/chats/${ids.dialogWithAlice}`, { body: { title: 'X' } })).status).toBe(
        400,
      );
      expect((await call(emulator, 'PATCH', `/chats/${ids.group}`, { body: { title: '' } })).status).toBe(400);
      const icon = await call(emulator, 'PATCH', `/chats/${ids.group}`, {
        body: { icon: { url: 'https://example.com/i.png' } },
      });
      expect(icon.body.icon).toEqual({ url: 'https://example.com/i.png' });
    });

    it('members: pages, user_ids filter, add, remove (not the owner), admins, leave', async () => {
      const emulator = await start();
      const page = await call(emulator, 'GET', `/chats/${ids.group}/members`, { query: { count: 3 } });
      expect(page.body.members).toHaveLength(3);
      expect(page.body.marker).toBe(3);
      const filtered = await call(emulator, 'GET', `/chats/${ids.group}/members`, {
        query: { user_ids: `${ids.bob},${ids.carol}` },
      });
      expect(filtered.body.members.map((m: any) => m.user_id).sort()).toEqual([ids.bob, ids.carol].sort());
      const admins = await call(emulator, 'GET', `/chats/${ids.group}/members/admins`);
      expect(admins.body.members.map((m: any) => m.user_id).sort()).toEqual([ids.bot, ids.alice].sort());
      expect((await call(emulator, 'POST', `/chats/${ids.group}/members`, { body: { user_ids: [999] } })).status).toBe(
        404,
      );
      expect((await call(emulator, 'POST', `/chats/${ids.group}/members`, { body: { user_ids: [] } })).status).toBe(
        400,
      );
      expect(
        (await call(emulator, 'DELETE', `/chats/${ids.group}/members`, { query: { user_id: ids.alice } })).status,
      ).toBe(403);
      expect(
        (await call(emulator, 'DELETE', `/chats/${ids.group}/members`, { query: { user_id: ids.bob } })).body,
      ).toEqual({ success: true });
      expect(emulator.chats.members(ids.group).map((m) => m.user_id)).not.toContain(ids.bob);
      expect((await call(emulator, 'DELETE', `/chats/${ids.dialogWithAlice}/members/me`)).status).toBe(400);
      expect((await call(emulator, 'DELETE', `/chats/${ids.group}/members/me`)).body).toEqual({ success: true });
      expect((await call(emulator, 'GET', `/chats/${ids.group}`)).body.status).toBe('left');
      expect((await call(emulator, 'GET', `/chats/${ids.group}/members/me`)).status).toBe(403);
    });

    it('pins and actions are recorded for inspection', async () => {
      const emulator = await start();
      const sent = await send(emulator, ids.group, { text: 'pin me' });
      const mid = sent.body.message.body.mid;
      await call(emulator, 'PUT', `/chats/${ids.group}/pin`, { body: { message_id: mid, notify: false } });
      await call(emulator, 'DELETE', `/chats/${ids.group}/pin`);
      expect((await call(emulator, 'PUT', `/chats/${ids.group}/pin`, { body: { message_id: 'mid.x' } })).status).toBe(
        404,
      );
      expect(emulator.inspect.pins(ids.group)).toEqual([
        { chatId: ids.group, messageId: mid, notify: false, at: expect.any(Number) },
        { chatId: ids.group, messageId: null, notify: false, at: expect.any(Number) },
      ]);
      await call(emulator, 'POST', `/chats/${ids.group}/actions`, { body: { action: 'sending_photo' } });
      expect(
        (await call(emulator, 'POST', `/chats/${ids.group}/actions`, { body: { action: 'dancing' } })).status,
      ).toBe(400);
      expect(emulator.inspect.actions().map((a) => a.action)).toEqual(['sending_photo']);
    });

    it('editMyInfo validates its fields', async () => {
      const emulator = await start();
      expect((await call(emulator, 'PATCH', '/me', { body: { name: '' } })).status).toBe(400);
      expect(
        (
          await call(emulator, 'PATCH', '/me', {
            body: { commands: Array.from({ length: 33 }, (_, i) => ({ name: `c${i}` })) },
          })
        ).status,
      ).toBe(400);
      expect((await call(emulator, 'PATCH', '/me', { body: { commands: [] } })).body.commands).toEqual([]);
    });
  });
});
