/**
 * `npx tsx examples/voting/main.ts` — with TAMTAM_TOKEN set, on the real API; else on a local emulator.
 */
import { runBot } from '../../src/node/index';
import { votingBot } from './bot';

await runBot(votingBot, {
  name: 'voting',
  hint: 'as Alice in the group, send "/poll Pizza or pasta?" and press the buttons as different users',
});
