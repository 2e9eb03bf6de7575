/**
 * The Max dialect of the emulator: auth, the operation set, the Max model on the wire, the
 * Max-only updates from user actions, polling without a marker, webhook secrets and the retry
 * schedule. TamTam stays the default and never produces a Max-only update.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids } from '../../src/emulator';
import { optionsFromArgs } from '../../src/emulator/cli-options';
import { MAX_EMULATOR_DIALECT, dialectFromEnv } from '../../src/emulator/dialect';
import type { WebhookClock } from '../../src/emulator/updates/webhook-dispatcher';
import { WebhookDispatcher } from '../../src/emulator/updates/webhook-dispatcher';
import { messageCreated } from '../../src/testing';
import { startLoopbackServer } from '../helpers/loopback-server';
import { call, control, start } from './helpers';

const header = { auth: 'header' } as const;

describe('Max dialect: auth', () => {
  it('takes the raw token in the Authorization header only, and needs no v', async () => {
    const emulator = await start({ dialect: 'max' });
    expect(emulator.dialect).toBe('max');
    const me = await call(emulator, 'GET', '/me', header);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user_id: ids.bot, first_name: 'Emulator Bot', name: 'Emulator Bot', is_bot: true });
    expect(me.body).not.toHaveProperty('last_name');
  });

  it('answers a query token with 403 deprecated.token, like the real server', async () => {
    const emulator = await start({ dialect: 'max' });
    const res = await call(emulator, 'GET', '/me');
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      code: 'deprecated.token',
      message: 'Query parameter access_token is deprecated, use Authorization header',
    });
  });

  it('refuses a missing, wrong or Bearer token with 401', async () => {
    const emulator = await start({ dialect: 'max' });
    expect((await call(emulator, 'GET', '/me', { token: null })).status).toBe(401);
    expect((await call(emulator, 'GET', '/me', { auth: 'header', token: 'nope' })).status).toBe(401);
    expect((await call(emulator, 'GET', '/me', { auth: 'bearer' })).status).toBe(401);
  });

  it('TamTam stays the default and still takes the query token', async () => {
    const emulator = await start();
    expect(emulator.dialect).toBe('tamtam');
    const me = await call(emulator, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body).not.toHaveProperty('first_name');
  });
});

describe('Max dialect: operations', () => {
  it('has no editMyInfo (405), construct (404) or getChats (404)', async () => {
    const emulator = await start({ dialect: 'max' });
    const patch = await call(emulator, 'PATCH', '/me', { ...header, body: { name: 'x' } });
    expect(patch.status).toBe(405);
    expect(patch.headers.get('allow')).toBe('GET');
    expect(
      (await call(emulator, 'POST', '/answers/constructor', { ...header, query: { session_id: 's' }, body: {} }))
        .status,
    ).toBe(404);
    expect((await call(emulator, 'GET', '/chats', header)).status).toBe(404);
  });

  it('manages admins: POST /chats/{chatId}/members/admins and DELETE …/admins/{userId}', async () => {
    const emulator = await start({ dialect: 'max' });
    const added = await call(emulator, 'POST', `/chats/${ids.group}/members/admins`, {
      ...header,
      body: { admins: [{ user_id: ids.bob, permissions: ['pin_message', 'delete_message'], alias: 'Moderator' }] },
    });
    expect(added.body).toEqual({ success: true });
    const admins = await call(emulator, 'GET', `/chats/${ids.group}/members/admins`, header);
    expect(admins.body.members.find((m: { user_id: number }) => m.user_id === ids.bob)).toMatchObject({
      is_admin: true,
      permissions: ['pin_message', 'delete_message'],
      alias: 'Moderator',
      first_name: 'Bob',
    });
    const removed = await call(emulator, 'DELETE', `/chats/${ids.group}/members/admins/${ids.bob}`, header);
    expect(removed.body).toEqual({ success: true });
    expect(emulator.chats.members(ids.group).find((m) => m.user_id === ids.bob)).toMatchObject({
      is_admin: false,
      permissions: null,
    });
    const owner = await call(emulator, 'DELETE', `/chats/${ids.group}/members/admins/${ids.alice}`, header);
    expect(owner.status).toBe(403);
    const bad = await call(emulator, 'POST', `/chats/${ids.group}/members/admins`, {
      ...header,
      body: { admins: [{ user_id: ids.bob, permissions: ['fly'] }] },
    });
    expect(bad.status).toBe(400);
  });

  it('hands out video tokens with the upload URL and serves GET /videos/{videoToken}', async () => {
    const emulator = await start({ dialect: 'max' });
    const endpoint = await call(emulator, 'POST', '/uploads', { ...header, query: { type: 'video' } });
    expect(endpoint.body).toEqual({ url: expect.any(String), token: expect.stringMatching(/^[A-Za-z0-9_-]+$/) });
    const form = new FormData();
    form.append('data', new Blob([new Uint8Array([1, 2, 3])], { type: 'video/mp4' }), 'clip.mp4');
    const uploaded = await fetch(endpoint.body.url, { method: 'POST', body: form });
    expect(await uploaded.json()).toEqual({ token: endpoint.body.token });
    const details = await call(emulator, 'GET', `/videos/${endpoint.body.token}`, header);
    expect(details.body).toMatchObject({
      token: endpoint.body.token,
      width: expect.any(Number),
      height: expect.any(Number),
      duration: expect.any(Number),
    });
    expect((await call(emulator, 'GET', '/videos/unknown_token', header)).status).toBe(404);
    const file = await call(emulator, 'POST', '/uploads', { ...header, query: { type: 'file' } });
    expect(file.body).toEqual({ url: expect.any(String) });
  });

  it('accepts Max buttons and refuses the TamTam chat button', async () => {
    const emulator = await start({ dialect: 'max' });
    const buttons = [
      [
        { type: 'open_app', text: 'Shop', web_app: 'shop_bot', payload: 'cart' },
        { type: 'message', text: 'Help' },
        { type: 'clipboard', text: 'Copy', payload: 'PROMO-1' },
      ],
    ];
    const sent = await call(emulator, 'POST', '/messages', {
      ...header,
      query: { user_id: ids.alice },
      body: { text: 'Menu', attachments: [{ type: 'inline_keyboard', payload: { buttons } }] },
    });
    expect(sent.status).toBe(200);
    expect(sent.body.message.body.attachments[0].payload.buttons).toEqual(buttons);
    expect(sent.body.message.recipient).toEqual({
      chat_id: ids.dialogWithAlice,
      chat_type: 'chat',
      user_id: ids.alice,
    });
    const mid = sent.body.message.body.mid as string;
    const alice = emulator.actAs(ids.alice);
    expect(alice.pressButton(mid, 'Shop')).toEqual({
      kind: 'open_app',
      webApp: 'shop_bot',
      contactId: null,
      payload: 'cart',
    });
    expect(alice.pressButton(mid, 'Copy')).toEqual({ kind: 'clipboard', text: 'PROMO-1' });
    const pressed = alice.pressButton(mid, 'Help');
    expect(pressed).toMatchObject({ kind: 'message', message: { body: { text: 'Help' } } });
    const chatButton = await call(emulator, 'POST', '/messages', {
      ...header,
      query: { user_id: ids.alice },
      body: {
        text: 'x',
        attachments: [
          { type: 'inline_keyboard', payload: { buttons: [[{ type: 'chat', text: 'Discuss', chat_title: 'T' }]] } },
        ],
      },
    });
    expect(chatButton.status).toBe(400);
  });
});

describe('Max dialect: the model on the wire', () => {
  it('users carry first_name/last_name (+ deprecated name); contacts carry max_info; subscriptions have no version', async () => {
    const emulator = await start({ dialect: 'max' });
    emulator.users.create({ userId: 500_000_999, name: 'Dana Scully', username: 'dana' });
    expect(emulator.users.get(500_000_999)).toMatchObject({
      first_name: 'Dana',
      last_name: 'Scully',
      name: 'Dana Scully',
    });
    const sent = await call(emulator, 'POST', '/messages', {
      ...header,
      query: { user_id: ids.alice },
      body: { text: null, attachments: [{ type: 'contact', payload: { contact_id: ids.bob } }] },
    });
    expect(sent.body.message.body.attachments[0].payload).toEqual({
      vcf_info: expect.any(String),
      max_info: expect.objectContaining({ user_id: ids.bob, first_name: 'Bob' }),
      hash: expect.any(String),
    });
    await call(emulator, 'POST', '/subscriptions', { ...header, body: { url: 'http://127.0.0.1:9/hook' } });
    const subscriptions = await call(emulator, 'GET', '/subscriptions', header);
    expect(subscriptions.body.subscriptions[0]).not.toHaveProperty('version');
  });

  it('refuses the TamTam-only sender action mark_seen', async () => {
    const emulator = await start({ dialect: 'max' });
    const res = await call(emulator, 'POST', `/chats/${ids.dialogWithAlice}/actions`, {
      ...header,
      body: { action: 'mark_seen' },
    });
    expect(res.status).toBe(400);
  });
});

describe('Max dialect: updates from user actions', () => {
  it('stopping the bot, clearing, muting, unmuting and removing the dialog produce the Max updates', async () => {
    const emulator = await start({ dialect: 'max' });
    const alice = emulator.actAs(ids.alice);
    const until = Date.now() + 3_600_000;
    alice.clearDialog();
    alice.muteDialog(until);
    alice.unmuteDialog();
    alice.removeDialog();
    alice.stopBot();
    const updates = emulator.updates.pending();
    expect(updates.map((u) => u.update_type)).toEqual([
      'dialog_cleared',
      'dialog_muted',
      'dialog_unmuted',
      'dialog_removed',
      'bot_stopped',
    ]);
    for (const update of updates) {
      expect(update).toMatchObject({
        chat_id: ids.dialogWithAlice,
        user: { user_id: ids.alice, first_name: 'Alice' },
        user_locale: expect.any(String),
      });
    }
    expect(updates[1]).toMatchObject({ muted_until: until });
    const send = await call(emulator, 'POST', '/messages', {
      ...header,
      query: { user_id: ids.alice },
      body: { text: 'still there?' },
    });
    expect(send.status).toBe(403);
  });

  it('offers the same actions over the control API', async () => {
    const emulator = await start({ dialect: 'max' });
    for (const action of ['clear-dialog', 'mute-dialog', 'unmute-dialog', 'remove-dialog', 'stop']) {
      expect((await control(emulator, 'POST', `/users/${ids.alice}/${action}`, {})).status).toBe(200);
    }
    expect(emulator.updates.pending().map((u) => u.update_type)).toEqual([
      'dialog_cleared',
      'dialog_muted',
      'dialog_unmuted',
      'dialog_removed',
      'bot_stopped',
    ]);
  });

  it('never produces TamTam-only updates: no constructor, no chat buttons', async () => {
    const emulator = await start({ dialect: 'max' });
    expect(() => emulator.actAs(ids.alice).openConstructor()).toThrow(/TamTam/);
    expect((await control(emulator, 'POST', `/users/${ids.alice}/open-constructor`, {})).status).toBe(400);
    expect(emulator.updates.pending()).toEqual([]);
  });

  it('keeps deep-link payloads up to 512 characters (TamTam: 128)', async () => {
    const max = await start({ dialect: 'max' });
    max.actAs(ids.alice).startBot('p'.repeat(512));
    expect(max.updates.pending()[0]).toMatchObject({ update_type: 'bot_started', payload: 'p'.repeat(512) });
    const tamtam = await start();
    tamtam.actAs(ids.alice).startBot('p'.repeat(512));
    expect(tamtam.updates.pending()[0]).toMatchObject({ update_type: 'bot_started', payload: null });
  });

  it('in TamTam mode the same actions change the dialog but send no Max-only update', async () => {
    const emulator = await start();
    const alice = emulator.actAs(ids.alice);
    alice.clearDialog();
    alice.muteDialog();
    alice.unmuteDialog();
    alice.removeDialog();
    alice.stopBot();
    expect(emulator.updates.pending()).toEqual([]);
    expect(emulator.chats.get(ids.dialogWithAlice).status).toBe('suspended');
  });
});

describe('Max dialect: polling without a marker', () => {
  it('returns only the latest update (TamTam: everything since the last commit)', async () => {
    const max = await start({ dialect: 'max' });
    const tamtam = await start();
    for (const emulator of [max, tamtam]) {
      emulator.actAs(ids.alice).sendToBot('one');
      emulator.actAs(ids.alice).sendToBot('two');
      emulator.actAs(ids.alice).sendToBot('three');
    }
    const latest = await call(max, 'GET', '/updates', { ...header, query: { timeout: 0 } });
    expect(latest.body.updates.map((u: any) => u.message.body.text)).toEqual(['three']);
    const again = await call(max, 'GET', '/updates', { ...header, query: { timeout: 0, marker: latest.body.marker } });
    expect(again.body.updates).toEqual([]);
    const all = await call(tamtam, 'GET', '/updates', { query: { timeout: 0 } });
    expect(all.body.updates.map((u: any) => u.message.body.text)).toEqual(['one', 'two', 'three']);
  });

  it('with a marker, Max returns everything after it, like TamTam', async () => {
    const max = await start({ dialect: 'max' });
    max.actAs(ids.alice).sendToBot('one');
    const first = await call(max, 'GET', '/updates', { ...header, query: { timeout: 0 } });
    max.actAs(ids.alice).sendToBot('two');
    max.actAs(ids.alice).sendToBot('three');
    const next = await call(max, 'GET', '/updates', { ...header, query: { timeout: 0, marker: first.body.marker } });
    expect(next.body.updates.map((u: any) => u.message.body.text)).toEqual(['two', 'three']);
  });
});

describe('Max dialect: webhooks', () => {
  it('sends the subscription secret in X-Max-Bot-Api-Secret on every delivery', async () => {
    const emulator = await start({ dialect: 'max', webhook: { timeScale: 0.0001 } });
    const hook = await startLoopbackServer();
    try {
      hook.queue({ status: 500, body: {} });
      const subscribed = await call(emulator, 'POST', '/subscriptions', {
        ...header,
        body: { url: hook.url, secret: 'Sec_ret-42' },
      });
      expect(subscribed.body).toEqual({ success: true });
      emulator.actAs(ids.alice).sendToBot('hi');
      await emulator.webhooks.idle();
      expect(hook.requests).toHaveLength(2);
      for (const request of hook.requests) expect(request.headers['x-max-bot-api-secret']).toBe('Sec_ret-42');
    } finally {
      await hook.close();
    }
  });

  it('validates the secret: 5–256 characters of [A-Za-z0-9_-]', async () => {
    const emulator = await start({ dialect: 'max' });
    for (const secret of ['abcd', 'has space', 'ü-nicode', 'x'.repeat(257)]) {
      const res = await call(emulator, 'POST', '/subscriptions', {
        ...header,
        body: { url: 'http://127.0.0.1:9/h', secret },
      });
      expect(res.status, secret).toBe(400);
    }
    expect(emulator.webhooks.list()).toEqual([]);
  });

  it('TamTam sends no secret header', async () => {
    const emulator = await start();
    const hook = await startLoopbackServer();
    try {
      await call(emulator, 'POST', '/subscriptions', { body: { url: hook.url, secret: 'Sec_ret-42' } });
      emulator.actAs(ids.alice).sendToBot('hi');
      await emulator.webhooks.idle();
      expect(hook.requests).toHaveLength(1);
      expect(hook.requests[0]?.headers).not.toHaveProperty('x-max-bot-api-secret');
    } finally {
      await hook.close();
    }
  });

  it("retries on Max's schedule (60 s, 150 s, 375 s, ×2.5) and unsubscribes after 8 hours of failures (virtual time)", async () => {
    const clock: WebhookClock & { time: number; sleeps: number[] } = {
      time: 0,
      sleeps: [],
      now: () => clock.time,
      sleep(ms) {
        clock.sleeps.push(ms);
        clock.time += ms;
        return Promise.resolve();
      },
    };
    const hooks = new WebhookDispatcher({}, clock, {
      schedule: MAX_EMULATOR_DIALECT.webhookSchedule,
      secretHeader: 'X-Max-Bot-Api-Secret',
    });
    const hook = await startLoopbackServer();
    try {
      hook.respond(() => ({ status: 503, body: {} }));
      hooks.subscribe({ url: hook.url, time: 0, update_types: null, version: null }, 'secret-1');
      hooks.deliver(messageCreated());
      await hooks.idle();
      expect(clock.sleeps.slice(0, 3)).toEqual([60_000, 150_000, 375_000]);
      for (let i = 1; i < clock.sleeps.length; i++) expect(clock.sleeps[i]).toBe((clock.sleeps[i - 1] as number) * 2.5);
      const deliveries = hooks.deliveries();
      const last = deliveries.at(-1);
      expect(last).toMatchObject({ gaveUp: true, unsubscribed: true });
      expect((last?.at ?? 0) >= 8 * 3_600_000).toBe(true);
      expect(deliveries.length).toBeLessThanOrEqual(11);
      expect(hooks.list()).toEqual([]);
    } finally {
      await hooks.close();
      await hook.close();
    }
  });
});

describe('choosing the dialect', () => {
  it('reads TAMTAM_RX_DIALECT in one place, and the CLI takes --dialect (which wins)', () => {
    expect(dialectFromEnv({})).toBeUndefined();
    expect(dialectFromEnv({ TAMTAM_RX_DIALECT: 'MAX' })).toBe('max');
    expect(() => dialectFromEnv({ TAMTAM_RX_DIALECT: 'icq' })).toThrow(/tamtam or max/);
    expect(optionsFromArgs([], { TAMTAM_RX_DIALECT: 'max' }).dialect).toBe('max');
    expect(optionsFromArgs(['--dialect', 'tamtam'], { TAMTAM_RX_DIALECT: 'max' }).dialect).toBe('tamtam');
    expect(() => optionsFromArgs(['--dialect', 'icq'], {})).toThrow(/--dialect/);
    expect(optionsFromArgs([], {})).not.toHaveProperty('dialect');
  });

  it('the control API says which dialect runs, and lists chats with their kind', async () => {
    const emulator = await start({ dialect: 'max' });
    expect((await control(emulator, 'GET', '/state')).body.dialect).toBe('max');
    const chats = (await control(emulator, 'GET', `/users/${ids.alice}/chats`)).body as Array<{
      type: string;
      kind: string;
    }>;
    expect(new Set(chats.map((c) => c.type))).toEqual(new Set(['chat']));
    expect(chats.map((c) => c.kind).sort()).toEqual(['channel', 'chat', 'dialog']);
  });

  it('refuses an unknown dialect option', async () => {
    await expect(start({ dialect: 'icq' as 'max' })).rejects.toThrow(/Unknown dialect/);
  });
});
