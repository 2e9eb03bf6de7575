import { describe, expect, it } from 'vitest';
import { chatIdOf, chatKey, chatTypeOf, ofChatType, userIdOf } from '../../src/operators/index';
import { of, toArray } from 'rxjs';
import {
  MAX_TEST_CHATS,
  MAX_TEST_USERS,
  TEST_USERS,
  createMaxUpdateFactory,
  dialectKit,
  maxUpdates,
  resetUpdateFactories,
  textMessage,
  toMaxUser,
} from '../../src/testing/index';
import { schemaValidator } from '../helpers/schema-validator';

/** Problems of `value` as an instance of the Max schema's `component`, strictly; `[]` when it conforms. */
function maxSchemaProblems(component: string, value: unknown): readonly string[] {
  const result = schemaValidator('max', { strict: true }).validate(component, value);
  return result.ok ? [] : result.errors;
}

describe('Max update factories', () => {
  it('make every Max update type, each valid against the Max schema', () => {
    const f = createMaxUpdateFactory();
    const all = [
      f.messageCreated(),
      f.messageCallback(),
      f.messageEdited(),
      f.messageRemoved(),
      f.botAdded(),
      f.botRemoved(),
      f.userAdded(),
      f.userRemoved(),
      f.botStarted({ payload: 'x'.repeat(512) }),
      f.chatTitleChanged(),
      f.botStopped(),
      f.dialogCleared(),
      f.dialogMuted(),
      f.dialogUnmuted(),
      f.dialogRemoved(),
    ];
    expect(new Set(all.map((u) => u.update_type)).size).toBe(15);
    // the check bites: a TamTam update (users without first_name, chat type `dialog`) is not a Max one
    expect(maxSchemaProblems('Update', textMessage('hi'))).not.toEqual([]);
    for (const update of all)
      expect([update.update_type, maxSchemaProblems('Update', update)]).toEqual([update.update_type, []]);
  });

  it('write users as Max does (first_name, last_name; bots have only a first name) and every chat as `chat`', () => {
    const hi = maxUpdates.textMessage('hi', { from: MAX_TEST_USERS.bob });
    expect(hi.message.sender).toEqual({ ...MAX_TEST_USERS.bob });
    expect(hi.message.sender).toMatchObject({ first_name: 'Bob', last_name: 'Brown', name: 'Bob Brown' });
    expect(hi.message.recipient).toEqual({
      chat_id: hi.message.recipient.chat_id,
      chat_type: 'chat',
      user_id: TEST_USERS.bot.user_id,
    });
    expect(MAX_TEST_USERS.bot).not.toHaveProperty('last_name');
    expect(toMaxUser({ ...TEST_USERS.carol, name: 'Cher' })).toMatchObject({ first_name: 'Cher', last_name: null });
    const inGroup = maxUpdates.textMessage('all', { chat: MAX_TEST_CHATS.group });
    expect(inGroup.message.recipient).toEqual(MAX_TEST_CHATS.group);
    expect(inGroup.user_locale).toBeUndefined();
  });

  it('default the dialog events to Alice in her dialog, fresh timestamps, deep overrides last', () => {
    resetUpdateFactories();
    const muted = maxUpdates.dialogMuted();
    const stopped = maxUpdates.botStopped({ user_locale: 'ru-RU' });
    expect(muted).toMatchObject({
      update_type: 'dialog_muted',
      chat_id: MAX_TEST_CHATS.dialogWithAlice.chat_id,
      user: MAX_TEST_USERS.alice,
      muted_until: muted.timestamp + 3_600_000,
    });
    expect(stopped.timestamp).toBeGreaterThan(muted.timestamp);
    expect(stopped.user_locale).toBe('ru-RU');
    expect(maxUpdates.update('dialog_removed', { chat_id: 5 }).chat_id).toBe(5);
  });

  it('refuse TamTam-only update types and presses of buttons that send no callback', () => {
    expect(() => maxUpdates.update('message_constructed' as never)).toThrow(
      /"message_constructed" is not a Max update type; use one of message_created/,
    );
    const message = maxUpdates.botMessage({
      text: 'Copy it',
      attachments: [
        { type: 'inline_keyboard', payload: { buttons: [[{ type: 'clipboard', text: 'Copy', payload: 'X1' }]] } },
      ],
    });
    expect(() => maxUpdates.pressButton(message, 'Copy')).toThrow(/"Copy" is a clipboard button/);
    expect(() => maxUpdates.pressButton(message, 'Nope')).toThrow(/no button "Nope".*"Copy" \[clipboard\]/);
  });

  it('share ids with the TamTam factories (no mid is handed out twice)', () => {
    const mids = [maxUpdates.textMessage('a'), textMessage('b'), maxUpdates.textMessage('c')].map(
      (u) => u.message.body.mid,
    );
    expect(new Set(mids).size).toBe(3);
  });
});

describe('dialectKit', () => {
  it('hands out the test data of each dialect behind one shape', () => {
    const tamtam = dialectKit('tamtam');
    const max = dialectKit('max');
    expect([tamtam.dialect, max.dialect]).toEqual(['tamtam', 'max']);
    expect(max.users.alice).toBe(MAX_TEST_USERS.alice);
    expect(tamtam.users.alice).toBe(TEST_USERS.alice);
    expect(max.fakeApi().dialect?.name).toBe('Max');
    expect(tamtam.fakeApi().dialect?.name).toBe('TamTam');
    expect(max.textMessage('x').message.sender).toHaveProperty('first_name', 'Alice');
    expect(tamtam.textMessage('x').message.sender).not.toHaveProperty('first_name');
    expect(() => dialectKit('icq' as never)).toThrow(/unknown dialect "icq"; use 'tamtam' or 'max'/);
  });
});

describe("ofChatType on Max (every chat is `chat` on Max's wire)", () => {
  it("tells a dialog by its recipient's user, on both dialects", async () => {
    const dm = maxUpdates.textMessage('dm');
    const group = maxUpdates.textMessage('group', { chat: MAX_TEST_CHATS.group });
    expect([chatTypeOf(dm), chatTypeOf(group)]).toEqual(['dialog', 'chat']);
    expect([
      chatTypeOf(textMessage('dm')),
      chatTypeOf(textMessage('g', { chat: { chat_id: -1, chat_type: 'chat', user_id: null } })),
    ]).toEqual(['dialog', 'chat']);
    const seen = await new Promise((resolve) => of(dm, group).pipe(ofChatType('dialog'), toArray()).subscribe(resolve));
    expect(seen).toEqual([dm]);
  });
});

describe("Max's dialog events in the update context helpers", () => {
  it('name their dialog and user, so perChat keeps them in the chat lane and ofChatType sees a dialog', () => {
    const f = createMaxUpdateFactory();
    const events = [f.botStopped(), f.dialogCleared(), f.dialogMuted(), f.dialogUnmuted(), f.dialogRemoved()];
    for (const event of events) {
      expect(chatIdOf(event), event.update_type).toBe(event.chat_id);
      expect(chatTypeOf(event), event.update_type).toBe('dialog');
      expect(userIdOf(event), event.update_type).toBe(event.user.user_id);
      expect(chatKey(event), event.update_type).toBe(`chat:${event.chat_id}`);
    }
  });
});
