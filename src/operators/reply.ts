import { type Observable, defer, throwError } from 'rxjs';
import type { Api } from '../api/api';
import type { OperationBodyOf, OperationResultOf } from '../api/operation-table';
import type { CallOptions } from '../api/options';
import type { TableWith } from '../actions/call';
import { sendMessage } from '../actions/messages';
import type { NewMessageLink } from '../types/index';
import { messageIdOf, replyTarget } from './reply-target';
import type { UpdateLike } from './update-like';

/** The message body of the api's dialect, with the fields `reply` reads and sets. */
type MessageBodyOf<T extends TableWith<'sendMessage'>> = OperationBodyOf<T, 'sendMessage'> & {
  readonly text?: string | null;
  readonly link?: NewMessageLink | null;
};

/** Updates whose message lives in the chat a reply goes to. */
const QUOTABLE: ReadonlySet<string> = new Set(['message_created', 'message_edited', 'message_callback']);

/**
 * Options of {@link reply}: everything `sendMessage` takes, plus how to answer.
 *
 * @example
 * reply(api, update, 'Done', { quote: true, disableLinkPreview: true });
 */
export interface ReplyOptions extends CallOptions {
  /**
   * Send as a reply to the update's message (`link: { type: 'reply', mid }`). Ignored when
   * the update has no message in the reply's chat or the body already has a `link`. Default `false`.
   */
  readonly quote?: boolean;
  /** Do not build previews for links in the text. Default `false`. */
  readonly disableLinkPreview?: boolean;
}

/**
 * Sends a message to where `update` happened (see `replyTarget`). `body` is a text or a full
 * message body of the api's dialect (spread `md`/`html` results into it). Cold like every action: nothing is sent
 * before subscribe; when the update has no conversation to answer in, it errors with a
 * TypeError on subscribe.
 *
 * @example
 * updates$.pipe(
 *   command('start'),
 *   mergeMap((u) => reply(api, u, md`Hello, ${md.bold(u.message.sender?.name ?? 'stranger')}!`, { quote: true })),
 * ).subscribe();
 */
export function reply<T extends TableWith<'sendMessage'>>(
  api: Api<T>,
  update: UpdateLike,
  body: string | MessageBodyOf<T>,
  options: ReplyOptions = {},
): Observable<OperationResultOf<T, 'sendMessage'>> {
  return defer(() => {
    const target = replyTarget(update);
    if (target === null) {
      return throwError(
        () =>
          new TypeError(
            `reply: a '${update.update_type}' update names no chat to answer in; use sendMessage with an explicit chat_id or user_id`,
          ),
      );
    }
    const { quote = false, disableLinkPreview, ...callOptions } = options;
    // a text-only body is a valid message body in every dialect
    let message = typeof body === 'string' ? ({ text: body } as MessageBodyOf<T>) : body;
    const mid = quote && QUOTABLE.has(update.update_type) ? messageIdOf(update) : null;
    if (mid !== null && (message.link === undefined || message.link === null)) {
      message = { ...message, link: { type: 'reply', mid } };
    }
    const to = disableLinkPreview === undefined ? target : { ...target, disable_link_preview: disableLinkPreview };
    return sendMessage(api, to, message, callOptions);
  });
}
