import type { OperatorFunction } from 'rxjs';
import type { PayloadCodec } from '../builders/payload-codec';
import type { MessageCallbackUpdate } from '../types/index';
import { type CallbackWithPayload, isCallbackWithPayload } from './callback-payload';
import { deriveUpdate } from '../delivery/derive-update';
import { filterDerive } from './filter-derive';
import type { AnyUpdate, UpdateLike, UpdateOfType } from './update-like';

/**
 * A `message_callback` update whose payload a codec decoded; the value is in `data`.
 *
 * @example
 * function onVote(u: CallbackData<MessageCallbackUpdate, { choice: 'yes' | 'no' }>) { return u.data.choice; }
 */
export type CallbackData<U, T> = CallbackWithPayload<U> & { readonly data: T };

/**
 * Options of {@link callbackData}.
 *
 * @example
 * callbackData(vote, { onMalformed: (u, reason) => log.warn(`stale keyboard: ${reason}`) });
 */
export interface CallbackDataOptions {
  /**
   * Called for presses that carry this codec's tag but do not decode (a stale keyboard from an
   * older version of the bot, or a forged press). They never pass either way; foreign payloads
   * are not reported. Default: ignore.
   */
  readonly onMalformed?: (update: MessageCallbackUpdate, reason: string) => void;
}

/**
 * Lets through `message_callback` updates whose payload `codec` decodes, and adds the decoded
 * value as `data`. Foreign and malformed payloads simply do not pass; decoding never throws
 * into the pipeline.
 *
 * @example
 * const vote = payloadCodec('vote', { poll: 'int', choice: ['yes', 'no'] });
 * updates$.pipe(
 *   callbackData(vote),
 *   mergeMap((u) => answerOnCallback(api, u.callback.callback_id, { notification: `You chose ${u.data.choice}` })),
 * );
 */
export function callbackData<T, U extends UpdateLike = AnyUpdate>(
  codec: PayloadCodec<T>,
  options: CallbackDataOptions = {},
): OperatorFunction<U, CallbackData<UpdateOfType<U, 'message_callback'>, T>> {
  if (typeof codec !== 'object' || codec === null || typeof codec.decode !== 'function') {
    throw new TypeError(
      "callbackData: pass a payload codec, e.g. callbackData(payloadCodec('vote', { choice: ['yes', 'no'] }))",
    );
  }
  const { onMalformed } = options;
  return filterDerive(
    isCallbackWithPayload<U>,
    (update): CallbackData<UpdateOfType<U, 'message_callback'>, T> | null => {
      const payload = update.callback.payload;
      let result: ReturnType<PayloadCodec<T>['decode']>;
      try {
        result = codec.decode(payload);
      } catch (error) {
        result = {
          ok: false,
          reason: 'malformed',
          message: `codec '${codec.tag}' threw: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
      if (result.ok) return deriveUpdate(update, { data: result.value });
      if (result.reason === 'malformed') onMalformed?.(update, result.message);
      return null;
    },
  );
}
