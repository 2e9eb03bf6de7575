import { describe, expect, it } from 'vitest';
import { addMembers, getAdmins, getMembers, removeMember } from '../../src/actions/index';
import { sampleChatIds, sampleUsers } from '../fixtures/updates';
import { membersList, success } from './responses';
import { expectCold, expectGuards, expectOnlyRequest, expectRequest, run, useWire } from './support';

const wire = useWire();
const GROUP = sampleChatIds.group;
const ALICE = sampleUsers.alice.user_id;
const BOB = sampleUsers.bob.user_id;

describe('getAdmins', () => {
  it('GETs /chats/{chatId}/members/admins and emits the ChatMembersList', async () => {
    const admins = { members: membersList.members.filter((m) => m.is_admin) };
    wire.server.queue({ body: admins });
    expect(await run(getAdmins(wire.api, GROUP))).toEqual(admins);
    expectOnlyRequest(wire.server, { method: 'GET', path: `/chats/${GROUP}/members/admins` });
  });
});

describe('getMembers', () => {
  it('GETs /chats/{chatId}/members with marker and count and emits the page', async () => {
    wire.server.queue({ body: membersList });
    expect(await run(getMembers(wire.api, GROUP, { marker: 590_412_771, count: 100 }))).toEqual(membersList);
    expectOnlyRequest(wire.server, {
      method: 'GET',
      path: `/chats/${GROUP}/members`,
      query: { marker: '590412771', count: '100' },
    });
  });

  it('sends user_ids comma-separated, and nothing for absent parameters', async () => {
    wire.server.respond(() => ({ body: membersList }));
    await run(getMembers(wire.api, GROUP, { user_ids: [ALICE, BOB] }));
    await run(getMembers(wire.api, GROUP, { user_ids: [] }));
    expectRequest(wire.server.requests[0], {
      method: 'GET',
      path: `/chats/${GROUP}/members`,
      query: { user_ids: `${ALICE},${BOB}` },
    });
    expectRequest(wire.server.requests[1], { method: 'GET', path: `/chats/${GROUP}/members` });
  });

  it('refuses bad user ids and a count outside 1..100, sending nothing', async () => {
    await expectGuards(wire.server, [
      [
        getMembers(wire.api, GROUP, { user_ids: [ALICE, 'bob' as unknown as number] }),
        /^getMembers: user_ids\[1\] must be an integer, got "bob"/,
      ],
      [getMembers(wire.api, GROUP, { count: 0 }), /^getMembers: count must be between 1 and 100, got 0/],
      [getMembers(wire.api, GROUP, { count: 500 }), /^getMembers: count must be between 1 and 100, got 500/],
    ]);
  });
});

describe('addMembers', () => {
  it('POSTs {user_ids} as JSON to /chats/{chatId}/members', async () => {
    wire.server.queue({ body: success });
    expect(await run(addMembers(wire.api, GROUP, [ALICE, BOB]))).toEqual(success);
    expectOnlyRequest(wire.server, {
      method: 'POST',
      path: `/chats/${GROUP}/members`,
      json: { user_ids: [ALICE, BOB] },
    });
  });

  it('refuses an empty list or a non-integer id, sending nothing', async () => {
    await expectGuards(wire.server, [
      [addMembers(wire.api, GROUP, []), /^addMembers: userIds must be a non-empty array/],
      [addMembers(wire.api, GROUP, 'all' as unknown as number[]), /^addMembers: userIds must be a non-empty array/],
      [addMembers(wire.api, GROUP, [ALICE, 1.5]), /^addMembers: userIds\[1\] must be an integer, got 1\.5/],
    ]);
  });
});

describe('removeMember', () => {
  it('DELETEs /chats/{chatId}/members with user_id and block in the query, no body', async () => {
    wire.server.queue({ body: success });
    expect(await run(removeMember(wire.api, GROUP, BOB, { block: true }))).toEqual(success);
    expectOnlyRequest(wire.server, {
      method: 'DELETE',
      path: `/chats/${GROUP}/members`,
      query: { user_id: String(BOB), block: 'true' },
    });
  });

  it('sends block=false when asked, and no block at all when not given', async () => {
    wire.server.respond(() => ({ body: success }));
    await run(removeMember(wire.api, GROUP, BOB, { block: false }));
    await run(removeMember(wire.api, GROUP, BOB));
    expectRequest(wire.server.requests[0], {
      method: 'DELETE',
      path: `/chats/${GROUP}/members`,
      query: { user_id: String(BOB), block: 'false' },
    });
    expectRequest(wire.server.requests[1], {
      method: 'DELETE',
      path: `/chats/${GROUP}/members`,
      query: { user_id: String(BOB) },
    });
  });

  it('refuses a non-integer user id, sending nothing', async () => {
    await expectGuards(wire.server, [
      [
        removeMember(wire.api, GROUP, '590877103' as unknown as number),
        /^removeMember: userId must be an integer, got "590877103"/,
      ],
      [removeMember(wire.api, GROUP, Number.NaN), /^removeMember: userId must be an integer, got NaN/],
    ]);
  });
});

describe('member actions: shared behaviour', () => {
  it('refuse a non-integer chatId, naming the operation, sending nothing', async () => {
    const api = wire.api;
    await expectGuards(wire.server, [
      [getAdmins(api, 0.5), /^getAdmins: chatId must be an integer, got 0\.5/],
      [getMembers(api, 0.5), /^getMembers: chatId must be an integer, got 0\.5/],
      [addMembers(api, 0.5, [ALICE]), /^addMembers: chatId must be an integer, got 0\.5/],
      [removeMember(api, 0.5, ALICE), /^removeMember: chatId must be an integer, got 0\.5/],
    ]);
  });

  it('nothing is sent before subscribe (cold)', async () => {
    wire.server.respond(() => ({ body: success }));
    const api = wire.api;
    await expectCold(wire.server, [
      getAdmins(api, GROUP),
      getMembers(api, GROUP),
      addMembers(api, GROUP, [ALICE]),
      removeMember(api, GROUP, ALICE),
    ]);
  });
});
