/**
 * `npx tsx examples/broadcast/main.ts` — with TAMTAM_TOKEN set, on the real API; else on a local
 * emulator. BROADCAST_PERIOD_MS sets the period (default 30 s here, to see it work).
 */
import { runBot } from '../../src/node/index';
import { broadcastBot } from './bot';

const period = Number(process.env['BROADCAST_PERIOD_MS']) || 30_000;

await runBot((api, updates$) => broadcastBot(api, updates$, { period }), {
  name: 'broadcast',
  hint: `send /subscribe as Alice (or in the group); news arrives every ${period / 1000} s`,
});
