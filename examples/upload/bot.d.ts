/**
 * Upload bot: `/photo` uploads a picture and sends it; `/file <text>` turns the text into a
 * `note.txt` file and sends that. Each upload shows "sending…" in the chat first. A failed
 * upload gets an apology instead of silence.
 */
import { type Observable } from 'rxjs';
import { type Api, type Update } from '../../src/index';
/**
 * A 1×1 PNG, the picture `/photo` sends unless another is given.
 *
 * @example
 * uploadBot(api, updates$, { image: PIXEL_PNG });
 */
export declare const PIXEL_PNG: Uint8Array;
/**
 * Options of {@link uploadBot}.
 *
 * @example
 * uploadBot(api, updates$, { image: './cat.jpg' });
 */
export interface UploadBotOptions {
    /** The picture `/photo` sends: bytes or a file path. Default {@link PIXEL_PNG}. */
    readonly image?: Uint8Array | string;
}
/**
 * Wires the upload bot.
 *
 * @example
 * uploadBot(api, fromLongPolling(api)).subscribe();
 */
export declare function uploadBot(api: Api, updates$: Observable<Update>, options?: UploadBotOptions): Observable<unknown>;
