/**
 * `npx tsx examples/upload/main.ts` — with TAMTAM_TOKEN set, on the real TamTam API; with MAX_TOKEN, on Max; else on a local emulator (TAMTAM_RX_DIALECT=max: a Max one).
 */
import { runBot } from '../../src/node/index';
import { uploadBot } from './bot';

await runBot(uploadBot, { name: 'upload', hint: 'as Alice, send /photo or "/file remember the milk" to the bot' });
