import { describe, expect, it } from 'vitest';
import { NEVER } from 'rxjs';
import { md } from '../../src/builders';
import { messageIdOf, reply, replyTarget } from '../../src/operators';
import type { UpdateType } from '../../src/types';
import { UPDATE_TYPES } from '../../src/types';
import { freshSampleUpdate, sampleChatIds, sampleUpdates, sampleUsers } from '../fixtures/updates';
import { createFakeApi } from '../../src/testing';

describe('replyTarget', () => {
  const created = sampleUpdates.message_chat_created.chat.chat_id;
  const expected: Record<UpdateType, object | null> = {
    message_created: { chat_id: sampleChatIds.group },
    message_callback: { chat_id: sampleChatIds.dialog },
    message_edited: { chat_id: sampleChatIds.channel },
    message_removed: { chat_id: sampleChatIds.group },
    bot_added: { chat_id: sampleChatIds.group },
    bot_removed: { chat_id: sampleChatIds.channel },
    user_added: { chat_id: sampleChatIds.group },
    user_removed: { chat_id: sampleChatIds.group },
    bot_started: { chat_id: sampleChatIds.dialog },
    chat_title_changed: { chat_id: sampleChatIds.group },
    message_construction_request: null,
    message_constructed: null,
    message_chat_created: { chat_id: created },
  };

  it.each(UPDATE_TYPES)('%s', (type) => {
    expect(replyTarget(sampleUpdates[type])).toEqual(expected[type]);
  });

  it('a dialog message without a chat id goes to its author; a callback without its message goes nowhere', () => {
    const dm = freshSampleUpdate('message_created');
    dm.message.recipient = { chat_id: null, chat_type: 'dialog', user_id: sampleUsers.bot.user_id };
    expect(replyTarget(dm)).toEqual({ user_id: sampleUsers.alice.user_id });
    const orphan = freshSampleUpdate('message_callback');
    orphan.message = null;
    expect(replyTarget(orphan)).toBeNull();
  });

  it('messageIdOf names the message an update is about', () => {
    expect(messageIdOf(sampleUpdates.message_created)).toBe(sampleUpdates.message_created.message.body.mid);
    expect(messageIdOf(sampleUpdates.message_callback)).toBe(sampleUpdates.message_callback.message?.body.mid);
    expect(messageIdOf(sampleUpdates.message_removed)).toBe(sampleUpdates.message_removed.message_id);
    expect(messageIdOf(sampleUpdates.bot_started)).toBeNull();
  });
});

describe('reply', () => {
  it('is cold: nothing is sent before subscribe', () => {
    const api = createFakeApi();
    const sending = reply(api, sampleUpdates.message_created, 'hi');
    expect(api.requests()).toHaveLength(0);
    sending.subscribe();
    expect(api.requests()).toHaveLength(1);
  });

  it('sends a text to the chat of the update', () => {
    const api = createFakeApi();
    reply(api, sampleUpdates.bot_added, 'Thanks for adding me').subscribe();
    expect(api.requests()).toHaveLength(1);
    expect(api.requests('sendMessage')[0]).toMatchObject({
      operation: 'sendMessage',
      method: 'POST',
      path: '/messages',
      query: { chat_id: sampleChatIds.group },
      body: { text: 'Thanks for adding me' },
    });
  });

  it('sends formatted text, quotes the message and disables link previews on request', () => {
    const api = createFakeApi();
    const requests = () => api.requests('sendMessage');
    const u = sampleUpdates.message_created;
    reply(
      api,
      u,
      { ...md`Hi ${md.bold('*you*')}`, notify: false },
      { quote: true, disableLinkPreview: true },
    ).subscribe();
    expect(requests()[0]?.query).toMatchObject({ chat_id: sampleChatIds.group, disable_link_preview: true });
    expect(requests()[0]?.body).toEqual({
      text: 'Hi **\\*you\\***',
      format: 'markdown',
      notify: false,
      link: { type: 'reply', mid: u.message.body.mid },
    });
  });

  it('quote keeps an explicit link and is ignored for updates whose message lives elsewhere', () => {
    const api = createFakeApi();
    reply(
      api,
      sampleUpdates.message_created,
      { text: 'x', link: { type: 'forward', mid: 'mid.1' } },
      { quote: true },
    ).subscribe();
    reply(api, sampleUpdates.message_chat_created, 'welcome to the new chat', { quote: true }).subscribe();
    expect(api.requests('sendMessage').map((r) => r.body.link)).toEqual([{ type: 'forward', mid: 'mid.1' }, undefined]);
  });

  it('errors on subscribe with a clear message when there is no chat to answer in', () => {
    const api = createFakeApi();
    let error: unknown;
    reply(api, sampleUpdates.message_construction_request, 'hi').subscribe({ error: (e: unknown) => (error = e) });
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).toMatch(/'message_construction_request' update names no chat to answer in; use sendMessage/);
    expect(api.requests()).toHaveLength(0);
  });

  it('unsubscribing cancels the request', () => {
    const api = createFakeApi().respondOnce('sendMessage', NEVER);
    const subscription = reply(api, sampleUpdates.bot_started, 'hi').subscribe();
    expect(api.requests('sendMessage')[0]?.outcome).toBe('pending');
    subscription.unsubscribe();
    expect(api.requests('sendMessage')).toHaveLength(1);
    expect(api.requests('sendMessage')[0]?.outcome).toBe('cancelled');
  });
});
