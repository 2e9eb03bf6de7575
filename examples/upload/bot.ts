/**
 * Upload bot: `/photo` uploads a picture and sends it; `/file <text>` turns the text into a
 * `note.txt` file and sends that. Each upload shows "sending…" in the chat first. A failed
 * upload gets an apology instead of silence.
 */
import { type Observable, catchError, concat, ignoreElements, switchMap } from 'rxjs';
import {
  type Api,
  type MaxOperations,
  type TamTamOperations,
  type UpdateOfTable,
  command,
  perChat,
  reply,
  sendAction,
  upload,
} from '../../src/index';

/**
 * A 1×1 PNG, the picture `/photo` sends unless another is given.
 *
 * @example
 * uploadBot(api, updates$, { image: PIXEL_PNG });
 */
export const PIXEL_PNG: Uint8Array = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  ),
);

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
export function uploadBot<T extends TamTamOperations | MaxOperations = TamTamOperations>(
  api: Api<T>,
  updates$: Observable<UpdateOfTable<T>>,
  options: UploadBotOptions = {},
): Observable<unknown> {
  const image = options.image ?? PIXEL_PNG;
  return updates$.pipe(
    command(['photo', 'file']),
    perChat((u) => {
      const chatId = u.message.recipient.chat_id;
      const isPhoto = u.command.name === 'photo';
      const typing$ =
        chatId === null
          ? []
          : sendAction(api, chatId, isPhoto ? 'sending_photo' : 'sending_file').pipe(ignoreElements());
      const send$ = isPhoto
        ? upload(api, 'image', image, { filename: 'photo.png', contentType: 'image/png' }).pipe(
            switchMap((photo) => reply(api, u, { text: 'Here is your photo 📷', attachments: [photo] })),
          )
        : upload(api, 'file', new TextEncoder().encode(u.command.args || '(an empty note)'), {
            filename: 'note.txt',
            contentType: 'text/plain',
          }).pipe(switchMap((file) => reply(api, u, { text: 'Your note, as a file 📄', attachments: [file] })));
      return concat(typing$, send$).pipe(
        catchError((error: unknown) =>
          reply(
            api,
            u,
            `Sorry, the upload failed (${error instanceof Error ? error.message : String(error)}). Try again later.`,
          ),
        ),
      );
    }),
  );
}
