/**
 * A conversation is a table of named steps. Each step is a plain function of (the answer, the
 * data collected so far) returning where to go next, with what data and which messages. The
 * position (step name + data) is a small JSON record in a {@link StateStore}, so a restart or
 * another worker continues exactly where the dialog stopped.
 *
 * Why a step table and not a suspended async function (grammY's conversations replay the
 * function from its start on every update; a paused `await` cannot be written to a store):
 * the whole position is data, so it is durable after every step, it can be read back by a
 * different process, redeliveries are recognised by comparing it, and a timeout can move the
 * dialog on although no code is waiting anywhere. Compared with the Max client's scenes, the
 * steps and the data at each step are types: `next('confirm', data)` does not compile when
 * `'confirm'` is not a step or `data` lacks what that step needs.
 */
import type { NewMessageBody } from '../types/index';
import type { AnyUpdate, MaxAnyUpdate } from '../operators/update-like';
import { register } from './definition';

/**
 * The steps of a conversation: each step name mapped to the data the dialog holds while it
 * waits at that step. Plain JSON objects (they are stored as JSON).
 *
 * @example
 * interface OrderSteps {
 *   name: {};
 *   size: { name: string };
 *   confirm: { name: string; size: 'S' | 'M' | 'L' };
 * }
 */
export type StepMap = object;

/**
 * One message a step sends: a text, or a full message body (keyboards, format...).
 *
 * @example
 * const say: Say = { text: 'Size?', attachments: [inlineKeyboard([[callbackButton('S', 'S')]])] };
 */
export type Say<B = NewMessageBody> = string | B;

/**
 * What a step decided; made by the context's `next`, `retry`, `done` and `cancel`.
 *
 * @example
 * answer: (c) => (c.text ? c.next('size', { name: c.text }) : c.retry('Please send the name as text.'))
 */
export interface Transition<S extends StepMap, B = NewMessageBody> {
  /** `next`: go to `step` with `data`; `retry`: stay; `done`/`cancel`: end the dialog. */
  readonly kind: 'next' | 'retry' | 'done' | 'cancel';
  /** The step to go to (`next` only). */
  readonly step?: keyof S & string;
  /** The data of that step (`next` only). */
  readonly data?: unknown;
  /** Messages to send, in order, before the next step's question. */
  readonly say: readonly Say<B>[];
  /** The notification answering a button press (callbacks only). Default: the engine's `callbackNotification`. */
  readonly notification?: string;
}

/**
 * Makes transitions of a conversation with steps `S`: the step name and its data are checked
 * against `S` at compile time.
 *
 * @example
 * c.next('confirm', { ...c.data, size: 'M' }, 'Medium it is.');
 * c.retry('Pick a size with the buttons.');
 * c.done('Thanks, your order is in!');
 */
export interface Transitions<S extends StepMap, B = NewMessageBody> {
  /** Go to `step` (the same one to ask again with new data), sending `say` before its question. */
  next<N extends keyof S & string>(step: N, data: S[N], ...say: Say<B>[]): Transition<S, B>;
  /** Stay at this step (its data and its deadline unchanged), sending `say` (a hint). */
  retry(...say: Say<B>[]): Transition<S, B>;
  /** End the dialog, sending `say`. */
  done(...say: Say<B>[]): Transition<S, B>;
  /** End the dialog as cancelled, sending `say`, else the conversation's `onCancel`. */
  cancel(...say: Say<B>[]): Transition<S, B>;
  /** The same transition, answering the button press that caused it with `notification`. */
  notify(transition: Transition<S, B>, notification: string): Transition<S, B>;
}

/**
 * What a step's `ask` sees: the data collected so far.
 *
 * @example
 * ask: ({ data }) => `Thanks, ${data.name}. Which size?`
 */
export interface AskContext<S extends StepMap, K extends keyof S> {
  /** The data of this step. */
  readonly data: S[K];
  /** The name of this step. */
  readonly step: K;
}

/**
 * The update a step's `answer` gets: any known update of either dialect, or an unknown one.
 *
 * @example
 * if (c.update.update_type === 'message_created') c.update.message.body.attachments;
 */
export type ConversationUpdate = AnyUpdate | MaxAnyUpdate;

/**
 * What a step's `answer` sees: the update, the data so far, and the transition makers.
 *
 * @example
 * answer: (c) => {
 *   const size = c.payload;
 *   if (size !== 'S' && size !== 'M' && size !== 'L') return c.retry('Pick a size with the buttons.');
 *   return c.next('confirm', { ...c.data, size });
 * }
 */
export interface AnswerContext<S extends StepMap, K extends keyof S, B = NewMessageBody>
  extends AskContext<S, K>,
    Transitions<S, B> {
  /** The user's message or button press. */
  readonly update: ConversationUpdate;
  /** The text of a new message, trimmed; `undefined` for a button press or a message without text. */
  readonly text: string | undefined;
  /** The payload of a pressed callback button; `undefined` for a message. */
  readonly payload: string | undefined;
}

/**
 * What a step's `onTimeout` sees: the data so far and the transition makers.
 *
 * @example
 * onTimeout: (c) => c.next('question', { ...c.data, index: c.data.index + 1 }, '⏰ Time is up!')
 */
export interface TimeoutContext<S extends StepMap, K extends keyof S, B = NewMessageBody>
  extends AskContext<S, K>,
    Transitions<S, B> {}

/**
 * One step: the question it asks on entry, how it reads an answer, and its time limit.
 *
 * @example
 * const name: StepDefinition<OrderSteps, 'name'> = {
 *   ask: () => 'What name should the order have?',
 *   answer: (c) => (c.text ? c.next('size', { name: c.text }) : c.retry('Please send the name as text.')),
 * };
 */
export interface StepDefinition<S extends StepMap, K extends keyof S, B = NewMessageBody> {
  /** The message(s) sent when the dialog enters this step. Default: none. */
  readonly ask?: (context: AskContext<S, K>) => Say<B> | readonly Say<B>[];
  /**
   * Reads the user's next message or button press in this chat and decides. May return a
   * Promise (to check an answer against a database). Throwing reports the error (the engine's
   * `onError`) and leaves the dialog at this step.
   */
  readonly answer: (context: AnswerContext<S, K, B>) => Transition<S, B> | Promise<Transition<S, B>>;
  /** Milliseconds the user has to answer this step, counted from entering it. Default: no limit. */
  readonly timeout?: number;
  /** What happens when `timeout` runs out. Default: the dialog ends with the conversation's `onTimeout`. */
  readonly onTimeout?: (context: TimeoutContext<S, K, B>) => Transition<S, B>;
}

/**
 * The step a conversation starts at, with that step's data.
 *
 * @example
 * const start: StartOf<OrderSteps> = { step: 'name', data: {} };
 */
export type StartOf<S extends StepMap> = {
  [K in keyof S & string]: { readonly step: K; readonly data: S[K] };
}[keyof S & string];

/**
 * Everything a conversation is. Written once, then passed to `conversations(api, { flows })`.
 *
 * @example
 * const order = conversation<OrderSteps>({ id: 'order', enterOn: '/order', start: { step: 'name', data: {} }, steps });
 */
export interface ConversationDefinition<S extends StepMap, B = NewMessageBody> {
  /** Names the conversation in stored records: keep it stable across deployments. */
  readonly id: string;
  /** Where the dialog starts (and with what data) when entered by `enterOn`. */
  readonly start: StartOf<S>;
  /**
   * Enters the conversation by itself when a chat that is in no conversation sends this
   * command (`'/order'`, also `'/order@bot'` and with arguments), or an update this function
   * accepts. Default: only by `conversations.enter(update, flow)`.
   */
  readonly enterOn?: string | ((update: ConversationUpdate) => boolean);
  /** The steps, by name; every step of `S` must be here. */
  readonly steps: { readonly [K in keyof S & string]: StepDefinition<S, K, B> };
  /** Milliseconds the whole dialog may take, counted from entering it. Default: no limit. */
  readonly timeout?: number;
  /** What the bot says when a time limit ends the dialog. Default: nothing. */
  readonly onTimeout?: Say<B> | readonly Say<B>[];
  /** What the bot says when the user cancels. Default: `'Cancelled.'`. */
  readonly onCancel?: Say<B> | readonly Say<B>[];
  /**
   * Cancels the dialog from any step: a command (`'/cancel'`) or a predicate. Default `'/cancel'`.
   */
  readonly cancelOn?: string | ((update: ConversationUpdate) => boolean);
}

/**
 * A conversation ready for `conversations(api, { flows })`. Its step types `S` and message
 * body type `B` are compile-time only: they type `conversations.enter`.
 *
 * @example
 * const flow: Conversation<OrderSteps> = conversation<OrderSteps>({ ... });
 */
export interface Conversation<S extends StepMap = StepMap, B = NewMessageBody> {
  /** The conversation's id. */
  readonly id: string;
  /** Compile-time only (never set): the step types and message body type. */
  readonly types?: { readonly steps: S; readonly body: B };
}

/**
 * Checks a conversation definition and returns it ready to run. `S` maps each step name to the
 * data held at that step; name it explicitly so steps and data are checked.
 *
 * @example
 * interface OrderSteps { name: {}; size: { name: string }; confirm: { name: string; size: string } }
 * const order = conversation<OrderSteps>({
 *   id: 'order',
 *   enterOn: '/order',
 *   start: { step: 'name', data: {} },
 *   steps: {
 *     name: {
 *       ask: () => 'Your name?',
 *       answer: (c) => (c.text ? c.next('size', { name: c.text }) : c.retry('Send your name as text.')),
 *     },
 *     size: { ask: () => 'Size? S, M or L', answer: (c) => c.next('confirm', { ...c.data, size: c.text ?? 'M' }) },
 *     confirm: { ask: ({ data }) => `${data.size} for ${data.name}, right?`, answer: (c) => c.done('Ordered!') },
 *   },
 * });
 */
export function conversation<S extends StepMap, B = NewMessageBody>(
  definition: ConversationDefinition<S, B>,
): Conversation<S, B> {
  const where = `conversation(${typeof definition?.id === 'string' ? `'${definition.id}'` : '…'})`;
  if (typeof definition !== 'object' || definition === null)
    throw new TypeError('conversation: pass a definition { id, start, steps }');
  if (typeof definition.id !== 'string' || definition.id === '')
    throw new TypeError('conversation: id must be a non-empty string, stable across deployments');
  const steps: object = definition.steps;
  if (typeof steps !== 'object' || steps === null)
    throw new TypeError(`${where}: steps must be an object of steps by name`);
  for (const [name, step] of Object.entries(steps) as [
    string,
    { answer?: unknown; ask?: unknown; timeout?: unknown },
  ][]) {
    if (typeof step !== 'object' || step === null || typeof step.answer !== 'function')
      throw new TypeError(`${where}: step '${name}' needs an answer(context) function`);
    if (step.ask !== undefined && typeof step.ask !== 'function')
      throw new TypeError(`${where}: step '${name}'.ask must be a function (context) => message`);
    checkDuration(`${where}: step '${name}'.timeout`, step.timeout);
  }
  if (!Object.hasOwn(steps, definition.start?.step))
    throw new TypeError(`${where}: start.step must name one of the steps (${Object.keys(steps).join(', ')})`);
  checkDuration(`${where}: timeout`, definition.timeout);
  checkMatcher(`${where}: enterOn`, definition.enterOn);
  checkMatcher(`${where}: cancelOn`, definition.cancelOn);
  const flow: Conversation<S, B> = { id: definition.id };
  register(flow, definition);
  return flow;
}

function checkDuration(what: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw new TypeError(
      `${what} must be a positive number of milliseconds, got ${String(value)}; omit it for no limit`,
    );
}

function checkMatcher(what: string, value: unknown): void {
  if (value === undefined || typeof value === 'function') return;
  if (typeof value !== 'string' || !/^\/\S+$/.test(value))
    throw new TypeError(`${what} must be a command like '/order' or a function (update) => boolean`);
}
