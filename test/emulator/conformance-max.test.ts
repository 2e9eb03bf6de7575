/**
 * Conformance of the Max dialect: every operation the Max emulator serves is called over HTTP
 * (header auth, as the Max clients do) and each request and answer is checked against the Max
 * schema (2026-07-01) with the schema validator, strictly (no field the schema lacks). Every
 * update a user action produces in Max mode is an instance of the schema's `Update` too.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import type { Emulator } from '../../src/emulator';
import { MAX_ROUTED_OPERATIONS } from '../../src/emulator/api/routes';
import { MAX_EMULATOR_UPDATE_TYPES } from '../../src/emulator/dialect';
import { schemaValidator } from '../helpers/schema-validator';
import { call, start } from './helpers';

const max = schemaValidator('max', { strict: true });
/** Requests as servers accept them: a required-but-nullable field may be left out. */
const maxRequests = schemaValidator('max', { strict: true, nullableRequired: 'optional' });

interface Step {
  operation: string;
  method: string;
  path: string;
  params?: Record<string, string | number>;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
}

/** Calls one operation, checks request and answer against the schema, returns the answer. */
async function run(emulator: Emulator, step: Step, seen: Set<string>): Promise<any> {
  const path = step.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(step.params?.[name])));
  const request = maxRequests.validateRequest(step.operation, {
    ...(step.params ? { path: step.params } : {}),
    ...(step.query ? { query: step.query } : {}),
    ...(step.body === undefined ? {} : { body: step.body }),
  });
  expect(request, `${step.operation} request`).toEqual({ ok: true });
  const res = await call(emulator, step.method, path, {
    auth: 'header',
    ...(step.query ? { query: step.query } : {}),
    ...(step.body === undefined ? {} : { body: step.body }),
  });
  expect(res.status, `${step.operation}: ${res.text}`).toBe(200);
  expect(max.validateResponse(step.operation, 200, res.body), `${step.operation} answer`).toEqual({ ok: true });
  seen.add(step.operation);
  return res.body;
}

const KEYBOARD = {
  type: 'inline_keyboard',
  payload: {
    buttons: [
      [
        { type: 'callback', text: 'Yes', payload: 'yes' },
        { type: 'link', text: 'Docs', url: 'https://dev.max.ru' },
        { type: 'open_app', text: 'App', web_app: 'shop_bot', payload: 'cart' },
      ],
      [
        { type: 'request_contact', text: 'Phone' },
        { type: 'request_geo_location', text: 'Where', quick: true },
        { type: 'message', text: 'Help' },
        { type: 'clipboard', text: 'Copy', payload: 'PROMO' },
      ],
    ],
  },
};

describe('Max conformance: every operation against the Max schema', () => {
  it('drives every served operation; requests and answers are instances of the schema', async () => {
    // the raw calls below are not paced: on a fast machine they exceed the Max emulator's
    // 30 requests/s (its default), which test/emulator/rate-limit.test.ts covers on its own
    const emulator = await start({ dialect: 'max', rateLimit: false });
    const seen = new Set<string>();
    const r = (step: Step) => run(emulator, step, seen);
    emulator.actAs(ids.alice).startBot('ref');

    await r({ operation: 'getMyInfo', method: 'GET', path: '/me' });
    await r({ operation: 'getChat', method: 'GET', path: '/chats/{chatId}', params: { chatId: ids.group } });
    await r({ operation: 'getChat', method: 'GET', path: '/chats/{chatId}', params: { chatId: ids.dialogWithAlice } });
    await r({
      operation: 'getChatByLink',
      method: 'GET',
      path: '/chats/{chatLink}',
      params: { chatLink: 'emulator_news' },
    });
    await r({
      operation: 'editChat',
      method: 'PATCH',
      path: '/chats/{chatId}',
      params: { chatId: ids.group },
      body: { title: 'Lounge' },
    });
    await r({
      operation: 'sendAction',
      method: 'POST',
      path: '/chats/{chatId}/actions',
      params: { chatId: ids.group },
      body: { action: 'typing_on' },
    });
    const sent = await r({
      operation: 'sendMessage',
      method: 'POST',
      path: '/messages',
      query: { chat_id: ids.group },
      body: { text: 'Hello **all**', format: 'markdown', attachments: [KEYBOARD], notify: true },
    });
    const mid = sent.message.body.mid as string;
    await r({
      operation: 'sendMessage',
      method: 'POST',
      path: '/messages',
      query: { user_id: ids.alice, disable_link_preview: true },
      body: { text: 'hi', link: { type: 'forward', mid } },
    });
    await r({
      operation: 'sendMessage',
      method: 'POST',
      path: '/messages',
      query: { user_id: ids.alice },
      body: { text: 'hi Alice' },
    });
    await r({
      operation: 'editMessage',
      method: 'PUT',
      path: '/messages',
      query: { message_id: mid },
      body: { text: 'Hello everyone' },
    });
    await r({ operation: 'getMessageById', method: 'GET', path: '/messages/{messageId}', params: { messageId: mid } });
    await r({ operation: 'getMessages', method: 'GET', path: '/messages', query: { chat_id: ids.group, count: 10 } });
    await r({
      operation: 'pinMessage',
      method: 'PUT',
      path: '/chats/{chatId}/pin',
      params: { chatId: ids.group },
      body: { message_id: mid, notify: false },
    });
    await r({
      operation: 'getPinnedMessage',
      method: 'GET',
      path: '/chats/{chatId}/pin',
      params: { chatId: ids.group },
    });
    await r({
      operation: 'unpinMessage',
      method: 'DELETE',
      path: '/chats/{chatId}/pin',
      params: { chatId: ids.group },
    });
    await r({
      operation: 'getMembership',
      method: 'GET',
      path: '/chats/{chatId}/members/me',
      params: { chatId: ids.group },
    });
    await r({
      operation: 'getMembers',
      method: 'GET',
      path: '/chats/{chatId}/members',
      params: { chatId: ids.group },
      query: { count: 2 },
    });
    await r({
      operation: 'postAdmins',
      method: 'POST',
      path: '/chats/{chatId}/members/admins',
      params: { chatId: ids.group },
      body: { admins: [{ user_id: ids.bob, permissions: ['pin_message', 'delete_message'], alias: 'Mod' }] },
    });
    await r({
      operation: 'getAdmins',
      method: 'GET',
      path: '/chats/{chatId}/members/admins',
      params: { chatId: ids.group },
    });
    await r({
      operation: 'deleteAdmin',
      method: 'DELETE',
      path: '/chats/{chatId}/members/admins/{userId}',
      params: { chatId: ids.group, userId: ids.bob },
    });
    await r({
      operation: 'removeMember',
      method: 'DELETE',
      path: '/chats/{chatId}/members',
      params: { chatId: ids.group },
      query: { user_id: ids.carol },
    });
    await r({
      operation: 'addMembers',
      method: 'POST',
      path: '/chats/{chatId}/members',
      params: { chatId: ids.group },
      body: { user_ids: [ids.carol] },
    });

    const press = emulator.actAs(ids.bob).pressButton(mid, 'Yes');
    const callbackId = press.kind === 'callback' ? press.callbackId : '';
    await r({
      operation: 'answerOnCallback',
      method: 'POST',
      path: '/answers',
      query: { callback_id: callbackId },
      body: { notification: 'Thanks' },
    });

    const endpoint = await r({ operation: 'getUploadUrl', method: 'POST', path: '/uploads', query: { type: 'video' } });
    const form = new FormData();
    form.append('data', new Blob([new Uint8Array([0, 1, 2])], { type: 'video/mp4' }), 'clip.mp4');
    await (await fetch(endpoint.url, { method: 'POST', body: form })).json();
    await r({
      operation: 'sendMessage',
      method: 'POST',
      path: '/messages',
      query: { chat_id: ids.group },
      body: { text: null, attachments: [{ type: 'video', payload: { token: endpoint.token } }] },
    });
    await r({
      operation: 'getVideoAttachmentDetails',
      method: 'GET',
      path: '/videos/{videoToken}',
      params: { videoToken: endpoint.token },
    });
    await r({
      operation: 'sendMessage',
      method: 'POST',
      path: '/messages',
      query: { chat_id: ids.group },
      body: { text: null, attachments: [{ type: 'contact', payload: { contact_id: ids.bob } }] },
    });

    const updates = await r({
      operation: 'getUpdates',
      method: 'GET',
      path: '/updates',
      query: { timeout: 0, limit: 100, marker: 1 },
    });
    expect(updates.updates.length).toBeGreaterThan(0);
    await r({
      operation: 'subscribe',
      method: 'POST',
      path: '/subscriptions',
      body: { url: 'http://127.0.0.1:9/hook', update_types: ['message_created'], secret: 'secret_42' },
    });
    await r({ operation: 'getSubscriptions', method: 'GET', path: '/subscriptions' });
    await r({
      operation: 'unsubscribe',
      method: 'DELETE',
      path: '/subscriptions',
      query: { url: 'http://127.0.0.1:9/hook' },
    });
    await r({ operation: 'deleteMessage', method: 'DELETE', path: '/messages', query: { message_id: mid } });
    await r({
      operation: 'leaveChat',
      method: 'DELETE',
      path: '/chats/{chatId}/members/me',
      params: { chatId: ids.group },
    });

    const served = Object.entries(MAX_ROUTED_OPERATIONS)
      .filter(([, row]) => row.path !== null)
      .map(([id]) => id);
    expect([...seen].sort()).toEqual(served.sort());
    // Every operation of the schema is served, except getChats (gone since June 2026).
    expect(Object.keys(max.facts.operations).filter((id) => !seen.has(id))).toEqual(['getChats']);
  });

  it('every update a user action produces is a schema Update, and every Max update type is produced', async () => {
    const emulator = await start({ dialect: 'max', rateLimit: false, webhook: { timeScale: 0 } });
    const alice = emulator.actAs(ids.alice);
    const bob = emulator.actAs(ids.bob);
    alice.startBot('ref');
    const message = alice.sendToBot('hi');
    alice.editMessage(message.body.mid, 'hi!');
    alice.deleteMessage(message.body.mid);
    const sent = await call(emulator, 'POST', '/messages', {
      auth: 'header',
      query: { chat_id: ids.group },
      body: { text: 'Vote', attachments: [KEYBOARD] },
    });
    bob.pressButton(sent.body.message.body.mid, 'Yes');
    bob.pressButton(sent.body.message.body.mid, 'Phone');
    alice.renameChat(ids.group, 'New title');
    alice.removeUser(ids.group, ids.carol);
    alice.addUser(ids.group, ids.carol);
    alice.removeBot(ids.group);
    alice.addBot(ids.group);
    alice.clearDialog();
    alice.muteDialog(Date.now() + 60_000);
    alice.unmuteDialog();
    alice.removeDialog();
    alice.stopBot();
    const updates = emulator.updates.pending();
    for (const update of updates) expect(max.validate('Update', update), update.update_type).toEqual({ ok: true });
    expect(new Set(updates.map((u) => u.update_type))).toEqual(new Set(MAX_EMULATOR_UPDATE_TYPES));
    expect(Object.keys(max.facts.schemas.Update?.discriminator?.mapping ?? {}).sort()).toEqual(
      [...MAX_EMULATOR_UPDATE_TYPES].sort(),
    );
  });
});
