// The bot the Dockerfile and deploy/tamtam-bot.service run: plain JavaScript on the built
// package, so production needs no TypeScript tooling (`npm ci --omit=dev` is enough).
// Replace the bot function with your own; keep runBot, which handles SIGTERM, errors and logs.
//
//   TAMTAM_TOKEN=...  TAMTAM_MARKER_FILE=/data/polling.json  node deploy/bot.mjs
import { merge } from 'rxjs';
import { command, ofType, perChat, reply } from 'tamtam-rx';
import { runBot } from 'tamtam-rx/node';

/** @param {import('tamtam-rx').Api} api @param {import('rxjs').Observable<import('tamtam-rx').Update>} updates$ */
function bot(api, updates$) {
  return merge(
    updates$.pipe(
      command('start'),
      perChat((u) => reply(api, u, { text: 'Hello! Send me any text and I will send it back.' })),
    ),
    updates$.pipe(
      ofType('message_created'),
      perChat((u) => {
        const text = u.message.body.text ?? '';
        return text === '' || text.startsWith('/') ? [] : reply(api, u, { text }, { quote: true });
      }),
    ),
  );
}

runBot(bot, { name: process.env.BOT_NAME ?? 'tamtam' });
