/**
 * `npx tsx examples/echo/main.ts` — with TAMTAM_TOKEN set, on the real TamTam API; with MAX_TOKEN, on Max; else on a local emulator (TAMTAM_RX_DIALECT=max: a Max one).
 */
import { runBot } from '../../src/node/index';
import { echoBot } from './bot';

await runBot(echoBot, { name: 'echo', hint: 'write anything to the bot as Alice in the web chat' });
