/**
 * `npx tsx examples/echo/main.ts` — with TAMTAM_TOKEN set, on the real API; else on a local emulator.
 */
import { runBot } from '../shared/run-bot';
import { echoBot } from './bot';

await runBot('echo', echoBot, { hint: 'write anything to the bot as Alice in the web chat' });
