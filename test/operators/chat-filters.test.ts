import { describe, expect, it } from 'vitest';
import { chatIdOf, chatTypeOf, fromUser, inChat, ofChatType, userIdOf, userOf } from '../../src/operators';
import type { ChatType, Update, UpdateType } from '../../src/types';
import { UPDATE_TYPES } from '../../src/types';
import { freshSampleUpdate, sampleChatIds, sampleUpdates, sampleUsers } from '../fixtures/updates';
import { marbles } from '../helpers/marbles';
import { run } from './collect';
import { message } from './make-updates';

const all: Update[] = UPDATE_TYPES.map((t) => sampleUpdates[t]);
const created = sampleUpdates.message_chat_created.chat.chat_id;

describe('where an update happened and who caused it', () => {
  const expected: Record<UpdateType, [number | null, ChatType | null, number | null]> = {
    message_created: [sampleChatIds.group, 'chat', sampleUsers.alice.user_id],
    message_callback: [sampleChatIds.dialog, 'dialog', sampleUsers.alice.user_id],
    message_edited: [sampleChatIds.channel, 'channel', null],
    message_removed: [sampleChatIds.group, null, sampleUsers.alice.user_id],
    bot_added: [sampleChatIds.group, 'chat', sampleUsers.alice.user_id],
    bot_removed: [sampleChatIds.channel, 'channel', sampleUsers.bob.user_id],
    user_added: [sampleChatIds.group, 'chat', sampleUsers.dmitry.user_id],
    user_removed: [sampleChatIds.group, 'chat', sampleUsers.bob.user_id],
    bot_started: [sampleChatIds.dialog, 'dialog', sampleUsers.alice.user_id],
    chat_title_changed: [sampleChatIds.group, null, sampleUsers.alice.user_id],
    message_construction_request: [null, null, sampleUsers.alice.user_id],
    message_constructed: [null, null, sampleUsers.alice.user_id],
    message_chat_created: [created, 'chat', null],
  };

  it.each(UPDATE_TYPES)('%s', (type) => {
    const u = sampleUpdates[type];
    expect([chatIdOf(u), chatTypeOf(u), userIdOf(u)]).toEqual(expected[type]);
  });

  it('a callback whose message was deleted names no chat; unknown update types name nothing', () => {
    const orphan = freshSampleUpdate('message_callback');
    orphan.message = null;
    expect([chatIdOf(orphan), chatTypeOf(orphan), userOf(orphan)?.user_id]).toEqual([
      null,
      null,
      sampleUsers.alice.user_id,
    ]);
    const unknown = { update_type: 'chat_photo_changed', timestamp: 1, chat_id: 5 };
    expect([chatIdOf(unknown), chatTypeOf(unknown), userIdOf(unknown)]).toEqual([null, null, null]);
  });
});

describe('inChat', () => {
  it('passes updates of the given chats, of any type', () => {
    const out = run(all, inChat(sampleChatIds.channel, created));
    expect(out.map((u) => u.update_type)).toEqual(['message_edited', 'bot_removed', 'message_chat_created']);
  });

  it(
    'passes errors on and unsubscribes upstream',
    marbles((m) => {
      const a = message('x', 7);
      const b = message('y', 8);
      m.expect(m.cold('-a-b-#', { a, b }).pipe(inChat(8))).toBeObservable('---b-#', { b });
      const endless = m.cold('-a-a', { a });
      m.expect(endless.pipe(inChat(7)), '^-!').toBeObservable('-a-', { a });
      m.expect(endless).toHaveSubscriptions('^-!');
    }),
  );

  it('rejects ids that are not integers', () => {
    expect(() => inChat(1.5)).toThrow(/chat ids are integers, got 1.5/);
  });
});

describe('ofChatType', () => {
  it('dialogs only, chats and channels, and a type no update tells never passes unknown ones', () => {
    expect(run(all, ofChatType('dialog')).map((u) => u.update_type)).toEqual(['message_callback', 'bot_started']);
    expect(run(all, ofChatType('channel')).map((u) => u.update_type)).toEqual(['message_edited', 'bot_removed']);
    expect(run(all, ofChatType('chat', 'channel'))).toHaveLength(7);
  });

  it('rejects unknown chat types', () => {
    expect(() => ofChatType('group' as ChatType)).toThrow(
      /'group' is not a chat type; expected one of dialog, chat, channel/,
    );
  });
});

describe('fromUser', () => {
  it('passes updates from the given users', () => {
    expect(run(all, fromUser(sampleUsers.bob.user_id)).map((u) => u.update_type)).toEqual([
      'bot_removed',
      'user_removed',
    ]);
    expect(run([message('hi', 1, { userId: 42 }), message('hi', 1, { userId: 43 })], fromUser(42))).toHaveLength(1);
  });

  it(
    'passes errors on',
    marbles((m) => {
      m.expect(
        m.cold('-a-#', { a: sampleUpdates.bot_started }).pipe(fromUser(sampleUsers.alice.user_id)),
      ).toBeObservable('-a-#', { a: sampleUpdates.bot_started });
    }),
  );
});
