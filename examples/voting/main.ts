/**
 * `npx tsx examples/voting/main.ts` — with TAMTAM_TOKEN set, on the real TamTam API; with MAX_TOKEN, on Max; else on a local emulator (TAMTAM_RX_DIALECT=max: a Max one).
 */
import { runBot } from '../../src/node/index';
import { votingBot } from './bot';

await runBot(votingBot, {
  name: 'voting',
  hint: 'as Alice in the group, send "/poll Pizza or pasta?" and press the buttons as different users',
});
