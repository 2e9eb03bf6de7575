import { firstValueFrom, mergeMap, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import { ofType, reply } from '../../src/operators/index';
import { getMyInfo } from '../../src/actions/index';
import { type BotFunction, startTestBot, withEmulator } from '../../src/testing/entry-emulator';

const { alice, group } = DEFAULT_WORLD_IDS;

const shout: BotFunction = (api, updates$) =>
  updates$.pipe(
    ofType('message_created'),
    mergeMap((u) => reply(api, u, (u.message.body.text ?? '').toUpperCase())),
  );

describe('startTestBot', () => {
  it('runs the bot against a fresh emulator and waits for its messages', async () => {
    const t = await startTestBot({ bot: shout });
    try {
      expect((await firstValueFrom(getMyInfo(t.api))).user_id).toBe(DEFAULT_WORLD_IDS.bot);
      t.emulator.actAs(alice).sendToBot('hi');
      const message = await t.waitForSent({ userId: alice, text: 'HI' });
      expect(message.recipient.chat_id).toBe(DEFAULT_WORLD_IDS.dialogWithAlice);
    } finally {
      await t.close();
      await t.close(); // twice is fine
    }
    await expect(fetch(t.emulator.url)).rejects.toThrow();
  });

  it('gives the update source without a bot', async () => {
    const t = await startTestBot({ emulator: { token: 'kit-token' } });
    try {
      expect(t.emulator.token).toBe('kit-token');
      const first = firstValueFrom(t.updates$);
      t.emulator.actAs(alice).sendMessage(group, 'hello group');
      expect(await first).toMatchObject({ update_type: 'message_created', message: { body: { text: 'hello group' } } });
    } finally {
      await t.close();
    }
  });

  it('times out listing what the bot did send', async () => {
    const t = await startTestBot({ bot: shout });
    try {
      t.emulator.actAs(alice).sendToBot('one');
      await t.waitForSent({ text: 'ONE' });
      await expect(t.waitForSent({ text: 'TWO' }, { timeout: 100 })).rejects.toThrow(
        `Timed out after 100 ms waiting for a message with text "TWO"\nMessages the bot sent (1):\n  1. to user ${alice} (chat ${DEFAULT_WORLD_IDS.dialogWithAlice}): "ONE"`,
      );
    } finally {
      await t.close();
    }
  });

  it('fails a wait at once when the bot stopped with an error', async () => {
    const broken: BotFunction = (_api, updates$) =>
      updates$.pipe(mergeMap(() => throwError(() => new Error('handler exploded'))));
    const t = await startTestBot({ bot: broken });
    try {
      t.emulator.actAs(alice).sendToBot('boom');
      const started = Date.now();
      await expect(t.waitForSent({}, { timeout: 4000 })).rejects.toThrow(
        'The bot stopped with an error: handler exploded',
      );
      expect(Date.now() - started).toBeLessThan(3000);
      expect(t.errors).toHaveLength(1);
    } finally {
      await t.close();
    }
  });
});

describe('withEmulator', () => {
  it('closes the emulator after the test, also when it throws', async () => {
    let url = '';
    await expect(
      withEmulator(({ emulator }) => {
        url = emulator.url;
        throw new Error('test failed');
      }),
    ).rejects.toThrow('test failed');
    await expect(fetch(url)).rejects.toThrow();
    expect(await withEmulator(({ emulator }) => emulator.users.list().length)).toBe(3);
  });
});

describe("startTestBot({ dialect: 'max' })", () => {
  const shoutMax: BotFunction<'max'> = (api, updates$) =>
    updates$.pipe(
      ofType('message_created'),
      mergeMap((u) => reply(api, u, (u.message.body.text ?? '').toUpperCase())),
    );

  it('runs the bot on a Max emulator with a Max api', async () => {
    const t = await startTestBot({ dialect: 'max', bot: shoutMax });
    try {
      expect(t.emulator.dialect).toBe('max');
      expect(t.api.dialect?.name).toBe('Max');
      expect((await firstValueFrom(getMyInfo(t.api))).user_id).toBe(DEFAULT_WORLD_IDS.bot);
      // header-only auth: a query token is refused
      const byQuery = await fetch(`${t.emulator.url}/me?access_token=${encodeURIComponent(t.emulator.token)}`);
      expect(byQuery.status).toBe(403);
      t.emulator.actAs(alice).sendToBot('hello max');
      await t.waitForSent({ chatId: DEFAULT_WORLD_IDS.dialogWithAlice, text: 'HELLO MAX' });
    } finally {
      await t.close();
    }
  });

  it('withEmulator takes the same option', () =>
    withEmulator(
      async ({ emulator, waitForSent }) => {
        expect(emulator.dialect).toBe('max');
        emulator.actAs(alice).sendToBot('both');
        await waitForSent({ text: 'BOTH' });
      },
      { dialect: 'max', bot: shoutMax },
    ));
});
