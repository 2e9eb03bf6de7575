import { describe, expect, it } from 'vitest';
import {
  editChat,
  getChat,
  getChatByLink,
  getChats,
  getMembership,
  getPinnedMessage,
  leaveChat,
  pinMessage,
  sendAction,
  unpinMessage,
} from '../../src/actions/index';
import type { Chat, ChatPatch, PinMessageBody, SenderAction } from '../../src/types/index';
import { sampleChatIds } from '../fixtures/updates';
import { botMembership, chatList, groupChat, pinnedResult, success } from './responses';
import { expectCold, expectGuards, expectOnlyRequest, expectRequest, run, useWire } from './support';

const wire = useWire();
const GROUP = sampleChatIds.group;

describe('getChats', () => {
  it('GETs /chats with count and marker and emits the ChatList', async () => {
    wire.server.queue({ body: chatList });
    expect(await run(getChats(wire.api, { count: 100, marker: 70_398_221 }))).toEqual(chatList);
    expectOnlyRequest(wire.server, { method: 'GET', path: '/chats', query: { count: '100', marker: '70398221' } });
  });

  it('sends no paging parameters when none are given (marker null = first page)', async () => {
    wire.server.respond(() => ({ body: { chats: [], marker: null } }));
    expect(await run(getChats(wire.api))).toEqual({ chats: [], marker: null });
    await run(getChats(wire.api, { marker: null }));
    expectRequest(wire.server.requests[0], { method: 'GET', path: '/chats' });
    expectRequest(wire.server.requests[1], { method: 'GET', path: '/chats' });
  });

  it('refuses a count outside 1..100, sending nothing', async () => {
    await expectGuards(wire.server, [
      [getChats(wire.api, { count: 0 }), /^getChats: count must be between 1 and 100, got 0/],
      [getChats(wire.api, { count: 101 }), /^getChats: count must be between 1 and 100, got 101/],
      [getChats(wire.api, { count: 2.5 }), /^getChats: count must be an integer, got 2\.5/],
    ]);
  });
});

describe('getChatByLink', () => {
  it('GETs /chats/{link} and emits the Chat', async () => {
    wire.server.queue({ body: groupChat });
    expect(await run(getChatByLink(wire.api, '@release_crew'))).toEqual(groupChat);
    expect(wire.server.requests).toHaveLength(1);
    const [seen] = wire.server.requests;
    expect(decodeURIComponent(seen?.path ?? '')).toBe('/chats/@release_crew');
    expectRequest(seen, { method: 'GET', path: seen?.path ?? '' });
  });

  it('keeps a link inside its path segment (no path or query injection)', async () => {
    wire.server.queue({ body: groupChat });
    await run(getChatByLink(wire.api, 'a/b?count=1'));
    expectOnlyRequest(wire.server, { method: 'GET', path: '/chats/a%2Fb%3Fcount%3D1' });
  });

  it('refuses an empty link, sending nothing', async () => {
    await expectGuards(wire.server, [
      [getChatByLink(wire.api, ''), /^getChatByLink: chatLink must be a non-empty string/],
      [getChatByLink(wire.api, '  '), /^getChatByLink: chatLink must be a non-empty string/],
    ]);
  });
});

describe('getChat', () => {
  it('GETs /chats/{chatId} (negative ids of group chats included) and emits the Chat', async () => {
    wire.server.queue({ body: groupChat });
    expect(await run(getChat(wire.api, GROUP))).toEqual(groupChat);
    expectOnlyRequest(wire.server, { method: 'GET', path: `/chats/${GROUP}` });
  });
});

describe('editChat', () => {
  it('PATCHes /chats/{chatId} with the ChatPatch as JSON and emits the Chat', async () => {
    const patch: ChatPatch = {
      title: 'Release crew — Q4',
      icon: { url: 'https://cdn.example.com/q4.png' },
      notify: false,
    };
    const edited: Chat = { ...groupChat, title: 'Release crew — Q4' };
    wire.server.queue({ body: edited });
    expect(await run(editChat(wire.api, GROUP, patch))).toEqual(edited);
    expectOnlyRequest(wire.server, { method: 'PATCH', path: `/chats/${GROUP}`, json: patch });
  });

  it('refuses a patch that is not an object, sending nothing', async () => {
    await expectGuards(wire.server, [
      [editChat(wire.api, GROUP, 'title' as unknown as ChatPatch), /^editChat: patch must be an object/],
    ]);
  });
});

describe('sendAction', () => {
  it('POSTs {action} to /chats/{chatId}/actions and emits the result', async () => {
    wire.server.queue({ body: success });
    expect(await run(sendAction(wire.api, GROUP, 'typing_on'))).toEqual(success);
    expectOnlyRequest(wire.server, { method: 'POST', path: `/chats/${GROUP}/actions`, json: { action: 'typing_on' } });
  });

  it('refuses an empty action, sending nothing', async () => {
    await expectGuards(wire.server, [
      [sendAction(wire.api, GROUP, '' as SenderAction), /^sendAction: action must be a non-empty string/],
    ]);
  });
});

describe('getPinnedMessage', () => {
  it('GETs /chats/{chatId}/pin and emits the result', async () => {
    wire.server.queue({ body: pinnedResult });
    expect(await run(getPinnedMessage(wire.api, GROUP))).toEqual(pinnedResult);
    expectOnlyRequest(wire.server, { method: 'GET', path: `/chats/${GROUP}/pin` });
  });

  it('emits message: null when nothing is pinned', async () => {
    wire.server.queue({ body: { message: null } });
    expect(await run(getPinnedMessage(wire.api, GROUP))).toEqual({ message: null });
  });
});

describe('pinMessage', () => {
  it('PUTs the PinMessageBody to /chats/{chatId}/pin', async () => {
    const body: PinMessageBody = { message_id: 'mid.fe7d1c3a0000018fd3a10c55', notify: false };
    wire.server.queue({ body: success });
    expect(await run(pinMessage(wire.api, GROUP, body))).toEqual(success);
    expectOnlyRequest(wire.server, { method: 'PUT', path: `/chats/${GROUP}/pin`, json: body });
  });

  it('refuses a body without message_id, sending nothing', async () => {
    await expectGuards(wire.server, [
      [pinMessage(wire.api, GROUP, { message_id: '' }), /^pinMessage: body\.message_id must be a non-empty string/],
      [
        pinMessage(wire.api, GROUP, {} as PinMessageBody),
        /^pinMessage: body\.message_id must be a non-empty string, got undefined/,
      ],
      [pinMessage(wire.api, GROUP, null as unknown as PinMessageBody), /^pinMessage: body must be an object/],
    ]);
  });
});

describe('unpinMessage', () => {
  it('DELETEs /chats/{chatId}/pin without a body', async () => {
    wire.server.queue({ body: success });
    expect(await run(unpinMessage(wire.api, GROUP))).toEqual(success);
    expectOnlyRequest(wire.server, { method: 'DELETE', path: `/chats/${GROUP}/pin` });
  });
});

describe('getMembership', () => {
  it('GETs /chats/{chatId}/members/me and emits the ChatMember', async () => {
    wire.server.queue({ body: botMembership });
    expect(await run(getMembership(wire.api, GROUP))).toEqual(botMembership);
    expectOnlyRequest(wire.server, { method: 'GET', path: `/chats/${GROUP}/members/me` });
  });
});

describe('leaveChat', () => {
  it('DELETEs /chats/{chatId}/members/me', async () => {
    wire.server.queue({ body: success });
    expect(await run(leaveChat(wire.api, GROUP))).toEqual(success);
    expectOnlyRequest(wire.server, { method: 'DELETE', path: `/chats/${GROUP}/members/me` });
  });
});

describe('chat actions: shared behaviour', () => {
  it('every action taking a chatId refuses a non-integer one, naming the operation, sending nothing', async () => {
    const api = wire.api;
    const bad = [1.5, Number.NaN, '-70398221604117' as unknown as number, 2 ** 60] as const;
    const calls = bad.flatMap(
      (chatId) =>
        [
          [getChat(api, chatId), 'getChat'],
          [editChat(api, chatId, { title: 't' }), 'editChat'],
          [sendAction(api, chatId, 'mark_seen'), 'sendAction'],
          [getPinnedMessage(api, chatId), 'getPinnedMessage'],
          [pinMessage(api, chatId, { message_id: 'mid.1' }), 'pinMessage'],
          [unpinMessage(api, chatId), 'unpinMessage'],
          [getMembership(api, chatId), 'getMembership'],
          [leaveChat(api, chatId), 'leaveChat'],
        ] as const,
    );
    await expectGuards(
      wire.server,
      calls.map(([call, operation]) => [call, new RegExp(`^${operation}: chatId must be an integer, got `)] as const),
    );
  });

  it('nothing is sent before subscribe (cold)', async () => {
    wire.server.respond(() => ({ body: success }));
    const api = wire.api;
    await expectCold(wire.server, [
      getChats(api),
      getChatByLink(api, 'release_crew'),
      getChat(api, GROUP),
      editChat(api, GROUP, { title: 't' }),
      sendAction(api, GROUP, 'typing_on'),
      getPinnedMessage(api, GROUP),
      pinMessage(api, GROUP, { message_id: 'mid.1' }),
      unpinMessage(api, GROUP),
      getMembership(api, GROUP),
      leaveChat(api, GROUP),
    ]);
  });
});
