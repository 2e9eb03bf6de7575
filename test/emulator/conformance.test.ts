import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import type { Emulator } from '../../src/emulator';
import { call } from './helpers';
import type { CallResult } from './helpers';
import { start } from './helpers';
import { checkSchema } from './schema-checks';
import type { SchemaName } from './schema-checks';

function conforms(name: SchemaName, res: CallResult): any {
  expect(res.status, res.text).toBe(200);
  expect(checkSchema(name, res.body, { strict: true }), `${name}: ${res.text}`).toEqual([]);
  return res.body;
}

const KEYBOARD = {
  type: 'inline_keyboard',
  payload: {
    buttons: [
      [
        { type: 'callback', text: 'Yes', payload: 'yes', intent: 'positive' },
        { type: 'link', text: 'Docs', url: 'https://dev.tamtam.chat' },
      ],
      [
        { type: 'request_contact', text: 'Phone' },
        { type: 'request_geo_location', text: 'Where', quick: true },
        { type: 'chat', text: 'Discuss', chat_title: 'Discussion', start_payload: 'topic-1' },
      ],
    ],
  },
};

async function upload(emulator: Emulator, type: string, name: string): Promise<any> {
  const endpoint = conforms('UploadEndpoint', await call(emulator, 'POST', '/uploads', { query: { type } }));
  const form = new FormData();
  form.set('data', new Blob([`content of ${name}`]), name);
  const res = await fetch(endpoint.url, { method: 'POST', body: form });
  return { status: res.status, body: await res.json() };
}

describe('conformance: every operation answers objects matching schema 0.5.6', () => {
  it('covers all 28 operations and all 13 update types', async () => {
    const emulator = await start();
    const operations = new Set<string>();
    const op = async (name: string, schema: SchemaName, res: Promise<CallResult>): Promise<any> => {
      operations.add(name);
      return conforms(schema, await res);
    };

    await op('getMyInfo', 'BotInfo', call(emulator, 'GET', '/me'));
    const edited = await op('editMyInfo', 'BotInfo', call(emulator, 'PATCH', '/me', {
      body: { name: 'Renamed', description: 'About', commands: [{ name: 'go', description: 'Go!' }], photo: { url: 'https://example.com/a.png' } },
    }));
    expect(edited).toMatchObject({ name: 'Renamed', description: 'About', avatar_url: 'https://example.com/a.png' });

    const chats = await op('getChats', 'ChatList', call(emulator, 'GET', '/chats'));
    expect(chats.chats.map((c: { chat_id: number }) => c.chat_id).sort()).toEqual([ids.group, ids.channel, ids.dialogWithAlice].sort());
    await op('getChatByLink', 'Chat', call(emulator, 'GET', '/chats/@emulator_lounge'));
    expect((await call(emulator, 'GET', '/chats/alice')).body.dialog_with_user.user_id).toBe(ids.alice);
    await op('getChat', 'Chat', call(emulator, 'GET', `/chats/${ids.group}`));
    await op('editChat', 'Chat', call(emulator, 'PATCH', `/chats/${ids.group}`, { body: { title: 'Lounge 2' } }));
    await op('sendAction', 'SimpleQueryResult', call(emulator, 'POST', `/chats/${ids.group}/actions`, { body: { action: 'typing_on' } }));

    const file = await upload(emulator, 'file', 'notes.txt');
    expect(checkSchema('UploadedInfo', file.body, { strict: true })).toEqual([]);
    const image = await upload(emulator, 'image', 'pic.png');
    expect(checkSchema('PhotoTokens', image.body, { strict: true })).toEqual([]);
    operations.add('getUploadUrl');

    const sent = await op('sendMessage', 'SendMessageResult', call(emulator, 'POST', '/messages', {
      query: { chat_id: ids.dialogWithAlice },
      body: { text: 'Pick **one**', format: 'markdown', attachments: [{ type: 'image', payload: image.body }, KEYBOARD] },
    }));
    const mid: string = sent.message.body.mid;
    for (const attachments of [
      [{ type: 'file', payload: file.body }],
      [{ type: 'sticker', payload: { code: 'smile' } }],
      [{ type: 'contact', payload: { name: 'Bob', contact_id: ids.bob, vcf_phone: '+100' } }],
      [{ type: 'location', latitude: 1.5, longitude: 2.5 }, { type: 'share', payload: { url: 'https://example.com' } }],
      [{ type: 'video', payload: (await upload(emulator, 'video', 'v.mp4')).body }],
      [{ type: 'audio', payload: (await upload(emulator, 'audio', 'a.mp3')).body }],
    ]) {
      conforms('SendMessageResult', await call(emulator, 'POST', '/messages', { query: { user_id: ids.alice }, body: { text: null, attachments } }));
    }
    const reply = conforms('SendMessageResult', await call(emulator, 'POST', '/messages', {
      query: { chat_id: ids.dialogWithAlice },
      body: { text: 'reply', link: { type: 'reply', mid } },
    }));
    expect(reply.message.link.message.mid).toBe(mid);

    await op('pinMessage', 'SimpleQueryResult', call(emulator, 'PUT', `/chats/${ids.dialogWithAlice}/pin`, { body: { message_id: mid } }));
    const pinned = await op('getPinnedMessage', 'GetPinnedMessageResult', call(emulator, 'GET', `/chats/${ids.dialogWithAlice}/pin`));
    expect(pinned.message.body.mid).toBe(mid);
    conforms('Chat', await call(emulator, 'GET', `/chats/${ids.dialogWithAlice}`));
    await op('unpinMessage', 'SimpleQueryResult', call(emulator, 'DELETE', `/chats/${ids.dialogWithAlice}/pin`));

    await op('getMembership', 'ChatMember', call(emulator, 'GET', `/chats/${ids.group}/members/me`));
    await op('getAdmins', 'ChatMembersList', call(emulator, 'GET', `/chats/${ids.group}/members/admins`));
    await op('getMembers', 'ChatMembersList', call(emulator, 'GET', `/chats/${ids.group}/members`, { query: { count: 2 } }));
    const dave = emulator.users.create({ name: 'Dave' });
    await op('addMembers', 'SimpleQueryResult', call(emulator, 'POST', `/chats/${ids.group}/members`, { body: { user_ids: [dave.user_id] } }));
    await op('removeMember', 'SimpleQueryResult', call(emulator, 'DELETE', `/chats/${ids.group}/members`, { query: { user_id: dave.user_id } }));

    await op('subscribe', 'SimpleQueryResult', call(emulator, 'POST', '/subscriptions', { body: { url: 'http://127.0.0.1:9/hook', update_types: ['bot_started'] } }));
    await op('getSubscriptions', 'GetSubscriptionsResult', call(emulator, 'GET', '/subscriptions'));
    await op('unsubscribe', 'SimpleQueryResult', call(emulator, 'DELETE', '/subscriptions', { query: { url: 'http://127.0.0.1:9/hook' } }));

    await op('getMessages', 'MessageList', call(emulator, 'GET', '/messages', { query: { chat_id: ids.dialogWithAlice } }));
    conforms('MessageList', await call(emulator, 'GET', '/messages', { query: { message_ids: mid } }));
    await op('getMessageById', 'Message', call(emulator, 'GET', `/messages/${mid}`));
    await op('editMessage', 'SimpleQueryResult', call(emulator, 'PUT', '/messages', { query: { message_id: mid }, body: { text: 'Pick one (edited)' } }));

    // The 13 update types, produced by users.
    const alice = emulator.actAs(ids.alice);
    const bob = emulator.actAs(ids.bob);
    const room = emulator.chats.create({ type: 'chat', title: 'Side room', ownerId: ids.alice, memberIds: [ids.bob], bot: { member: false } });
    bob.startBot('ref');
    const userMessage = alice.sendToBot('hi');
    alice.editMessage(userMessage.body.mid, 'hi!');
    alice.deleteMessage(userMessage.body.mid);
    const press = alice.pressButton(mid, 'Yes');
    alice.pressButton(mid, 'Discuss');
    alice.addBot(room.chat_id);
    alice.addUser(room.chat_id, ids.carol);
    alice.removeUser(room.chat_id, ids.carol);
    alice.renameChat(room.chat_id, 'Side room 2');
    alice.removeBot(room.chat_id);
    const session = alice.openConstructor();

    if (press.kind !== 'callback') throw new Error('expected a callback');
    await op('answerOnCallback', 'SimpleQueryResult', call(emulator, 'POST', '/answers', {
      query: { callback_id: press.callbackId },
      body: { message: { text: 'Thanks', attachments: null, link: null }, notification: 'Saved' },
    }));
    await op('construct', 'SimpleQueryResult', call(emulator, 'POST', '/answers/constructor', {
      query: { session_id: session },
      body: { messages: [{ text: 'Built' }], allow_user_input: true, hint: 'Type', data: 'state-1', keyboard: { buttons: [[{ type: 'callback', text: 'More', payload: 'more' }]] } },
    }));
    alice.postConstructed(session);

    const updates = await op('getUpdates', 'UpdateList', call(emulator, 'GET', '/updates', { query: { timeout: 0, limit: 1000 } }));
    const types = new Set(updates.updates.map((u: { update_type: string }) => u.update_type));
    expect([...types].sort()).toEqual(
      [
        'bot_added', 'bot_removed', 'bot_started', 'chat_title_changed', 'message_callback', 'message_chat_created',
        'message_constructed', 'message_construction_request', 'message_created', 'message_edited', 'message_removed',
        'user_added', 'user_removed',
      ].sort(),
    );
    for (const update of updates.updates) expect(checkSchema('Update', update, { strict: true })).toEqual([]);

    await op('deleteMessage', 'SimpleQueryResult', call(emulator, 'DELETE', '/messages', { query: { message_id: mid } }));
    await op('leaveChat', 'SimpleQueryResult', call(emulator, 'DELETE', `/chats/${ids.channel}/members/me`));
    expect(operations.size).toBe(28);
  });

  it('error answers are { code, message } objects', async () => {
    const emulator = await start();
    for (const res of [
      await call(emulator, 'GET', '/chats/123456'),
      await call(emulator, 'GET', '/messages/mid.nope'),
      await call(emulator, 'POST', '/answers', { query: { callback_id: 'nope' }, body: { notification: 'x' } }),
      await call(emulator, 'GET', '/me', { token: 'bad' }),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(checkSchema('Error', res.body, { strict: true })).toEqual([]);
    }
  });
});
