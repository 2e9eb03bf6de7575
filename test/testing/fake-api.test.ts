import { NEVER, type Observable, concatMap, firstValueFrom, lastValueFrom, of, take, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import * as actions from '../../src/actions/index';
import { TamTamApiError, TamTamNetworkError, TamTamTimeoutError, type OperationId } from '../../src/api/index';
import { inlineKeyboard, callbackButton } from '../../src/builders/index';
import { createApi } from '../../src/api/index';
import { startEmulator } from '../../src/emulator/index';
import { fromLongPolling } from '../../src/sources/index';
import {
  TEST_BOT_INFO,
  TEST_CHATS,
  TEST_USERS,
  apiError,
  botMessage,
  createFakeApi,
  networkError,
  pressButton,
  testDialogId,
  textMessage,
  timeoutError,
} from '../../src/testing/index';
import { schemaValidator } from '../helpers/schema-validator';
import { marbles } from '../helpers/marbles';

/** Problems of `value` as an instance of the TamTam schema's `component`, strictly (no field the schema lacks); `[]` when it conforms. */
function schemaProblems(component: string, value: unknown): readonly string[] {
  const result = schemaValidator('tamtam', { strict: true }).validate(component, value);
  return result.ok ? [] : result.errors;
}

const group = TEST_CHATS.group.chat_id ?? 0;

describe('createFakeApi: recording', () => {
  it('records operation, method, path, query and body when subscribed, not before', () => {
    const api = createFakeApi();
    const send$ = actions.sendMessage(api, { chat_id: group }, { text: 'hi' });
    expect(api.requests()).toEqual([]);
    send$.subscribe();
    expect(api.requests()).toMatchObject([
      {
        index: 0,
        operation: 'sendMessage',
        method: 'POST',
        path: '/messages',
        query: { chat_id: group },
        body: { text: 'hi' },
        outcome: 'succeeded',
      },
    ]);
    actions.getChat(api, group, { timeout: 1234 }).subscribe();
    const [getChat] = api.requests('getChat');
    expect(getChat).toMatchObject({
      index: 1,
      method: 'GET',
      path: `/chats/${group}`,
      query: {},
      body: undefined,
      options: { timeout: 1234 },
    });
    api.clearRequests();
    expect(api.requests()).toEqual([]);
  });

  it("records a request's own HTTP timeout (a long poll's), undefined for the api's default", () => {
    const api = createFakeApi({ responses: { getUpdates: NEVER } });
    actions.sendMessage(api, { chat_id: group }, { text: 'hi' }).subscribe();
    actions.getUpdates(api, { timeout: 30 }).subscribe().unsubscribe();
    expect(api.requests('sendMessage')[0]?.timeout).toBeUndefined();
    expect(api.requests('getUpdates')[0]?.timeout).toBeGreaterThan(30_000);
  });

  it('marks a request cancelled when unsubscribed before its answer', () => {
    const api = createFakeApi({ responses: { getMyInfo: NEVER } });
    actions.getMyInfo(api).subscribe().unsubscribe();
    expect(api.requests('getMyInfo')[0]?.outcome).toBe('cancelled');
  });

  it('rejects unknown operations in options, scripts and lookups', () => {
    expect(() => createFakeApi({ responses: { sendMesage: {} } as never })).toThrow(
      /unknown operation "sendMesage"; use an operationId such as 'sendMessage'/,
    );
    expect(() => createFakeApi().respond('nope' as OperationId, {} as never)).toThrow(
      /FakeApi.respond: unknown operation "nope"/,
    );
    expect(() => createFakeApi({ delay: -1 })).toThrow(/delay must be a number of ms ≥ 0/);
  });
});

describe('createFakeApi: default answers', () => {
  const calls: [
    OperationId,
    string | null,
    (api: ReturnType<typeof createFakeApi>) => import('rxjs').Observable<unknown>,
  ][] = [
    ['getMyInfo', 'BotInfo', (api) => actions.getMyInfo(api)],
    ['editMyInfo', 'BotInfo', (api) => actions.editMyInfo(api, { name: 'Renamed' })],
    ['getChats', 'ChatList', (api) => actions.getChats(api)],
    ['getChatByLink', 'Chat', (api) => actions.getChatByLink(api, 'emulator_lounge')],
    ['getChat', 'Chat', (api) => actions.getChat(api, group)],
    ['editChat', 'Chat', (api) => actions.editChat(api, group, { title: 'New title' })],
    ['sendAction', 'SimpleQueryResult', (api) => actions.sendAction(api, group, 'typing_on')],
    ['getPinnedMessage', 'GetPinnedMessageResult', (api) => actions.getPinnedMessage(api, group)],
    [
      'pinMessage',
      'SimpleQueryResult',
      (api) => sendThen(api, (mid) => actions.pinMessage(api, group, { message_id: mid })),
    ],
    ['unpinMessage', 'SimpleQueryResult', (api) => actions.unpinMessage(api, group)],
    ['getMembership', 'ChatMember', (api) => actions.getMembership(api, group)],
    ['leaveChat', 'SimpleQueryResult', (api) => actions.leaveChat(api, group)],
    ['getAdmins', 'ChatMembersList', (api) => actions.getAdmins(api, group)],
    ['getMembers', 'ChatMembersList', (api) => actions.getMembers(api, group)],
    ['addMembers', 'SimpleQueryResult', (api) => actions.addMembers(api, group, [1])],
    ['removeMember', 'SimpleQueryResult', (api) => actions.removeMember(api, group, TEST_USERS.carol.user_id)],
    ['getSubscriptions', 'GetSubscriptionsResult', (api) => actions.getSubscriptions(api)],
    ['subscribe', 'SimpleQueryResult', (api) => actions.subscribe(api, { url: 'https://example.com/hook' })],
    ['unsubscribe', 'SimpleQueryResult', (api) => actions.unsubscribe(api, 'https://example.com/hook')],
    ['getUploadUrl', 'UploadEndpoint', (api) => actions.getUploadUrl(api, 'image')],
    ['getMessages', 'MessageList', (api) => actions.getMessages(api, { chat_id: group })],
    ['sendMessage', 'SendMessageResult', (api) => actions.sendMessage(api, { chat_id: group }, { text: 'hi' })],
    ['deleteMessage', 'SimpleQueryResult', (api) => sendThen(api, (mid) => actions.deleteMessage(api, mid))],
    ['answerOnCallback', 'SimpleQueryResult', (api) => actions.answerOnCallback(api, 'cb.1', { notification: 'ok' })],
    ['construct', 'SimpleQueryResult', (api) => actions.construct(api, 'cs.1', { messages: [{ text: 'draft' }] })],
    ['getUpdates', 'UpdateList', (api) => actions.getUpdates(api, { timeout: 0 })],
    ['uploadFile', null, (api) => actions.upload(api, 'file', new Uint8Array([1, 2, 3]))],
  ];

  it.each(calls)('%s answers a schema-conforming %s', async (operation, schema, run) => {
    const api = createFakeApi();
    const value = await lastValueFrom(run(api));
    if (schema !== null) expect(schemaProblems(schema, value)).toEqual([]);
    expect(api.requests().some((r) => r.operation === operation && r.outcome === 'succeeded')).toBe(true);
  });

  it('answers getMyInfo with the test bot, editMyInfo with the patch applied', async () => {
    const api = createFakeApi();
    expect(await firstValueFrom(actions.getMyInfo(api))).toEqual(TEST_BOT_INFO);
    expect(await firstValueFrom(actions.editMyInfo(api, { name: 'Weather' }))).toMatchObject({
      name: 'Weather',
      user_id: TEST_BOT_INFO.user_id,
    });
  });

  it('sendMessage creates a message from the body; edits, lookups and deletes see it', async () => {
    const api = createFakeApi();
    const keyboard = inlineKeyboard([[callbackButton('Yes', 'y')]]);
    const { message } = await firstValueFrom(
      actions.sendMessage(api, { user_id: TEST_USERS.bob.user_id }, { text: 'Go?', attachments: [keyboard] }),
    );
    expect(message).toMatchObject({
      sender: { user_id: TEST_USERS.bot.user_id, is_bot: true },
      recipient: {
        chat_id: testDialogId(TEST_USERS.bob.user_id),
        chat_type: 'dialog',
        user_id: TEST_USERS.bob.user_id,
      },
      body: { text: 'Go?', attachments: [{ type: 'inline_keyboard', payload: keyboard.payload }] },
    });
    expect(schemaProblems('Message', message)).toEqual([]);
    expect(api.lastSent()).toMatchObject({
      chatId: testDialogId(TEST_USERS.bob.user_id),
      userId: TEST_USERS.bob.user_id,
      text: 'Go?',
      message,
    });

    await lastValueFrom(actions.editMessage(api, message.body.mid, { text: 'Gone' }));
    expect(api.message(message.body.mid)?.body).toMatchObject({
      text: 'Gone',
      attachments: [{ type: 'inline_keyboard' }],
    });
    expect(await firstValueFrom(actions.getMessageById(api, message.body.mid))).toMatchObject({
      body: { text: 'Gone' },
    });
    expect((await firstValueFrom(actions.getMessages(api, { message_ids: [message.body.mid] }))).messages).toHaveLength(
      1,
    );
    expect(api.lastSent().message.body.text).toBe('Go?'); // as sent

    await lastValueFrom(actions.deleteMessage(api, message.body.mid));
    expect(api.message(message.body.mid)).toBeUndefined();
    await expect(firstValueFrom(actions.getMessageById(api, message.body.mid))).rejects.toMatchObject({
      name: 'TamTamApiError',
      status: 404,
      code: 'message.not.found',
    });
    await expect(firstValueFrom(actions.editMessage(api, 'mid.never', { text: 'x' }))).rejects.toThrow(
      /404 message.not.found: Message mid.never is not found/,
    );
  });

  it('embeds a forwarded message it knows', async () => {
    const api = createFakeApi();
    const { message: original } = await firstValueFrom(
      actions.sendMessage(api, { chat_id: group }, { text: 'original' }),
    );
    const { message } = await firstValueFrom(
      actions.sendMessage(
        api,
        { chat_id: TEST_CHATS.channel.chat_id ?? 0 },
        { link: { type: 'forward', mid: original.body.mid } },
      ),
    );
    expect(message.link).toEqual({ type: 'forward', sender: original.sender, chat_id: group, message: original.body });
    expect(message.recipient.chat_type).toBe('channel');
  });

  it('upload() gets the emulator’s tokens (photos for images, a token for videos) that the fake then accepts', async () => {
    const api = createFakeApi();
    const image = await firstValueFrom(actions.upload(api, 'image', new Uint8Array([1])));
    const video = await firstValueFrom(actions.upload(api, 'video', new Uint8Array([1])));
    expect(image).toEqual({ type: 'image', payload: api.requests('uploadFile')[0]?.response });
    expect(Object.values(image.payload.photos ?? {})).toEqual([{ token: expect.stringMatching(/^image\./) }]);
    expect(video).toEqual({ type: 'video', payload: { token: expect.stringMatching(/^video\./) } });
    expect(api.requests('uploadFile')[0]?.absoluteUrl).toMatch(/^https:\/\/botapi\.tamtam\.test\/_upload\//);

    const { message } = await firstValueFrom(
      actions.sendMessage(api, { chat_id: group }, { text: 'media', attachments: [image, video] }),
    );
    expect(message.body.attachments?.map((a) => a.type)).toEqual(['image', 'video']);
    api.respondOnce('getUploadUrl', { url: 'https://elsewhere.test/up' });
    await expect(firstValueFrom(actions.upload(api, 'file', new Uint8Array([1])))).rejects.toMatchObject({
      status: 404,
      code: 'upload.not.found',
    });
  });

  it('getUpdates hands out pushed updates, so fromLongPolling runs on the fake', async () => {
    const api = createFakeApi();
    const a = textMessage('one');
    const b = textMessage('two');
    api.pushUpdates(a, b);
    const seen = await firstValueFrom(fromLongPolling(api, { timeout: 1 }).pipe(take(2), toArray()));
    expect(seen).toEqual([a, b]);
    expect(api.requests('getUpdates')[0]?.query).toMatchObject({ timeout: 1 });
  });

  it('getUpdates waits for a push, or the poll timeout, in virtual time', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ expectObservable, cold }) => {
      const api = createFakeApi();
      const pushed = textMessage('late');
      cold('300ms a').subscribe(() => api.pushUpdates(pushed));
      expectObservable(actions.getUpdates(api, { timeout: 1 })).toBe('300ms (a|)', {
        a: { updates: [pushed], marker: 2 },
      });
      expectObservable(actions.getUpdates(createFakeApi(), { timeout: 2 })).toBe('2000ms (a|)', {
        a: { updates: [], marker: 1 },
      });
    });
  });
});

describe('createFakeApi: scripted answers', () => {
  it('answers with values, Observables, responder functions and errors, once-queued first', async () => {
    const api = createFakeApi({
      responses: { getChat: (request) => ({ ...chatStub(), chat_id: Number(request.path.split('/')[2]) }) },
    });
    expect((await firstValueFrom(actions.getChat(api, 42))).chat_id).toBe(42);

    api.respondOnce('getMyInfo', { ...TEST_BOT_INFO, name: 'First' }, of({ ...TEST_BOT_INFO, name: 'Second' }));
    api.respond('getMyInfo', (_r, defaultAnswer) => defaultAnswer());
    const names = [];
    for (let i = 0; i < 3; i += 1) names.push((await firstValueFrom(actions.getMyInfo(api))).name);
    expect(names).toEqual(['First', 'Second', TEST_BOT_INFO.name]);
  });

  it('turns scripted errors into the real error classes with the request context', async () => {
    const api = createFakeApi();
    api.respondOnce(
      'sendMessage',
      apiError(429, 'too.many.requests', 'Slow down', { retryAfter: 2000 }),
      networkError('ECONNRESET'),
      timeoutError(500),
      new RangeError('custom'),
    );
    const send = () => firstValueFrom(actions.sendMessage(api, { chat_id: group }, { text: 'x' }));
    const e1 = await send().catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(TamTamApiError);
    expect(e1).toMatchObject({
      status: 429,
      code: 'too.many.requests',
      retryAfter: 2000,
      operation: 'sendMessage',
      method: 'POST',
      path: '/messages',
    });
    await expect(send()).rejects.toBeInstanceOf(TamTamNetworkError);
    await expect(send()).rejects.toBeInstanceOf(TamTamTimeoutError);
    await expect(send()).rejects.toThrow(RangeError);
    expect(api.sent()).toHaveLength(0);
    expect(() => api.lastSent()).toThrow(/the bot sent no message \(4 sendMessage request\(s\) failed\)/);
    expect(() => apiError(200, 'ok')).toThrow(/status must be an HTTP error status/);
  });

  it('fails clearly when a responder returns a function', async () => {
    const api = createFakeApi({ responses: { getMyInfo: (() => () => 1) as never } });
    await expect(firstValueFrom(actions.getMyInfo(api))).rejects.toThrow(/responder for getMyInfo returned a function/);
  });

  it(
    'delays every answer on the scheduler (virtual time under marbles)',
    marbles((m) => {
      const api = createFakeApi({ delay: 250 });
      m.expect(actions.getChat(api, group).pipe(take(1)), '^').toBeObservable('250ms (a|)', {
        a: expect.objectContaining({ chat_id: group }) as never,
      });
      m.flush();
      expect(api.requests('getChat')[0]).toMatchObject({ time: 0, outcome: 'succeeded' });
    }),
  );
});

describe('createFakeApi: answeredMessage', () => {
  it('applies the answer’s new message to the pressed one', async () => {
    const api = createFakeApi();
    const { message } = await firstValueFrom(
      actions.sendMessage(
        api,
        { chat_id: group },
        { text: 'Menu', attachments: [inlineKeyboard([[callbackButton('A', 'a')]])] },
      ),
    );
    const press = pressButton(message, 'A');
    await firstValueFrom(
      actions.answerOnCallback(api, press.callback.callback_id, {
        message: { text: 'Page A', attachments: [inlineKeyboard([[callbackButton('Back', 'back')]])] },
      }),
    );
    const next = api.answeredMessage(press);
    expect(next.body).toMatchObject({
      mid: message.body.mid,
      text: 'Page A',
      attachments: [{ payload: { buttons: [[{ text: 'Back' }]] } }],
    });
    expect(api.message(message.body.mid)?.body.text).toBe('Page A');
    expect(() => api.answeredMessage(pressButton(message, 'A'))).toThrow(
      /did not answer callback cb\.\w+; answers so far: cb\./,
    );
  });
});

describe('createFakeApi: one model with the emulator', () => {
  it('answers reads of the default world like a running emulator (times aside)', async () => {
    const emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
    try {
      const real = createApi({ token: emulator.token, baseUrl: emulator.url, retry: false });
      const fake = createFakeApi();
      const reads: ((api: typeof real) => Observable<unknown>)[] = [
        (api) => actions.getMyInfo(api),
        (api) => actions.getChat(api, group),
        (api) => actions.getChatByLink(api, 'emulator_news'),
        (api) => actions.getMembers(api, group),
        (api) => actions.getChats(api),
      ];
      for (const read of reads) {
        expect(withoutTimes(await firstValueFrom(read(fake)))).toEqual(withoutTimes(await firstValueFrom(read(real))));
      }
      const bob = TEST_USERS.bob.user_id;
      expect(emulator.actAs(bob).sendToBot('hi').recipient.chat_id).toBe(testDialogId(bob));
      expect(
        (await firstValueFrom(actions.sendMessage(fake, { user_id: bob }, { text: 'hi' }))).message.recipient.chat_id,
      ).toBe(testDialogId(bob));
    } finally {
      await emulator.close();
    }
  });

  it('fails where the emulator fails, with its status, code and message', async () => {
    const api = createFakeApi();
    const aliceWrote = textMessage('my own words');
    await expect(
      firstValueFrom(actions.editMessage(api, aliceWrote.message.body.mid, { text: 'changed' })),
    ).rejects.toMatchObject({
      name: 'TamTamApiError',
      status: 403,
      code: 'access.denied',
      description: expect.stringMatching(/was not sent by the bot/),
    });
    const inTheGroup = textMessage('in the group', { chat: TEST_CHATS.group, from: TEST_USERS.bob });
    await expect(
      firstValueFrom(
        actions.sendMessage(
          api,
          { user_id: TEST_USERS.alice.user_id },
          { text: 'quote', link: { type: 'reply', mid: inTheGroup.message.body.mid } },
        ),
      ),
    ).rejects.toMatchObject({
      status: 400,
      code: 'proto.payload',
      description: expect.stringMatching(/in another chat/),
    });
    await expect(firstValueFrom(actions.getChat(api, -1))).resolves.toMatchObject({ chat_id: -1, type: 'chat' }); // made-up chats are adopted
    expect(api.requests().map((r) => r.outcome)).toEqual(['failed', 'failed', 'succeeded']);
  });
});

describe('createFakeApi: what test data made up', () => {
  it('replies quote and forwards carry the messages the update factories made', async () => {
    const api = createFakeApi();
    const question = textMessage('Pizza?', { from: TEST_USERS.bob, chat: TEST_CHATS.group });
    const { message: reply } = await firstValueFrom(
      actions.sendMessage(
        api,
        { chat_id: group },
        { text: 'Yes', link: { type: 'reply', mid: question.message.body.mid } },
      ),
    );
    expect(reply.link).toEqual({
      type: 'reply',
      sender: expect.objectContaining({ user_id: TEST_USERS.bob.user_id, name: TEST_USERS.bob.name }),
      message: expect.objectContaining({ mid: question.message.body.mid, text: 'Pizza?' }),
    });

    const { message: forward } = await firstValueFrom(
      actions.sendMessage(
        api,
        { chat_id: TEST_CHATS.channel.chat_id ?? 0 },
        { link: { type: 'forward', mid: question.message.body.mid } },
      ),
    );
    expect(forward.link).toMatchObject({ type: 'forward', chat_id: group, message: { text: 'Pizza?' } });

    const nobodyMadeIt = await firstValueFrom(
      actions.sendMessage(
        api,
        { chat_id: group },
        { text: 'quoting', link: { type: 'reply', mid: 'mid.handwritten' } },
      ),
    );
    expect(nobodyMadeIt.message.link?.message).toEqual({
      mid: 'mid.handwritten',
      seq: 0,
      text: null,
      attachments: null,
    });
  });

  it('answering a press edits the pressed message at once, and a deleted made-up message stays deleted', async () => {
    const api = createFakeApi();
    const menu = botMessage(
      { text: 'Menu', attachments: [inlineKeyboard([[callbackButton('A', 'a')]])] },
      { chat: TEST_CHATS.group },
    );
    const press = pressButton(menu, 'A', { by: TEST_USERS.carol });
    await firstValueFrom(actions.answerOnCallback(api, press.callback.callback_id, { message: { text: 'Page A' } }));
    expect(api.message(menu.body.mid)?.body).toMatchObject({
      mid: menu.body.mid,
      text: 'Page A',
      attachments: [{ type: 'inline_keyboard' }],
    });

    const said = textMessage('spam', { from: TEST_USERS.carol, chat: TEST_CHATS.group });
    await firstValueFrom(actions.deleteMessage(api, said.message.body.mid));
    await expect(firstValueFrom(actions.getMessageById(api, said.message.body.mid))).rejects.toMatchObject({
      status: 404,
      code: 'message.not.found',
    });
  });

  it('accepts attachment tokens test data made up', async () => {
    const api = createFakeApi();
    const { message } = await firstValueFrom(
      actions.sendMessage(
        api,
        { chat_id: group },
        { attachments: [{ type: 'file', payload: { token: 'file.made-up' } }] },
      ),
    );
    expect(message.body.attachments).toMatchObject([{ type: 'file', payload: { token: 'file.made-up' } }]);
  });
});

/** The value with every time field left out (the two worlds were made at different times). */
function withoutTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !key.endsWith('_time') && key !== 'participants')
      .map(([key, v]) => [key, withoutTimes(v)]),
  );
}

/** Sends a message to the group, then runs `next` with its mid. */
function sendThen(api: ReturnType<typeof createFakeApi>, next: (mid: string) => import('rxjs').Observable<unknown>) {
  return actions
    .sendMessage(api, { chat_id: group }, { text: 'to pin or delete' })
    .pipe(concatMap(({ message }) => next(message.body.mid)));
}

function chatStub() {
  return {
    chat_id: 0,
    type: 'chat' as const,
    status: 'active' as const,
    title: 'T',
    icon: null,
    last_event_time: 0,
    participants_count: 2,
    is_public: false,
    description: null,
  };
}
