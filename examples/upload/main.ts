/**
 * `npx tsx examples/upload/main.ts` — with TAMTAM_TOKEN set, on the real API; else on a local emulator.
 */
import { runBot } from '../shared/run-bot';
import { uploadBot } from './bot';

await runBot('upload', uploadBot, { hint: 'as Alice, send /photo or "/file remember the milk" to the bot' });
