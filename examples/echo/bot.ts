/**
 * Echo bot: answers every text message with the same text, quoting it; asks for text when a
 * message has none (a photo, a sticker…).
 */
import type { Observable } from 'rxjs';
import {
  type Api,
  type MaxOperations,
  type TamTamOperations,
  type UpdateOfTable,
  ofType,
  perChat,
  reply,
} from '../../src/index';

/**
 * Wires the echo bot. Subscribe to run it; unsubscribe to stop. Written once for both dialects:
 * `T` is the api's operation table, TamTam's or Max's, and the updates follow it.
 *
 * @example
 * echoBot(api, fromLongPolling(api)).subscribe();
 */
export function echoBot<T extends TamTamOperations | MaxOperations = TamTamOperations>(
  api: Api<T>,
  updates$: Observable<UpdateOfTable<T>>,
): Observable<unknown> {
  return updates$.pipe(
    ofType('message_created'),
    perChat((update) => {
      const text = update.message.body.text;
      return text
        ? reply(api, update, { text }, { quote: true })
        : reply(api, update, 'I can only echo text. Send me a few words!');
    }),
  );
}
