/**
 * `npx tsx examples/faq/main.ts` — with TAMTAM_TOKEN set, on the real API; else on a local emulator.
 */
import { runBot } from '../../src/node/index';
import { faqBot } from './bot';

await runBot((api, updates$) => faqBot(api, updates$, { supportUrl: 'https://example.com/support' }), {
  name: 'FAQ',
  hint: 'as Alice, send /start to the bot and press the topics',
});
