import { describe, expect, it } from 'vitest';
import { editMyInfo, getMyInfo } from '../../src/actions/index';
import type { BotInfo, BotPatch } from '../../src/types/index';
import { botInfo } from './responses';
import { expectCold, expectGuards, expectOnlyRequest, run, useWire } from './support';

const wire = useWire();

describe('getMyInfo', () => {
  it('GETs /me with token and version and emits the BotInfo', async () => {
    wire.server.queue({ body: botInfo });
    expect(await run(getMyInfo(wire.api))).toEqual(botInfo);
    expectOnlyRequest(wire.server, { method: 'GET', path: '/me' });
  });
});

describe('bot actions are cold', () => {
  it('send nothing before subscribe', async () => {
    wire.server.respond(() => ({ body: botInfo }));
    await expectCold(wire.server, [getMyInfo(wire.api), editMyInfo(wire.api, { name: 'Release Bot 2' })]);
  });
});

describe('editMyInfo', () => {
  it('PATCHes /me with the BotPatch as JSON body and emits the updated BotInfo', async () => {
    const patch: BotPatch = {
      description: 'Ships releases',
      commands: [{ name: 'deploy', description: 'Deploy a build' }],
      photo: { url: 'https://cdn.example.com/bot.png' },
    };
    const updated: BotInfo = {
      ...botInfo,
      description: 'Ships releases',
      commands: [{ name: 'deploy', description: 'Deploy a build' }],
    };
    wire.server.queue({ body: updated });
    expect(await run(editMyInfo(wire.api, patch))).toEqual(updated);
    expectOnlyRequest(wire.server, { method: 'PATCH', path: '/me', json: patch });
  });

  it('refuses a patch that is not an object, sending nothing', async () => {
    await expectGuards(wire.server, [
      [editMyInfo(wire.api, null as unknown as BotPatch), /^editMyInfo: patch must be an object, got null/],
      [editMyInfo(wire.api, [] as unknown as BotPatch), /^editMyInfo: patch must be an object, got an array/],
    ]);
  });
});
