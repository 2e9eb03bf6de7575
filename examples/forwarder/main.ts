/**
 * `npx tsx examples/forwarder/main.ts` — with TAMTAM_TOKEN set, on the real API (set
 * FORWARD_TO_CHAT_ID and CHANNEL_URL too); else on a local emulator, forwarding to the group.
 */
import { DEFAULT_WORLD_IDS } from '../../src/emulator/index';
import { runBot } from '../../src/node/index';
import { forwarderBot } from './bot';

const targetChatId = Number(process.env['FORWARD_TO_CHAT_ID'] ?? DEFAULT_WORLD_IDS.group);
const channelUrl = process.env['CHANNEL_URL'] ?? 'https://tt.me/emulator_news';

await runBot((api, updates$) => forwarderBot(api, updates$, { targetChatId, channelUrl }), {
  name: 'forwarder',
  hint: 'as Alice, send /start to the bot, write something or share your phone; watch the group "Emulator Lounge"',
});
