/**
 * `npx tsx examples/upload/main.ts` — with TAMTAM_TOKEN set, on the real API; else on a local emulator.
 */
import { runBot } from '../../src/node/index';
import { uploadBot } from './bot';

await runBot(uploadBot, { name: 'upload', hint: 'as Alice, send /photo or "/file remember the milk" to the bot' });
