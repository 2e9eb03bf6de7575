import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { CallOptions } from '../api/options';
import type { CallbackAnswer, ConstructorAnswer, SimpleQueryResult } from '../types/index';
import { call } from './call';
import { requireObject, requireText } from './validate';

/**
 * Answers a callback button press: a one-time notification to the user, and/or a new version
 * of the message that carried the button.
 *
 * @example
 * updates$.pipe(
 *   ofType('message_callback'),
 *   mergeMap((u) => answerOnCallback(api, u.callback.callback_id, { notification: 'Thanks!' })),
 * ).subscribe();
 */
export function answerOnCallback(api: Api, callbackId: string, answer: CallbackAnswer, options?: CallOptions): Observable<SimpleQueryResult> {
  return call(
    api,
    'answerOnCallback',
    () => {
      requireObject('answerOnCallback', 'answer', answer);
      if ((answer.message === undefined || answer.message === null) && (answer.notification === undefined || answer.notification === null)) {
        throw new TypeError('answerOnCallback: answer needs a `notification` text, a new `message`, or both');
      }
      return { query: { callback_id: requireText('answerOnCallback', 'callbackId', callbackId) }, json: answer };
    },
    options,
  );
}

/**
 * Answers a `message_construction_request`: messages to offer, a keyboard, a hint, state.
 *
 * @example
 * construct(api, update.session_id, { messages: [{ text: 'Draft' }], allow_user_input: true }).subscribe();
 */
export function construct(api: Api, sessionId: string, answer: ConstructorAnswer, options?: CallOptions): Observable<SimpleQueryResult> {
  return call(
    api,
    'construct',
    () => ({
      query: { session_id: requireText('construct', 'sessionId', sessionId) },
      json: requireObject('construct', 'answer', answer),
    }),
    options,
  );
}
