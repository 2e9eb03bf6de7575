/**
 * Echo bot: answers every text message with the same text, quoting it; asks for text when a
 * message has none (a photo, a sticker…).
 */
import type { Observable } from 'rxjs';
import { type Api, type MaxOperations, type TamTamOperations, type UpdateOfTable } from '../../src/index';
/**
 * Wires the echo bot. Subscribe to run it; unsubscribe to stop. Written once for both dialects:
 * `T` is the api's operation table, TamTam's or Max's, and the updates follow it.
 *
 * @example
 * echoBot(api, fromLongPolling(api)).subscribe();
 */
export declare function echoBot<T extends TamTamOperations | MaxOperations = TamTamOperations>(api: Api<T>, updates$: Observable<UpdateOfTable<T>>): Observable<unknown>;
