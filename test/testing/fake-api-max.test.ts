import { firstValueFrom, lastValueFrom, of, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import * as actions from '../../src/actions/index';
import { MAX_DIALECT, TamTamApiError, buildRequest, TAMTAM_OPERATIONS } from '../../src/api/index';
import { callbackButton, inlineKeyboard } from '../../src/builders/index';
import { ofChatType, ofType, perChat, reply } from '../../src/operators/index';
import { fromLongPolling } from '../../src/sources/index';
import {
  MAX_TEST_BOT_INFO,
  MAX_TEST_CHATS,
  MAX_TEST_USERS,
  TEST_USERS,
  apiError,
  createFakeApi,
  expectAnswered,
  expectRequested,
  expectSent,
  maxUpdates,
  waitFor,
} from '../../src/testing/index';
import { schemaValidator } from '../helpers/schema-validator';

/** Problems of `value` as an instance of the Max schema's `component`, strictly; `[]` when it conforms. */
function maxSchemaProblems(component: string, value: unknown): readonly string[] {
  const result = schemaValidator('max', { strict: true }).validate(component, value);
  return result.ok ? [] : result.errors;
}

const group = MAX_TEST_CHATS.group.chat_id ?? 0;
const alice = MAX_TEST_USERS.alice.user_id;
const bob = MAX_TEST_USERS.bob.user_id;

describe("createFakeApi({ dialect: 'max' })", () => {
  it('speaks Max: the Max dialect, the token in the header, no version, Max wire objects', async () => {
    const api = createFakeApi({ dialect: 'max' });
    expect(api.dialect).toBe(MAX_DIALECT);
    expect(api.tokenIn).toBe('header');
    expect(api.version).toBe('');
    expect(api.baseUrl).toBe('https://platform-api2.max.test');

    const me = await firstValueFrom(actions.getMyInfo(api));
    expect(me).toEqual(MAX_TEST_BOT_INFO);
    expect(me.first_name).toBe('Emulator Bot');
    expect(maxSchemaProblems('BotInfo', me)).toEqual([]);

    const { message } = await firstValueFrom(actions.sendMessage(api, { user_id: alice }, { text: 'hi' }));
    expect(message.sender?.first_name).toBe('Emulator Bot');
    expect(message.recipient).toEqual({
      chat_id: MAX_TEST_CHATS.dialogWithAlice.chat_id,
      chat_type: 'chat',
      user_id: alice,
    });
    expect(maxSchemaProblems('Message', message)).toEqual([]);
    expect(api.lastSent()).toMatchObject({ chatId: MAX_TEST_CHATS.dialogWithAlice.chat_id, userId: alice, text: 'hi' });
  });

  it('serves the operations only Max has: admin management and video details', async () => {
    const api = createFakeApi({ dialect: 'max' });
    await lastValueFrom(actions.postAdmins(api, group, { admins: [{ user_id: bob, permissions: ['pin_message'] }] }));
    const admins = await firstValueFrom(actions.getAdmins(api, group));
    expect(admins.members.find((m) => m.user_id === bob)).toMatchObject({
      is_admin: true,
      permissions: ['pin_message'],
    });
    expect(await firstValueFrom(actions.deleteAdmin(api, group, bob))).toEqual({ success: true });
    expectRequested(api, 'deleteAdmin', { times: 1, match: (r) => r.path === `/chats/${group}/members/admins/${bob}` });

    const { token } = await firstValueFrom(actions.getUploadUrl(api, 'video'));
    expect(typeof token).toBe('string'); // Max hands out the video token with the upload URL
    const details = await firstValueFrom(
      actions.getVideoAttachmentDetails(
        api.respond('getVideoAttachmentDetails', (r) => ({
          token: r.path.slice(8),
          width: 640,
          height: 360,
          duration: 3,
        })),
        token ?? '',
      ),
    );
    expect(details).toEqual({ token, width: 640, height: 360, duration: 3 });
  });

  it('refuses TamTam-only operations the way the Max server does, and in scripts', async () => {
    const api = createFakeApi({ dialect: 'max' });
    // a hand-built TamTam request (the types keep a Max api from building one)
    const construct = buildRequest(TAMTAM_OPERATIONS, 'construct', { query: { session_id: 's1' }, json: {} });
    const error: unknown = await firstValueFrom(api.request(construct as never)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toMatch(/unknown operation "construct".*Max operations/);
    expect(() => api.respond('editMyInfo' as never, {} as never)).toThrow(/unknown operation "editMyInfo"/);
    expect(() => createFakeApi({ dialect: 'max', responses: { getChats: {} } as never })).toThrow(
      /unknown operation "getChats"/,
    );
    expect(() => createFakeApi({ dialect: 'maxx' as never })).toThrow(/unknown dialect "maxx"; use 'tamtam'/);
  });

  it("answers a poll without a marker with only the latest update (Max's rule), then everything after the marker", async () => {
    const api = createFakeApi({ dialect: 'max' });
    const [muted, stopped] = [maxUpdates.dialogMuted(), maxUpdates.botStopped()];
    api.pushUpdates(muted, stopped);
    const first = await firstValueFrom(actions.getUpdates(api, { timeout: 0 }));
    expect(first.updates).toEqual([stopped]);

    const cleared = maxUpdates.dialogCleared();
    const unmuted = maxUpdates.dialogUnmuted();
    api.pushUpdates(cleared, unmuted);
    const next = await firstValueFrom(actions.getUpdates(api, { timeout: 0, marker: first.marker ?? 0 }));
    expect(next.updates).toEqual([cleared, unmuted]);
  });

  it('runs a bot over fromLongPolling: dialog events narrow, replies go to Max dialogs', async () => {
    const api = createFakeApi({ dialect: 'max' });
    const mutedUntil: number[] = [];
    const updates$ = fromLongPolling(api, { timeout: 1 });
    const muted$ = updates$.pipe(ofType('dialog_muted'), take(1));
    muted$.subscribe((u) => mutedUntil.push(u.muted_until));
    const hello = maxUpdates.textMessage('hello', { from: MAX_TEST_USERS.bob });
    const muted = maxUpdates.dialogMuted({ muted_until: Date.UTC(2030, 0, 1) });
    // the mute arrives first: the reply to the later message is what the test waits for
    const replies = lastValueFrom(
      updates$.pipe(
        ofType('message_created'),
        ofChatType('dialog'),
        take(1),
        perChat((u) => reply(api, u, `Hi ${u.message.sender?.first_name}`)),
        toArray(),
      ),
    );
    // Max answers a poll without a marker with the latest update only: push once the first poll waits
    await waitFor(() => api.requests('getUpdates').find((r) => r.outcome === 'pending'));
    api.pushUpdates(muted, hello);
    await replies;
    await updates$.stop();
    expect(mutedUntil).toEqual([Date.UTC(2030, 0, 1)]);
    expectSent(api, { userId: bob, text: 'Hi Bob' });
  });

  it('presses buttons of the Max messages it sent and applies the answer', () => {
    const api = createFakeApi({ dialect: 'max' });
    actions
      .sendMessage(
        api,
        { chat_id: group },
        { text: 'Ready?', attachments: [inlineKeyboard([[callbackButton('Yes', 'yes')]])] },
      )
      .subscribe();
    const press = maxUpdates.pressButton(api.lastSent().message, 'Yes', { by: MAX_TEST_USERS.carol });
    expect(press.callback).toMatchObject({ payload: 'yes', user: { first_name: 'Carol', last_name: 'White' } });
    actions
      .answerOnCallback(api, press.callback.callback_id, {
        message: { text: 'Go!', attachments: [inlineKeyboard([[callbackButton('Again', 'again')]])] },
      })
      .subscribe();
    expectAnswered(api, { text: 'Go!', buttons: ['Again'] });
    expect(api.answeredMessage(press).body.text).toBe('Go!');
    expect(maxUpdates.pressButton(api.answeredMessage(press), 'again').callback.payload).toBe('again');
  });

  it('scripts Max answers and errors like the TamTam fake', async () => {
    const api = createFakeApi({
      dialect: 'max',
      responses: { getMyInfo: { ...MAX_TEST_BOT_INFO, first_name: 'Weather' } },
    });
    expect((await firstValueFrom(actions.getMyInfo(api))).first_name).toBe('Weather');
    api.respondOnce('deleteAdmin', apiError(403, 'chat.denied'));
    const error: unknown = await firstValueFrom(actions.deleteAdmin(api, group, bob)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TamTamApiError);
    expect(error).toMatchObject({ status: 403, code: 'chat.denied', operation: 'deleteAdmin' });
  });

  it('echo-style bots written for both dialects run on it unchanged', () => {
    const api = createFakeApi({ dialect: 'max' });
    of(maxUpdates.textMessage('ping'))
      .pipe(
        ofType('message_created'),
        perChat((u) => reply(api, u, u.message.body.text ?? '')),
      )
      .subscribe();
    expectSent(api, { userId: TEST_USERS.alice.user_id, text: 'ping' });
  });
});
