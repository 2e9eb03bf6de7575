import { describe, expect, it } from 'vitest';
import { UPDATE_TYPES, type UpdateType } from '../../src/types/index';
import { callbackButton, inlineKeyboard, linkButton, requestContactButton } from '../../src/builders/index';
import {
  TEST_CHATS,
  TEST_EPOCH,
  TEST_USERS,
  botMessage,
  createUpdate,
  createUpdateFactory,
  dialogWith,
  messageCallback,
  messageConstructionRequest,
  messageCreated,
  pressButton,
  testDialogId,
  testDialogUser,
  textMessage,
  userRemoved,
} from '../../src/testing/index';
import { schemaValidator } from '../helpers/schema-validator';

/** Problems of `value` as an instance of the TamTam schema's `component`, strictly (no field the schema lacks); `[]` when it conforms. */
function schemaProblems(component: string, value: unknown): readonly string[] {
  const result = schemaValidator('tamtam', { strict: true }).validate(component, value);
  return result.ok ? [] : result.errors;
}

describe('update factories', () => {
  it.each(UPDATE_TYPES.map((t) => [t]))('creates a schema-conforming %s', (type: UpdateType) => {
    const update = createUpdateFactory().update(type);
    expect(update.update_type).toBe(type);
    expect(schemaProblems('Update', update)).toEqual([]);
  });

  it('keeps the id space of the fake api’s server for it', () => {
    expect(() => createUpdateFactory({ idSpace: 0xffff })).toThrow(/idSpace 65535 is the fake api's own/);
    expect(createUpdateFactory({ idSpace: 0xfffe }).messageCreated().message.body.mid).toMatch(
      /^mid\.[0-9a-f]{16}fffe[0-9a-f]{12}$/,
    );
  });

  it('gives every update fresh ids and the next timestamp from TEST_EPOCH, per factory', () => {
    const f = createUpdateFactory();
    const a = f.messageCreated();
    const b = f.messageCreated();
    expect([a.timestamp, b.timestamp]).toEqual([TEST_EPOCH + 1000, TEST_EPOCH + 2000]);
    expect(a.message.timestamp).toBe(a.timestamp);
    expect(a.message.body.mid).not.toBe(b.message.body.mid);
    expect(b.message.body.seq).toBe(a.message.body.seq + 1);
    expect(a.message.body.mid).toMatch(/^mid\.[0-9a-f]{32}$/);
    const c1 = f.messageCallback().callback.callback_id;
    expect(f.messageCallback().callback.callback_id).not.toBe(c1);
  });

  it('never repeats an id across factories, yet restarts ids and clock on reset', () => {
    const f = createUpdateFactory();
    const g = createUpdateFactory();
    const first = f.messageCreated();
    expect(g.messageCreated().message.body.mid).not.toBe(first.message.body.mid);
    f.reset();
    const again = f.messageCreated();
    expect([again.message.body.mid, again.timestamp]).toEqual([first.message.body.mid, first.timestamp]);
  });

  it('takes timestamps from an injected clock', () => {
    let now = 5_000;
    const f = createUpdateFactory({ now: () => now });
    expect(f.botStarted().timestamp).toBe(5_000);
    now = 7_000;
    expect(f.messageCallback().callback.timestamp).toBe(7_000);
  });

  it('applies deep overrides over the defaults', () => {
    const u = messageCreated({ message: { body: { text: '/help' }, sender: TEST_USERS.bob } });
    expect(u.message.body.text).toBe('/help');
    expect(u.message.sender).toEqual(TEST_USERS.bob);
    expect(u.message.recipient).toEqual(TEST_CHATS.dialogWithAlice); // untouched default
    expect(userRemoved({ admin_id: undefined })).not.toHaveProperty('admin_id');
    expect(messageConstructionRequest({ input: { input_type: 'callback', payload: 'next' } }).input).toEqual({
      input_type: 'callback',
      payload: 'next',
    });
    expect(messageCallback({ message: null }).message).toBeNull();
  });

  it('uses realistic defaults: Alice writes in her dialog, chat events in the group', () => {
    const f = createUpdateFactory();
    expect(f.messageCreated().message).toMatchObject({
      sender: TEST_USERS.alice,
      recipient: TEST_CHATS.dialogWithAlice,
      body: { text: 'Hello' },
    });
    expect(f.botAdded()).toMatchObject({
      chat_id: TEST_CHATS.group.chat_id,
      user: TEST_USERS.alice,
      is_channel: false,
    });
    expect(f.userAdded()).toMatchObject({ user: TEST_USERS.bob, inviter_id: TEST_USERS.alice.user_id });
    expect(f.botStarted()).toMatchObject({
      chat_id: TEST_CHATS.dialogWithAlice.chat_id,
      payload: null,
      user_locale: 'en-US',
    });
    expect(createUpdateFactory({ user: TEST_USERS.bob }).userAdded().user).toEqual(TEST_USERS.carol);
  });

  it('rejects an unknown update type, naming the known ones', () => {
    expect(() => createUpdate('dialog_muted' as UpdateType)).toThrow(
      /unknown update type "dialog_muted"; use one of message_created/,
    );
  });
});

describe('textMessage and botMessage', () => {
  it('writes in the author’s dialog by default, in a given chat otherwise', () => {
    const bob = textMessage('hi', { from: TEST_USERS.bob });
    expect(bob.message.recipient).toEqual({
      chat_id: testDialogId(TEST_USERS.bob.user_id),
      chat_type: 'dialog',
      user_id: TEST_USERS.bot.user_id,
    });
    expect(testDialogUser(testDialogId(TEST_USERS.bob.user_id))).toBe(TEST_USERS.bob.user_id);
    expect(bob.user_locale).toBe('en-US');
    const inGroup = textMessage('hi all', { chat: TEST_CHATS.group });
    expect(inGroup.message.recipient).toEqual(TEST_CHATS.group);
    expect(inGroup).not.toHaveProperty('user_locale');
    expect(schemaProblems('Update', inGroup)).toEqual([]);
  });

  it('builds the message a bot send would create, keyboards as received', () => {
    const keyboard = inlineKeyboard([[callbackButton('Yes', 'y'), linkButton('Docs', 'https://example.com')]]);
    const m = botMessage(
      { text: 'Go?', attachments: [keyboard, { type: 'location', latitude: 1, longitude: 2 }] },
      { chat: dialogWith(TEST_USERS.bob) },
    );
    expect(m.sender?.user_id).toBe(TEST_USERS.bot.user_id);
    expect(m.recipient).toEqual({
      chat_id: testDialogId(TEST_USERS.bob.user_id),
      chat_type: 'dialog',
      user_id: TEST_USERS.bob.user_id,
    });
    expect(m.body.attachments).toEqual([
      { type: 'inline_keyboard', payload: keyboard.payload },
      { type: 'location', latitude: 1, longitude: 2 },
    ]);
    expect(schemaProblems('Message', m)).toEqual([]);
  });
});

describe('pressButton', () => {
  const menu = botMessage({
    text: 'Menu',
    attachments: [
      inlineKeyboard([
        [callbackButton('Help', 'menu:help'), callbackButton('menu:help', 'other')],
        [linkButton('Site', 'https://example.com'), requestContactButton('Phone')],
      ]),
    ],
  });

  it('presses by text first, then by payload, as the given user', () => {
    expect(pressButton(menu, 'Help').callback.payload).toBe('menu:help');
    expect(pressButton(menu, 'menu:help').callback.payload).toBe('other'); // the text wins
    expect(pressButton(menu, { payload: 'menu:help' }).callback.payload).toBe('menu:help');
    const press = pressButton(menu, { text: 'Help' }, { by: TEST_USERS.carol });
    expect(press.callback.user).toEqual(TEST_USERS.carol);
    expect(press.message).toEqual(menu);
    expect(schemaProblems('Update', press)).toEqual([]);
  });

  it('says which buttons exist when none matches, and what other kinds do', () => {
    expect(() => pressButton(menu, 'Nope')).toThrow(
      /no button "Nope" on message mid\.\w+; it has "Help" \(menu:help\), "menu:help" \(other\), "Site" \[link\], "Phone" \[request_contact\]/,
    );
    expect(() => pressButton(menu, 'Site')).toThrow(
      /"Site" is a link button; pressing it opens a URL and sends nothing to the bot/,
    );
    expect(() => pressButton(menu, 'Phone')).toThrow(/request_contact button; .*contact attachment/);
    expect(() => pressButton(botMessage('plain'), 'Help')).toThrow(/has no inline keyboard \(text: "plain"\)/);
  });
});
