/**
 * `npm start`: runs the demo bot. With TAMTAM_TOKEN set it talks to the real TamTam Bot API
 * (TAMTAM_MARKER_FILE keeps the polling position across restarts); otherwise it starts a local
 * emulator with Alice, Bob, Carol, a group chat and a channel, and prints the web chat URL.
 * PORT picks the emulator's port (default: a free one). Ctrl-C stops it cleanly.
 */
import { runBot } from '../shared/run-bot';
import { demoBot } from './bot';

await runBot('demo', demoBot, {
  hint: 'open the web chat, pick Alice and send /start to the bot; in "Emulator Lounge" send "/poll Pizza or pasta?" and vote as Bob and Carol',
});
