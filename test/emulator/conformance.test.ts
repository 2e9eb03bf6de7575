/**
 * Conformance: every operation is called through the project's own actions against the
 * emulator, and every answer (updates included) must be an instance of its schema 0.5.6 object
 * — each required field present with the right JSON type, and nothing the schema lacks —
 * checked by the Ajv schema validator (`schemaValidator('tamtam', { strict: true })`), the same
 * one the Max conformance uses.
 */
import { type Observable, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  addMembers,
  answerOnCallback,
  construct,
  deleteMessage,
  editChat,
  editMessage,
  editMyInfo,
  getAdmins,
  getChat,
  getChatByLink,
  getChats,
  getMembers,
  getMembership,
  getMessageById,
  getMessages,
  getMyInfo,
  getPinnedMessage,
  getSubscriptions,
  getUpdates,
  getUploadUrl,
  leaveChat,
  pinMessage,
  removeMember,
  sendAction,
  sendMessage,
  subscribe,
  unpinMessage,
  unsubscribe,
  upload,
} from '../../src/actions';
import { type Api, OPERATION_IDS, type OperationId, TamTamApiError, createApi } from '../../src/api';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import type { Emulator } from '../../src/emulator';
import { getMessageConstructor } from '../../src/types';
import type { AttachmentRequest, InlineKeyboardAttachmentRequest, Update, UpdateType } from '../../src/types';
import { start } from './helpers';
import { schemaValidator } from '../helpers/schema-validator';

/** Problems of `value` as an instance of the TamTam schema's `component`, strictly (no field the schema lacks); `[]` when it conforms. */
function schemaProblems(component: string, value: unknown): readonly string[] {
  const result = schemaValidator('tamtam', { strict: true }).validate(component, value);
  return result.ok ? [] : result.errors;
}

/** The 28 schema operations; `uploadFile` (the multipart POST) is covered by `upload`. */
const SCHEMA_OPERATIONS = OPERATION_IDS.filter((id) => id !== 'uploadFile');

const ALL_UPDATE_TYPES: readonly UpdateType[] = [
  'message_created',
  'message_callback',
  'message_edited',
  'message_removed',
  'bot_added',
  'bot_removed',
  'user_added',
  'user_removed',
  'bot_started',
  'chat_title_changed',
  'message_construction_request',
  'message_constructed',
  'message_chat_created',
];

const KEYBOARD: InlineKeyboardAttachmentRequest = {
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

interface RawAnswer {
  path: string;
  status: number;
  body: unknown;
}

/** A fetch that keeps every raw JSON answer, to check bodies the api does not hand out as is. */
function recordingFetch(): { fetch: typeof fetch; answers: RawAnswer[] } {
  const answers: RawAnswer[] = [];
  const recording: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    const text = await response.clone().text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    answers.push({ path: url.pathname, status: response.status, body });
    return response;
  };
  return { fetch: recording, answers };
}

/** Sets up an api against `emulator` plus an `op` runner that checks answers and records coverage. */
function harness(emulator: Emulator) {
  const recorder = recordingFetch();
  const api = createApi({ token: emulator.token, baseUrl: emulator.url, fetch: recorder.fetch });
  const covered = new Set<OperationId>();
  async function op<T>(operation: OperationId, schema: string, action: Observable<T>): Promise<T> {
    const value = await firstValueFrom(action);
    covered.add(operation);
    expect(emulator.inspect.requests().at(-1), `${operation} reached the emulator`).toMatchObject({
      operation,
      status: 200,
    });
    expect(schemaProblems(schema, value), `${operation} → ${schema}: ${JSON.stringify(value)}`).toEqual([]);
    return value;
  }
  return { api, op, covered, answers: recorder.answers };
}

async function uploadAndCheck<T extends 'image' | 'video' | 'audio' | 'file'>(
  api: Api,
  answers: RawAnswer[],
  type: T,
  filename: string,
): Promise<AttachmentRequest> {
  const attachment = await firstValueFrom(upload(api, type, Buffer.from(`content of ${filename}`), { filename }));
  const raw = answers.at(-1);
  expect(raw?.path.startsWith('/_upload/'), 'the last request was the multipart upload').toBe(true);
  expect(raw?.status).toBe(200);
  expect(schemaProblems(type === 'image' ? 'PhotoTokens' : 'UploadedInfo', raw?.body)).toEqual([]);
  expect(attachment.type).toBe(type);
  return attachment;
}

describe('conformance: every operation, called through the actions, answers schema 0.5.6 objects', () => {
  it('covers all 28 operations, every upload type and all 13 update types', async () => {
    const emulator = await start();
    const { api, op, covered, answers } = harness(emulator);

    await op('getMyInfo', 'BotInfo', getMyInfo(api));
    const edited = await op(
      'editMyInfo',
      'BotInfo',
      editMyInfo(api, {
        name: 'Renamed',
        description: 'About',
        commands: [{ name: 'go', description: 'Go!' }],
        photo: { url: 'https://example.com/a.png' },
      }),
    );
    expect(edited).toMatchObject({ name: 'Renamed', description: 'About', avatar_url: 'https://example.com/a.png' });

    const chats = await op('getChats', 'ChatList', getChats(api));
    expect(chats.chats.map((c) => c.chat_id).sort()).toEqual([ids.group, ids.channel, ids.dialogWithAlice].sort());
    await op('getChatByLink', 'Chat', getChatByLink(api, '@emulator_lounge'));
    expect((await op('getChatByLink', 'Chat', getChatByLink(api, 'alice'))).dialog_with_user?.user_id).toBe(ids.alice);
    await op('getChat', 'Chat', getChat(api, ids.group));
    await op('editChat', 'Chat', editChat(api, ids.group, { title: 'Lounge 2' }));
    await op('sendAction', 'SimpleQueryResult', sendAction(api, ids.group, 'typing_on'));

    await op('getUploadUrl', 'UploadEndpoint', getUploadUrl(api, 'file'));
    const image = await uploadAndCheck(api, answers, 'image', 'pic.png');
    const file = await uploadAndCheck(api, answers, 'file', 'notes.txt');
    const video = await uploadAndCheck(api, answers, 'video', 'v.mp4');
    const audio = await uploadAndCheck(api, answers, 'audio', 'a.mp3');

    const sent = await op(
      'sendMessage',
      'SendMessageResult',
      sendMessage(
        api,
        { user_id: ids.alice },
        { text: 'Pick **one**', format: 'markdown', attachments: [image, KEYBOARD] },
      ),
    );
    const mid = sent.message.body.mid;
    const attachmentSets: (readonly AttachmentRequest[])[] = [
      [file],
      [video],
      [audio],
      [{ type: 'sticker', payload: { code: 'smile' } }],
      [{ type: 'contact', payload: { name: 'Bob', contact_id: ids.bob, vcf_phone: '+100' } }],
      [
        { type: 'location', latitude: 1.5, longitude: 2.5 },
        { type: 'share', payload: { url: 'https://example.com' } },
      ],
    ];
    for (const attachments of attachmentSets) {
      const { message } = await op(
        'sendMessage',
        'SendMessageResult',
        sendMessage(api, { chat_id: ids.dialogWithAlice }, { text: null, attachments }),
      );
      expect(message.body.attachments?.map((a) => a.type)).toEqual(attachments.map((a) => a.type));
    }
    const reply = await op(
      'sendMessage',
      'SendMessageResult',
      sendMessage(
        api,
        { chat_id: ids.dialogWithAlice },
        { text: '<b>reply</b>', format: 'html', link: { type: 'reply', mid } },
      ),
    );
    expect(reply.message.link?.message.mid).toBe(mid);
    const forward = await op(
      'sendMessage',
      'SendMessageResult',
      sendMessage(api, { chat_id: ids.group }, { link: { type: 'forward', mid } }),
    );
    expect(forward.message.link).toMatchObject({ type: 'forward', chat_id: ids.dialogWithAlice });

    await op(
      'pinMessage',
      'SimpleQueryResult',
      pinMessage(api, ids.dialogWithAlice, { message_id: mid, notify: false }),
    );
    const pinned = await op('getPinnedMessage', 'GetPinnedMessageResult', getPinnedMessage(api, ids.dialogWithAlice));
    expect(pinned.message?.body.mid).toBe(mid);
    await op('getChat', 'Chat', getChat(api, ids.dialogWithAlice));
    await op('unpinMessage', 'SimpleQueryResult', unpinMessage(api, ids.dialogWithAlice));
    expect(
      (await op('getPinnedMessage', 'GetPinnedMessageResult', getPinnedMessage(api, ids.dialogWithAlice))).message ??
        null,
    ).toBeNull();

    await op('getMembership', 'ChatMember', getMembership(api, ids.group));
    await op('getAdmins', 'ChatMembersList', getAdmins(api, ids.group));
    await op('getMembers', 'ChatMembersList', getMembers(api, ids.group, { count: 2 }));
    await op('getMembers', 'ChatMembersList', getMembers(api, ids.group, { user_ids: [ids.bob] }));
    const dave = emulator.users.create({ name: 'Dave' });
    await op('addMembers', 'SimpleQueryResult', addMembers(api, ids.group, [dave.user_id]));
    await op('removeMember', 'SimpleQueryResult', removeMember(api, ids.group, dave.user_id, { block: false }));

    const hook = 'http://127.0.0.1:9/hook';
    await op('subscribe', 'SimpleQueryResult', subscribe(api, { url: hook, update_types: ['bot_started'] }));
    expect(
      (await op('getSubscriptions', 'GetSubscriptionsResult', getSubscriptions(api))).subscriptions.map((s) => s.url),
    ).toEqual([hook]);
    await op('unsubscribe', 'SimpleQueryResult', unsubscribe(api, hook));

    await op('getMessages', 'MessageList', getMessages(api, { chat_id: ids.dialogWithAlice, count: 50 }));
    expect(
      (await op('getMessages', 'MessageList', getMessages(api, { message_ids: [mid] }))).messages.map(
        (m) => m.body.mid,
      ),
    ).toEqual([mid]);
    await op('getMessageById', 'Message', getMessageById(api, mid));
    await op(
      'editMessage',
      'SimpleQueryResult',
      editMessage(api, mid, { text: 'Pick _one_ (edited)', format: 'markdown' }),
    );

    // The 13 update types, produced by emulated users and read by the bot through getUpdates.
    const alice = emulator.actAs(ids.alice);
    const bob = emulator.actAs(ids.bob);
    const room = emulator.chats.create({
      type: 'chat',
      title: 'Side room',
      ownerId: ids.alice,
      memberIds: [ids.bob],
      bot: { member: false },
    });
    bob.startBot('ref');
    const userMessage = alice.sendToBot({ text: 'hi *there*', format: 'markdown', replyTo: mid });
    alice.editMessage(userMessage.body.mid, 'hi!');
    alice.deleteMessage(userMessage.body.mid);
    alice.pressButton(mid, 'Yes');
    const discussion = alice.pressButton(mid, 'Discuss');
    alice.pressButton(mid, 'Phone');
    alice.pressButton(mid, 'Where');
    alice.sendToBot({ text: null, attachments: [{ type: 'file', filename: 'cv.pdf', content: 'pdf' }] });
    alice.sendToBot({
      attachments: [
        { type: 'image', filename: 'me.png', content: 'png' },
        { type: 'video', filename: 'me.mp4' },
      ],
    });
    alice.sendMessage(ids.group, { forward: mid });
    alice.addBot(room.chat_id);
    alice.addUser(room.chat_id, ids.carol);
    alice.removeUser(room.chat_id, ids.carol);
    alice.renameChat(room.chat_id, 'Side room 2');
    alice.removeBot(room.chat_id);
    alice.openConstructor();

    const first = await op('getUpdates', 'UpdateList', getUpdates(api, { timeout: 0, limit: 1000 }));
    const callback = first.updates.find((u) => u.update_type === 'message_callback');
    const request = first.updates.find((u) => u.update_type === 'message_construction_request');
    if (callback?.update_type !== 'message_callback' || request?.update_type !== 'message_construction_request') {
      throw new Error(
        `expected a callback and a construction request, got ${first.updates.map((u) => u.update_type).join(', ')}`,
      );
    }
    await op(
      'answerOnCallback',
      'SimpleQueryResult',
      answerOnCallback(api, callback.callback.callback_id, {
        message: { text: 'Thanks', attachments: null, link: null },
        notification: 'Saved',
      }),
    );
    await op(
      'construct',
      'SimpleQueryResult',
      construct(api, request.session_id, {
        messages: [{ text: 'Built **here**', format: 'markdown' }],
        allow_user_input: true,
        hint: 'Type',
        data: 'state-1',
        keyboard: { buttons: [[{ type: 'callback', text: 'More', payload: 'more' }]] },
      }),
    );
    alice.postConstructed(request.session_id);
    const second = await op('getUpdates', 'UpdateList', getUpdates(api, { timeout: 0, marker: first.marker }));
    const history = await op(
      'getMessages',
      'MessageList',
      getMessages(api, { chat_id: ids.dialogWithAlice, count: 100 }),
    );
    expect(
      history.messages.some((m) => getMessageConstructor(m)?.user_id === ids.bot),
      'a constructed message names the bot',
    ).toBe(true);
    if (discussion.kind !== 'chat') throw new Error('expected the chat button to create a chat');
    expect((await op('getChat', 'Chat', getChat(api, discussion.chat.chat_id))).chat_message_id).toBe(mid);
    await op('getChat', 'Chat', getChat(api, ids.channel));
    const post = await op(
      'sendMessage',
      'SendMessageResult',
      sendMessage(api, { chat_id: ids.channel }, { text: 'News', notify: false }),
    );
    const posts = await op('getMessages', 'MessageList', getMessages(api, { chat_id: ids.channel }));
    expect(posts.messages.map((m) => m.body.mid)).toEqual([post.message.body.mid]);
    await op('getChats', 'ChatList', getChats(api, { count: 1 }));

    const updates: Update[] = [...first.updates, ...second.updates];
    expect([...new Set(updates.map((u) => u.update_type))].sort()).toEqual([...ALL_UPDATE_TYPES].sort());
    for (const update of updates) {
      expect(schemaProblems('Update', update), `${update.update_type}: ${JSON.stringify(update)}`).toEqual([]);
    }

    await op('deleteMessage', 'SimpleQueryResult', deleteMessage(api, mid));
    await op('leaveChat', 'SimpleQueryResult', leaveChat(api, ids.channel));

    expect(SCHEMA_OPERATIONS).toHaveLength(28);
    expect([...covered].sort()).toEqual([...SCHEMA_OPERATIONS].sort());
    const seenByEmulator = new Set(emulator.inspect.requests().map((r) => r.operation));
    expect(SCHEMA_OPERATIONS.filter((id) => !seenByEmulator.has(id))).toEqual([]);
  });

  it('error answers are { code, message } objects, surfaced as TamTamApiError with that code', async () => {
    const emulator = await start();
    const recorder = recordingFetch();
    const api = createApi({ token: emulator.token, baseUrl: emulator.url, fetch: recorder.fetch });
    const wrongToken = createApi({ token: 'wrong', baseUrl: emulator.url, fetch: recorder.fetch });
    const failures: [Observable<unknown>, number, string][] = [
      [getChat(api, 123_456), 404, 'chat.not.found'],
      [getMessageById(api, 'mid.nope'), 404, 'message.not.found'],
      [answerOnCallback(api, 'nope', { notification: 'x' }), 404, 'callback.not.found'],
      [getMyInfo(wrongToken), 401, 'verify.token'],
    ];
    for (const [action, status, code] of failures) {
      const error = await firstValueFrom(action).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TamTamApiError);
      expect(error).toMatchObject({ status, code });
    }
    expect(recorder.answers.map((a) => a.status)).toEqual(failures.map(([, status]) => status));
    for (const answer of recorder.answers) expect(schemaProblems('Error', answer.body)).toEqual([]);
  });
});
