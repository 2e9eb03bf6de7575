/**
 * Integration: realistic bot scenarios through the project's actions against the local
 * emulator, asserting on what the emulator stored (`emulator.inspect`, plain data).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  getMembers,
  getMembership,
  getMessageById,
  getMyInfo,
  getPinnedMessage,
  getUpdates,
  leaveChat,
  pinMessage,
  removeMember,
  sendAction,
  sendMessage,
  unpinMessage,
  upload,
} from '../../src/actions';
import {
  type Api,
  type ApiOptions,
  type RetryInfo,
  TamTamApiError,
  TamTamResponseError,
  createApi,
  isTamTamApiError,
} from '../../src/api';
import { callbackButton, inlineKeyboard } from '../../src/builders';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import type { Emulator, EmulatorOptions } from '../../src/emulator';
import type { ChatMember, ChatMembersList, Update } from '../../src/types';
import { start, waitFor } from '../emulator/helpers';

/** Fast, exact retry timing for tests: 5 ms first backoff, no jitter. */
const FAST_RETRY = { initialDelay: 5, jitter: 0 } as const;

/** An emulator with a bot api pointed at it; `retries` collects every retry the api made. */
interface Bot {
  emulator: Emulator;
  api: Api;
  retries: RetryInfo[];
}

async function bot(options: EmulatorOptions = {}, api: Partial<ApiOptions> = {}): Promise<Bot> {
  const emulator = await start(options);
  const retries: RetryInfo[] = [];
  return {
    emulator,
    retries,
    api: createApi({
      token: emulator.token,
      baseUrl: emulator.url,
      retry: { ...FAST_RETRY, onRetry: (r) => retries.push(r) },
      ...api,
    }),
  };
}

const run = <T>(action: Observable<T>): Promise<T> => firstValueFrom(action);

async function failure(action: Observable<unknown>): Promise<unknown> {
  return firstValueFrom(action).then(
    (value) => {
      throw new Error(`expected a failure, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/** Status codes the emulator answered to `operation`, oldest first. */
function statuses(emulator: Emulator, operation: string): (number | null)[] {
  return emulator.inspect
    .requests()
    .filter((r) => r.operation === operation)
    .map((r) => r.status);
}

function ofType<T extends Update['update_type']>(
  updates: readonly Update[],
  type: T,
): Extract<Update, { update_type: T }> {
  const found = updates.find((u): u is Extract<Update, { update_type: T }> => u.update_type === type);
  if (!found) throw new Error(`no ${type} among ${updates.map((u) => u.update_type).join(', ') || 'no updates'}`);
  return found;
}

describe('messages', () => {
  it('sends to a dialog by user_id with markdown and to a group by chat_id with html; markup is stored', async () => {
    const { emulator, api } = await bot();
    await run(
      sendMessage(
        api,
        { user_id: ids.alice },
        { text: 'Hello **Alice**, see [docs](https://dev.tamtam.chat)', format: 'markdown' },
      ),
    );
    await run(
      sendMessage(
        api,
        { chat_id: ids.group },
        { text: '<i>Release</i> <code>1.2</code> is out', format: 'html', notify: false },
      ),
    );

    const [toAlice] = emulator.inspect.sentMessages(ids.dialogWithAlice);
    expect(toAlice?.recipient).toMatchObject({ chat_id: ids.dialogWithAlice, chat_type: 'dialog', user_id: ids.alice });
    expect(toAlice?.body.text).toBe('Hello Alice, see docs');
    expect(toAlice?.body.markup).toEqual([
      { type: 'strong', from: 6, length: 5 },
      { type: 'link', from: 17, length: 4, url: 'https://dev.tamtam.chat' },
    ]);
    const [toGroup] = emulator.inspect.sentMessages(ids.group);
    expect(toGroup?.recipient).toMatchObject({ chat_id: ids.group, chat_type: 'chat' });
    expect(toGroup?.body.text).toBe('Release 1.2 is out');
    expect(toGroup?.body.markup).toEqual([
      { type: 'emphasized', from: 0, length: 7 },
      { type: 'monospaced', from: 8, length: 3 },
    ]);
    expect(emulator.inspect.sentMessages()).toHaveLength(2);
  });

  it('replies to a user message and forwards it to the group', async () => {
    const { emulator, api } = await bot();
    const question = emulator.actAs(ids.alice).sendToBot('When is the release?');
    await run(
      sendMessage(api, { user_id: ids.alice }, { text: 'Tomorrow', link: { type: 'reply', mid: question.body.mid } }),
    );
    await run(sendMessage(api, { chat_id: ids.group }, { link: { type: 'forward', mid: question.body.mid } }));

    const [reply] = emulator.inspect.sentMessages(ids.dialogWithAlice);
    expect(reply?.link).toMatchObject({
      type: 'reply',
      sender: { user_id: ids.alice },
      message: { mid: question.body.mid, text: 'When is the release?' },
    });
    const [forward] = emulator.inspect.sentMessages(ids.group);
    expect(forward?.link).toMatchObject({
      type: 'forward',
      chat_id: ids.dialogWithAlice,
      message: { text: 'When is the release?' },
    });
    expect(emulator.inspect.chatMessages(ids.group).map((m) => m.body.mid)).toContain(forward?.body.mid);
  });

  it('edits a message in place, then deletes it', async () => {
    const { emulator, api } = await bot();
    const { message } = await run(sendMessage(api, { chat_id: ids.group }, { text: 'Build #1 running' }));
    const mid = message.body.mid;
    await run(editMessage(api, mid, { text: 'Build #1 **passed**', format: 'markdown' }));
    expect(emulator.inspect.sentMessages(ids.group).map((m) => [m.body.mid, m.body.text, m.body.markup])).toEqual([
      [mid, 'Build #1 passed', [{ type: 'strong', from: 9, length: 6 }]],
    ]);

    await run(deleteMessage(api, mid));
    expect(emulator.inspect.removedMessages()).toEqual([
      { chatId: ids.group, messageId: mid, userId: ids.bot, at: expect.any(Number) },
    ]);
    expect(emulator.inspect.chatMessages(ids.group).map((m) => m.body.mid)).not.toContain(mid);
    expect(await failure(getMessageById(api, mid))).toMatchObject({ status: 404, code: 'message.not.found' });
  });

  it('pins, reads the pin and unpins; each is recorded', async () => {
    const { emulator, api } = await bot();
    const { message } = await run(sendMessage(api, { chat_id: ids.group }, { text: 'Rules: be kind' }));
    await run(pinMessage(api, ids.group, { message_id: message.body.mid, notify: false }));
    expect((await run(getPinnedMessage(api, ids.group))).message?.body.text).toBe('Rules: be kind');
    await run(unpinMessage(api, ids.group));
    expect((await run(getPinnedMessage(api, ids.group))).message ?? null).toBeNull();
    expect(emulator.inspect.pins(ids.group).map(({ messageId, notify }) => ({ messageId, notify }))).toEqual([
      { messageId: message.body.mid, notify: false },
      { messageId: null, notify: expect.any(Boolean) },
    ]);
  });

  it('records chat actions', async () => {
    const { emulator, api } = await bot();
    await run(sendAction(api, ids.group, 'typing_on'));
    await run(sendAction(api, ids.dialogWithAlice, 'mark_seen'));
    expect(emulator.inspect.actions().map(({ chatId, action }) => [chatId, action])).toEqual([
      [ids.group, 'typing_on'],
      [ids.dialogWithAlice, 'mark_seen'],
    ]);
  });
});

describe('chats, members and the bot profile', () => {
  it('manages members: add, page through with marker, admins, membership, remove, leave', async () => {
    const { emulator, api } = await bot();
    const newcomers = ['Dave', 'Erin', 'Frank'].map((name) => emulator.users.create({ name }).user_id);
    await run(addMembers(api, ids.group, newcomers));
    const memberIds = (): number[] => emulator.chats.members(ids.group).map((m) => m.user_id);
    expect(memberIds()).toEqual(expect.arrayContaining(newcomers));

    const paged: ChatMember[] = [];
    const pages: number[] = [];
    let marker: number | null = null;
    do {
      const page: ChatMembersList = await run(getMembers(api, ids.group, { count: 2, marker }));
      paged.push(...page.members);
      pages.push(page.members.length);
      marker = page.marker ?? null;
    } while (marker !== null && pages.length < 10);
    expect(pages).toEqual([2, 2, 2, 1]); // Alice, Bob, Carol, the bot, Dave, Erin, Frank
    expect(paged.map((m) => m.user_id).sort()).toEqual(memberIds().sort());

    const admins = await run(getAdmins(api, ids.group));
    expect(admins.members.map((m) => m.user_id).sort()).toEqual([ids.alice, ids.bot].sort());
    expect(await run(getMembership(api, ids.group))).toMatchObject({ user_id: ids.bot, is_admin: true, is_bot: true });

    await run(removeMember(api, ids.group, newcomers[0] as number));
    expect(memberIds()).not.toContain(newcomers[0]);

    await run(leaveChat(api, ids.channel));
    expect(emulator.chats.get(ids.channel).status).toBe('left');
    expect(await failure(getMembership(api, ids.channel))).toMatchObject({ status: 403, operation: 'getMembership' });
  });

  it('renames a chat and replaces the bot commands', async () => {
    const { emulator, api } = await bot();
    const chat = await run(editChat(api, ids.group, { title: 'Release party' }));
    expect(chat.title).toBe('Release party');
    expect(emulator.chats.get(ids.group).title).toBe('Release party');

    const commands = [
      { name: 'deploy', description: 'Deploy the latest build' },
      { name: 'status', description: 'Show what is deployed' },
    ];
    await run(editMyInfo(api, { commands }));
    expect(emulator.bot.info().commands).toEqual(commands);
    expect((await run(getMyInfo(api))).commands).toEqual(commands);
  });
});

describe('callbacks and the constructor', () => {
  it('a button press arrives by long poll; the answer edits the message in place and notifies', async () => {
    const { emulator, api } = await bot();
    const keyboard = inlineKeyboard([
      [callbackButton('Yes', 'vote:yes', { intent: 'positive' }), callbackButton('No', 'vote:no')],
    ]);
    const { message } = await run(
      sendMessage(api, { user_id: ids.alice }, { text: 'Ship it?', attachments: [keyboard] }),
    );

    const poll = run(getUpdates(api, { timeout: 5 }));
    await waitFor(() => emulator.updates.waiting() === 1);
    emulator.actAs(ids.alice).pressButton(message.body.mid, 'Yes');
    const { updates } = await poll;
    const press = ofType(updates, 'message_callback');
    expect(press.callback).toMatchObject({ payload: 'vote:yes', user: { user_id: ids.alice } });
    expect(press.message?.body.mid).toBe(message.body.mid);

    await run(
      answerOnCallback(api, press.callback.callback_id, {
        message: { text: 'Shipping ✅', attachments: [] },
        notification: 'Thanks!',
      }),
    );
    const [edited] = emulator.inspect.sentMessages(ids.dialogWithAlice);
    expect(edited?.body.mid).toBe(message.body.mid);
    expect(edited?.body.text).toBe('Shipping ✅');
    expect(edited?.body.attachments ?? null).toBeNull();
    expect(emulator.inspect.callbackAnswers()).toEqual([
      {
        callbackId: press.callback.callback_id,
        userId: ids.alice,
        chatId: ids.dialogWithAlice,
        messageId: message.body.mid,
        answer: { message: { text: 'Shipping ✅', attachments: [] }, notification: 'Thanks!' },
        at: expect.any(Number),
      },
    ]);
  });

  it('answers a construction request; the user posts what the bot built', async () => {
    const { emulator, api } = await bot();
    const alice = emulator.actAs(ids.alice);
    alice.openConstructor();
    const first = await run(getUpdates(api, { timeout: 0 }));
    const request = ofType(first.updates, 'message_construction_request');
    const answer = {
      messages: [{ text: 'Poll: **lunch?**', format: 'markdown' as const }],
      hint: 'Pick a place',
      data: 'step-1',
    };
    await run(construct(api, request.session_id, answer));
    expect(emulator.inspect.constructorAnswers()).toEqual([
      { sessionId: request.session_id, userId: ids.alice, answer, at: expect.any(Number) },
    ]);

    alice.postConstructed(request.session_id);
    const second = await run(getUpdates(api, { timeout: 0, marker: first.marker }));
    const constructed = ofType(second.updates, 'message_constructed');
    expect(constructed.message.body.text).toBe('Poll: lunch?');
    expect(constructed.message.body.markup).toEqual([{ type: 'strong', from: 6, length: 6 }]);
  });
});

describe('uploads', () => {
  it('uploads a file from disk and an image from memory, then sends them as attachments', async () => {
    const { emulator, api } = await bot();
    const dir = await mkdtemp(join(tmpdir(), 'tamtam-rx-upload-'));
    try {
      const path = join(dir, 'report.txt');
      await writeFile(path, 'quarterly numbers');
      const file = await run(upload(api, 'file', path));
      const image = await run(
        upload(api, 'image', new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], { type: 'image/png' }), {
          filename: 'chart.png',
        }),
      );

      await run(sendMessage(api, { chat_id: ids.group }, { text: 'Report', attachments: [file] }));
      await run(sendMessage(api, { chat_id: ids.group }, { text: 'Chart', attachments: [image] }));
      const [withFile, withImage] = emulator.inspect.sentMessages(ids.group);
      const stored = withFile?.body.attachments?.[0];
      expect(stored).toMatchObject({ type: 'file', filename: 'report.txt', size: 17 });
      if (stored?.type !== 'file') throw new Error('expected a file attachment');
      expect(await (await fetch(stored.payload.url)).text()).toBe('quarterly numbers');
      expect(withImage?.body.attachments).toEqual([
        {
          type: 'image',
          payload: { photo_id: expect.any(Number), token: expect.any(String), url: expect.any(String) },
        },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('sendMessage retries attachment.not.ready until the upload is processed; other calls do not', async () => {
    const { emulator, api, retries } = await bot({ attachmentNotReadyCount: 2 });
    const file = await run(upload(api, 'file', Buffer.from('fresh'), { filename: 'fresh.txt' }));
    const { message } = await run(sendMessage(api, { user_id: ids.alice }, { text: 'Here', attachments: [file] }));
    expect(message.body.attachments?.[0]).toMatchObject({ type: 'file', filename: 'fresh.txt' });
    expect(statuses(emulator, 'sendMessage')).toEqual([400, 400, 200]);
    expect(retries.map((r) => [r.operation, r.delay, isTamTamApiError(r.error, 'attachment.not.ready')])).toEqual([
      ['sendMessage', 5, true],
      ['sendMessage', 10, true],
    ]);

    // a callback answer carrying another fresh upload fails at once
    const { message: question } = await run(
      sendMessage(
        api,
        { user_id: ids.alice },
        { text: 'Want it?', attachments: [inlineKeyboard([[callbackButton('Yes', 'yes')]])] },
      ),
    );
    const press = emulator.actAs(ids.alice).pressButton(question.body.mid, 'Yes');
    if (press.kind !== 'callback') throw new Error('expected a callback press');
    const another = await run(upload(api, 'file', Buffer.from('second'), { filename: 'second.txt' }));
    const error = await failure(
      answerOnCallback(api, press.callbackId, { message: { text: 'Sure', attachments: [another] } }),
    );
    expect(error).toBeInstanceOf(TamTamApiError);
    expect(error).toMatchObject({ status: 400, code: 'attachment.not.ready', operation: 'answerOnCallback' });
    expect(statuses(emulator, 'answerOnCallback')).toEqual([400]);
    expect(retries).toHaveLength(2);
  });
});

describe('errors, faults and cancellation', () => {
  it('an unknown chat is a typed 404 naming status, code, method and path; the token never shows', async () => {
    const { emulator, api } = await bot();
    const error = await failure(getMembership(api, 123_456));
    expect(error).toBeInstanceOf(TamTamApiError);
    expect(error).toMatchObject({
      name: 'TamTamApiError',
      status: 404,
      code: 'chat.not.found',
      method: 'GET',
      path: '/chats/123456/members/me',
      operation: 'getMembership',
    });
    expect(String((error as Error).message)).not.toContain(emulator.token);
    expect(statuses(emulator, 'getMembership')).toEqual([404]);
  });

  it('a wrong token is 401 verify.token and is not retried', async () => {
    const { emulator } = await bot();
    const retries: RetryInfo[] = [];
    const wrong = createApi({
      token: 'not-the-token',
      baseUrl: emulator.url,
      retry: { ...FAST_RETRY, onRetry: (r) => retries.push(r) },
    });
    const error = await failure(getMyInfo(wrong));
    expect(error).toBeInstanceOf(TamTamApiError);
    expect(error).toMatchObject({ status: 401, code: 'verify.token', method: 'GET', path: '/me' });
    expect(String((error as Error).message)).not.toContain('not-the-token');
    expect(statuses(emulator, 'getMyInfo')).toEqual([401]);
    expect(retries).toEqual([]);
  });

  it('a 503 burst is retried transparently and the message is sent once', async () => {
    // requests 3 and 4 answer 503: the third request is the sendMessage below
    const { emulator, api, retries } = await bot({ faults: { burst503: { every: 3, length: 2 } } });
    await run(getMyInfo(api));
    await run(getMembership(api, ids.group));
    const { message } = await run(sendMessage(api, { chat_id: ids.group }, { text: 'Deployed' }));
    emulator.faults.reset();
    expect(message.body.text).toBe('Deployed');
    expect(emulator.inspect.requests().filter((r) => r.fault === 'unavailable')).toHaveLength(2);
    expect(retries.map((r) => [r.delay, isTamTamApiError(r.error) && r.error.status])).toEqual([
      [5, 503],
      [10, 503],
    ]);
    expect(emulator.inspect.sentMessages(ids.group).map((m) => m.body.text)).toEqual(['Deployed']);
  });

  it('a 429 is retried after its Retry-After', async () => {
    const { emulator, api, retries } = await bot({ faults: { rateLimit: { perSecond: 1, retryAfterSeconds: 1 } } });
    await run(getMyInfo(api));
    const started = Date.now();
    await run(sendAction(api, ids.group, 'typing_on'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(retries.map((r) => [r.delay, isTamTamApiError(r.error) && r.error.status])).toEqual([[1000, 429]]);
    expect(emulator.inspect.requests().map((r) => r.fault)).toEqual([null, 'rate-limited', null]);
    expect(emulator.inspect.actions(ids.group)).toHaveLength(1);
  });

  it('a malformed 200 body is a TamTamResponseError and is not retried', async () => {
    const { emulator, api, retries } = await bot({ faults: { malformedBodyProbability: 1 } });
    const error = await failure(sendMessage(api, { chat_id: ids.group }, { text: 'Once' }));
    expect(error).toBeInstanceOf(TamTamResponseError);
    expect(error).toMatchObject({
      name: 'TamTamResponseError',
      status: 200,
      operation: 'sendMessage',
      method: 'POST',
      path: '/messages',
    });
    expect((error as TamTamResponseError).bodySnippet).not.toBe('');
    expect(retries).toEqual([]);
    expect(statuses(emulator, 'sendMessage')).toEqual([200]);
    // the server did act: this is why a non-idempotent call is never repeated blindly
    expect(emulator.inspect.sentMessages(ids.group)).toHaveLength(1);
  });

  it('unsubscribing a long poll releases the emulator waiter', async () => {
    const { emulator, api } = await bot();
    // A 60 s poll: only the unsubscribe (the aborted request) can release the waiter in time.
    const subscription = getUpdates(api, { timeout: 60 }).subscribe();
    await waitFor(() => emulator.updates.waiting() === 1);
    subscription.unsubscribe();
    await waitFor(() => emulator.updates.waiting() === 0, 5000);
    // nothing was consumed: an update sent now is still delivered to the next poll
    emulator.actAs(ids.alice).sendToBot('still here');
    const { updates } = await run(getUpdates(api, { timeout: 0 }));
    expect(ofType(updates, 'message_created').message.body.text).toBe('still here');
  });

  it('the token can travel in the Authorization header', async () => {
    const seen: { url: string; authorization: string | null }[] = [];
    const spy: typeof fetch = (input, init) => {
      // read without consuming: ky hands over a Request whose body must stay unread
      const url = input instanceof Request ? input.url : String(input);
      const headers = new Headers(input instanceof Request ? input.headers : init?.headers);
      seen.push({ url, authorization: headers.get('authorization') });
      return fetch(input, init);
    };
    const { emulator, api } = await bot({}, { tokenIn: 'header', fetch: spy });
    expect((await run(getMyInfo(api))).user_id).toBe(ids.bot);
    await run(sendMessage(api, { chat_id: ids.group }, { text: 'via header' }));
    expect(seen).toHaveLength(2);
    for (const { url, authorization } of seen) {
      expect(new URL(url).searchParams.has('access_token')).toBe(false);
      expect(authorization).toBe(emulator.token);
    }
    expect(emulator.inspect.sentMessages(ids.group).map((m) => m.body.text)).toEqual(['via header']);

    const wrong = createApi({ token: 'nope', baseUrl: emulator.url, tokenIn: 'header' });
    expect(await failure(getMyInfo(wrong))).toMatchObject({ status: 401, code: 'verify.token' });
  });
});
