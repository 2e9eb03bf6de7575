/**
 * Conformance of the Max dialect through the library: every Max operation is called with the
 * project's own actions on a `createApi({ dialect: 'max' })` api against the Max emulator, and
 * each request the api sends and each answer it gets are checked against the Max schema.
 */
import { type Observable, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  addMembers,
  answerOnCallback,
  deleteAdmin,
  deleteMessage,
  editChat,
  editMessage,
  getAdmins,
  getChat,
  getChatByLink,
  getMembers,
  getMembership,
  getMessageById,
  getMessages,
  getMyInfo,
  getPinnedMessage,
  getSubscriptions,
  getUpdates,
  getUploadUrl,
  getVideoAttachmentDetails,
  leaveChat,
  pinMessage,
  postAdmins,
  removeMember,
  sendAction,
  sendMessage,
  subscribe,
  unpinMessage,
  unsubscribe,
} from '../../src/actions';
import { MAX_OPERATIONS, createApi } from '../../src/api';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import { schemaValidator } from '../helpers/schema-validator';
import { start } from './helpers';

const max = schemaValidator('max', { strict: true });
const maxRequests = schemaValidator('max', { strict: true, nullableRequired: 'optional' });

interface Sent {
  method: string;
  url: URL;
  body: unknown;
  authorization: string | null;
}

describe('Max conformance through the actions', () => {
  it('every Max operation: the request the api sends and the answer are instances of the Max schema', async () => {
    const emulator = await start({ dialect: 'max' });
    const sent: Sent[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.clone().text();
      sent.push({
        method: request.method,
        url: new URL(request.url),
        body: text === '' ? undefined : JSON.parse(text),
        authorization: request.headers.get('authorization'),
      });
      return fetch(request);
    };
    const api = createApi({ dialect: 'max', token: emulator.token, baseUrl: emulator.url, fetch: recordingFetch });
    const seen = new Set<string>();
    const op = async <T>(operation: string, action: Observable<T>): Promise<T> => {
      const before = sent.length;
      const value = await firstValueFrom(action);
      const request = sent[before];
      expect(request, operation).toBeDefined();
      if (!request) throw new Error('no request');
      expect(request.authorization).toBe(emulator.token);
      expect(request.url.searchParams.has('access_token')).toBe(false);
      const logged = emulator.inspect.requests().at(-1);
      expect(logged?.operation, operation).toBe(operation);
      const row = MAX_OPERATIONS[operation as keyof typeof MAX_OPERATIONS];
      const template = row.path ?? '';
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '([^/]+)')}$`);
      const match = pattern.exec(request.url.pathname);
      const path = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match?.[i + 1] ?? '')]));
      const query = new URLSearchParams(request.url.searchParams);
      query.delete('v');
      expect(
        maxRequests.validateRequest(operation, {
          path,
          query,
          ...(request.body === undefined ? {} : { body: request.body }),
        }),
        `${operation} request`,
      ).toEqual({ ok: true });
      expect(max.validateResponse(operation, 200, value), `${operation} answer`).toEqual({ ok: true });
      seen.add(operation);
      return value;
    };

    emulator.actAs(ids.alice).startBot('ref');
    await op('getMyInfo', getMyInfo(api));
    await op('getChat', getChat(api, ids.group));
    await op('getChatByLink', getChatByLink(api, '@emulator_news'));
    await op('editChat', editChat(api, ids.group, { title: 'Lounge' }));
    await op('sendAction', sendAction(api, ids.group, 'typing_on'));
    const sentMessage = await op(
      'sendMessage',
      sendMessage(
        api,
        { chat_id: ids.group },
        {
          text: 'Vote',
          attachments: [
            {
              type: 'inline_keyboard',
              payload: {
                buttons: [
                  [
                    { type: 'callback', text: 'Yes', payload: 'yes' },
                    { type: 'clipboard', text: 'Copy', payload: 'x' },
                  ],
                ],
              },
            },
          ],
        },
      ),
    );
    const mid = sentMessage.message.body.mid;
    await op('editMessage', editMessage(api, mid, { text: 'Vote!' }));
    await op('getMessageById', getMessageById(api, mid));
    await op('getMessages', getMessages(api, { chat_id: ids.group, count: 5 }));
    await op('pinMessage', pinMessage(api, ids.group, { message_id: mid }));
    await op('getPinnedMessage', getPinnedMessage(api, ids.group));
    await op('unpinMessage', unpinMessage(api, ids.group));
    await op('getMembership', getMembership(api, ids.group));
    await op('getMembers', getMembers(api, ids.group, { count: 2 }));
    await op(
      'postAdmins',
      postAdmins(api, ids.group, { admins: [{ user_id: ids.bob, permissions: ['pin_message'] }] }),
    );
    await op('getAdmins', getAdmins(api, ids.group));
    await op('deleteAdmin', deleteAdmin(api, ids.group, ids.bob));
    await op('removeMember', removeMember(api, ids.group, ids.carol));
    await op('addMembers', addMembers(api, ids.group, [ids.carol]));
    const press = emulator.actAs(ids.bob).pressButton(mid, 'Yes');
    await op(
      'answerOnCallback',
      answerOnCallback(api, press.kind === 'callback' ? press.callbackId : '', { notification: 'Thanks' }),
    );
    const endpoint = await op('getUploadUrl', getUploadUrl(api, 'video'));
    const form = new FormData();
    form.append('data', new Blob([new Uint8Array([1, 2])], { type: 'video/mp4' }), 'clip.mp4');
    await fetch(endpoint.url, { method: 'POST', body: form });
    await op('getVideoAttachmentDetails', getVideoAttachmentDetails(api, (endpoint as { token?: string }).token ?? ''));
    await op('getUpdates', getUpdates(api, { timeout: 0, marker: 1 }));
    await op('subscribe', subscribe(api, { url: 'http://127.0.0.1:9/hook', secret: 'secret_42' }));
    await op('getSubscriptions', getSubscriptions(api));
    await op('unsubscribe', unsubscribe(api, 'http://127.0.0.1:9/hook'));
    await op('deleteMessage', deleteMessage(api, mid));
    await op('leaveChat', leaveChat(api, ids.group));

    const expected = Object.entries(MAX_OPERATIONS)
      .filter(([, row]) => row.path !== null)
      .map(([id]) => id)
      .sort();
    expect([...seen].sort()).toEqual(expected);
  });
});
