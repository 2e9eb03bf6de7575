/**
 * The official Max client, `@maxhub/max-bot-api` (a Max-only library, unmodified), runs against
 * the emulator in the Max dialect: only its base URL changes. It authenticates with the raw
 * token in the Authorization header, calls getMyInfo, sends a message and receives a user's
 * message through its own long polling.
 */
import { Bot } from '@maxhub/max-bot-api';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WORLD_IDS as ids, startEmulator } from '../../src/emulator';
import type { Emulator } from '../../src/emulator';
import { waitFor } from '../../src/testing';

let emulator: Emulator | undefined;
let bot: Bot | undefined;

afterEach(async () => {
  bot?.stopPolling();
  bot = undefined;
  await emulator?.close();
  emulator = undefined;
});

describe('@maxhub/max-bot-api against the Max-dialect emulator', () => {
  it('gets its info, sends a message and receives an update by long polling', async () => {
    emulator = await startEmulator({ dialect: 'max' });
    const running = emulator;
    bot = new Bot(running.token, { clientOptions: { baseUrl: running.url } });

    const me = await bot.api.getMyInfo();
    expect(me).toMatchObject({ user_id: ids.bot, first_name: running.bot.info().name, is_bot: true });

    const sent = await bot.api.sendMessageToUser(ids.alice, 'Hello from the official client');
    expect(sent.body.text).toBe('Hello from the official client');
    expect(running.inspect.sentMessages().map((m) => m.body.text)).toContain('Hello from the official client');

    const received: string[] = [];
    bot.on('message_created', async (ctx) => {
      received.push(ctx.message?.body.text ?? '');
      await ctx.reply(`echo: ${ctx.message?.body.text ?? ''}`);
    });
    const polling = bot.start();
    // The client polls without a marker first (Max: only the latest update): wait for its poll.
    await waitFor(() => running.updates.waiting() > 0, { timeout: 5_000 });
    running.actAs(ids.alice).sendToBot('ping');
    await waitFor(() => running.inspect.sentMessages().some((m) => m.body.text === 'echo: ping'), { timeout: 5_000 });
    expect(received).toEqual(['ping']);
    expect(running.inspect.requests().every((r) => r.status !== 401 && r.status !== 403)).toBe(true);
    bot.stopPolling();
    await polling;
  });
});
