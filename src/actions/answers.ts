import type { Observable } from 'rxjs';
import type { Api } from '../api/api';
import type { OperationBodyOf, OperationResultOf } from '../api/operation-table';
import type { CallOptions } from '../api/options';
import type { ConstructorAnswer, NewMessageBody } from '../types/index';
import { type TableWith, call } from './call';
import { requireObject, requireText } from './validate';

/** What every dialect's callback answer has: the two fields {@link answerOnCallback} checks. */
interface CallbackAnswerShape {
  readonly message?: Pick<NewMessageBody, 'text'> | null;
  readonly notification?: string | null;
}

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
export function answerOnCallback<T extends TableWith<'answerOnCallback'>>(
  api: Api<T>,
  callbackId: string,
  answer: OperationBodyOf<T, 'answerOnCallback'> & CallbackAnswerShape,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'answerOnCallback'>> {
  return call(
    api,
    'answerOnCallback',
    () => {
      requireObject('answerOnCallback', 'answer', answer);
      if (
        (answer.message === undefined || answer.message === null) &&
        (answer.notification === undefined || answer.notification === null)
      ) {
        throw new TypeError('answerOnCallback: answer needs a `notification` text, a new `message`, or both');
      }
      return { query: { callback_id: requireText('answerOnCallback', 'callbackId', callbackId) }, json: answer };
    },
    options,
  );
}

/**
 * Answers a `message_construction_request`: messages to offer, a keyboard, a hint, state.
 * TamTam only: Max has no constructor mode, so a Max api does not compile here.
 *
 * @example
 * construct(api, update.session_id, { messages: [{ text: 'Draft' }], allow_user_input: true }).subscribe();
 */
export function construct<T extends TableWith<'construct'>>(
  api: Api<T>,
  sessionId: string,
  answer: ConstructorAnswer,
  options?: CallOptions,
): Observable<OperationResultOf<T, 'construct'>> {
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
