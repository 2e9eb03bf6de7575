/**
 * `npm start`: runs the demo bot. With TAMTAM_TOKEN set it talks to the real TamTam Bot API
 * (TAMTAM_MARKER_FILE keeps the polling position across restarts); otherwise it starts a local
 * emulator with Alice, Bob, Carol, a group chat and a channel, and prints the web chat URL.
 * TAMTAM_EMULATOR_PORT picks the emulator's port (default: a free one). Ctrl-C or SIGTERM stops it
 * cleanly (running handlers finish) and exits with 0. On Max: `TAMTAM_RX_DIALECT=max npm start`
 * runs the same bot on a Max emulator, and MAX_TOKEN=<token> npm start on the real Max Bot API.
 */
import { runBot } from '../../src/node/index';
import { demoBot } from './bot';

await runBot(demoBot, {
  name: 'demo',
  hint: 'open the web chat, pick Alice and send /start to the bot; in "Emulator Lounge" send "/poll Pizza or pasta?" and vote as Bob and Carol',
});
