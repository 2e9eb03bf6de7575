/**
 * `npx tsx examples/faq/main.ts` — with TAMTAM_TOKEN set, on the real TamTam API; with MAX_TOKEN, on Max; else on a local emulator (TAMTAM_RX_DIALECT=max: a Max one).
 */
import { runBot } from '../../src/node/index';
import { faqBot } from './bot';

await runBot((api, updates$) => faqBot(api, updates$, { supportUrl: 'https://example.com/support' }), {
  name: 'FAQ',
  hint: 'as Alice, send /start to the bot and press the topics',
});
