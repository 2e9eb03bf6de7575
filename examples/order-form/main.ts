/**
 * `npx tsx examples/order-form/main.ts` — with TAMTAM_TOKEN set, on the real API; else on a
 * local emulator. Forms in progress are kept in ./.data/order-form: stop the bot mid-order,
 * start it again, and the form continues.
 */
import { fileStateStore, runBot } from '../../src/node/index';
import { orderBot } from './bot';

const store = fileStateStore('./.data/order-form');

await runBot((api, updates$) => orderBot(api, updates$, { store }), {
  name: 'order-form',
  hint: 'as Alice in her dialog, send /order, then answer (or /cancel)',
});
