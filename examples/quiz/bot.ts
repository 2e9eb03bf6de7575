/**
 * A quiz as a conversation: `/quiz` asks questions one at a time with answer buttons; each
 * question has a time limit, after which the quiz moves on to the next one (counting it as
 * missed). The score comes at the end. `/cancel` stops it.
 */
import type { Observable, SchedulerLike } from 'rxjs';
import {
  type Api,
  type StateStore,
  type Update,
  callbackButton,
  conversation,
  converse,
  inlineKeyboard,
  reply,
} from '../../src/index';

/**
 * One question: the text, the answers offered, the index of the right one.
 *
 * @example
 * const q: Question = { text: '2 + 2?', answers: ['3', '4'], right: 1 };
 */
export interface Question {
  readonly text: string;
  readonly answers: readonly string[];
  readonly right: number;
}

/** The questions, in order. */
export const QUESTIONS: readonly Question[] = [
  { text: 'Which planet is the largest?', answers: ['Mars', 'Jupiter', 'Venus'], right: 1 },
  { text: 'How many sides has a hexagon?', answers: ['5', '6', '8'], right: 1 },
  { text: 'Which ocean is the deepest?', answers: ['Pacific', 'Atlantic', 'Indian'], right: 0 },
];

/** Seconds per question. */
export const SECONDS_PER_QUESTION = 20;

/**
 * The quiz's one step, asked once per question: which question, and the score so far.
 *
 * @example
 * const at: QuizSteps['question'] = { index: 1, score: 1 };
 */
export interface QuizSteps {
  question: { index: number; score: number };
}

/**
 * The message telling the final score.
 *
 * @example
 * scoreText(2); // 'Quiz over: 2 of 3 right.'
 */
export function scoreText(score: number): string {
  return `Quiz over: ${score} of ${QUESTIONS.length} right.`;
}

/**
 * The quiz conversation.
 *
 * @example
 * conversations(api, { store, flows: [quiz] });
 */
export const quiz = conversation<QuizSteps>({
  id: 'quiz',
  enterOn: '/quiz',
  start: { step: 'question', data: { index: 0, score: 0 } },
  onCancel: 'Quiz stopped. Send /quiz to play again.',
  steps: {
    question: {
      timeout: SECONDS_PER_QUESTION * 1000,
      ask: ({ data }) => {
        const question = QUESTIONS[data.index] as Question;
        return {
          text: `Question ${data.index + 1} of ${QUESTIONS.length} (${SECONDS_PER_QUESTION} s): ${question.text}`,
          attachments: [
            inlineKeyboard([question.answers.map((answer, i) => callbackButton(answer, `quiz:${data.index}:${i}`))]),
          ],
        };
      },
      answer: (c) => {
        const match = /^quiz:(\d+):(\d+)$/.exec(c.payload ?? '');
        // A press on an earlier question's keyboard, or a typed message: ask for this one.
        if (match === null || Number(match[1]) !== c.data.index) return c.retry('Please answer with the buttons.');
        const question = QUESTIONS[c.data.index] as Question;
        const right = Number(match[2]) === question.right;
        const score = c.data.score + (right ? 1 : 0);
        const verdict = right ? 'Right!' : `Wrong: it is ${question.answers[question.right]}.`;
        const index = c.data.index + 1;
        const next =
          index < QUESTIONS.length ? c.next('question', { index, score }, verdict) : c.done(verdict, scoreText(score));
        return c.notify(next, right ? '✅' : '❌');
      },
      onTimeout: (c) => {
        const index = c.data.index + 1;
        const said = '⏰ Time is up!';
        return index < QUESTIONS.length
          ? c.next('question', { index, score: c.data.score }, said)
          : c.done(said, scoreText(c.data.score));
      },
    },
  },
});

/**
 * Options of {@link quizBot}.
 *
 * @example
 * quizBot(api, updates$, { store: memoryStateStore() });
 */
export interface QuizBotOptions {
  /** Where quizzes in progress are kept. */
  readonly store: StateStore;
  /** Runs the time limits. Default `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
}

/**
 * Wires the quiz bot: the quiz for chats playing, a hint for everything else.
 *
 * @example
 * quizBot(api, fromLongPolling(api), { store: memoryStateStore() }).subscribe();
 */
export function quizBot(api: Api, updates$: Observable<Update>, options: QuizBotOptions): Observable<unknown> {
  return updates$.pipe(
    converse(
      api,
      {
        store: options.store,
        flows: [quiz],
        ...(options.scheduler === undefined ? {} : { scheduler: options.scheduler }),
      },
      (update) => (update.update_type === 'message_created' ? reply(api, update, 'Send /quiz to play.') : []),
    ),
  );
}
