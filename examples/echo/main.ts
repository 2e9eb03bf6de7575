/**
 * `npx tsx examples/echo/main.ts` — with TAMTAM_TOKEN set, on the real API; else on a local emulator.
 */
import { runBot } from '../../src/node/index';
import { echoBot } from './bot';

await runBot(echoBot, { name: 'echo', hint: 'write anything to the bot as Alice in the web chat' });
