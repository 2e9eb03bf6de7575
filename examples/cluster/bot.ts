/**
 * The cluster example's bot: answers every text message, saying which worker handled it. The
 * same pipeline would run on one process with `fromLongPolling`; on many, the worker source
 * feeds it.
 */
import type { Observable } from 'rxjs';
import { type Api, type TamTamOperations, type Update, ofType, perChat, reply } from '../../src/index';

/**
 * Wires the bot of one worker process.
 *
 * @example
 * clusterBot(api, fromRedisStream(client, { consumer: 'w1' }), 'w1').subscribe();
 */
export function clusterBot(
  api: Api<TamTamOperations>,
  updates$: Observable<Update>,
  worker: string,
): Observable<unknown> {
  return updates$.pipe(
    ofType('message_created'),
    perChat((update) => reply(api, update, `${worker} handled: ${update.message.body.text ?? '(no text)'}`)),
  );
}
