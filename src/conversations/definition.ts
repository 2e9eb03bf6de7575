/**
 * The engine's view of a conversation: its definition with the step types erased (the engine
 * runs any flow; the types were checked where the flow was written).
 */
import type { Conversation, ConversationUpdate, Say, StepMap, Transition, Transitions } from './conversation';

/** Any step table, as the engine sees it. */
export type AnySteps = Record<string, unknown>;

/** A step with its types erased. */
export interface ErasedStep<B> {
  readonly ask?: (context: { readonly data: unknown; readonly step: string }) => Say<B> | readonly Say<B>[];
  readonly answer: (
    context: {
      readonly update: ConversationUpdate;
      readonly data: unknown;
      readonly step: string;
      readonly text: string | undefined;
      readonly payload: string | undefined;
    } & Transitions<AnySteps, B>,
  ) => Transition<AnySteps, B> | Promise<Transition<AnySteps, B>>;
  readonly timeout?: number;
  readonly onTimeout?: (
    context: { readonly data: unknown; readonly step: string } & Transitions<AnySteps, B>,
  ) => Transition<AnySteps, B>;
}

/** A conversation definition with its types erased. */
export interface ErasedDefinition<B> {
  readonly id: string;
  readonly start: { readonly step: string; readonly data: unknown };
  readonly enterOn?: string | ((update: ConversationUpdate) => boolean);
  readonly steps: { readonly [step: string]: ErasedStep<B> | undefined };
  readonly timeout?: number;
  readonly onTimeout?: Say<B> | readonly Say<B>[];
  readonly onCancel?: Say<B> | readonly Say<B>[];
  readonly cancelOn?: string | ((update: ConversationUpdate) => boolean);
}

/**
 * Each flow's definition, kept as a plain object: its body type is the flow's own, restored by
 * {@link definitionOf} (an `ErasedDefinition<unknown>` here would make every read a comparison of
 * two instantiations of a large invariant interface).
 */
const definitions = new WeakMap<object, object>();

/**
 * Records the definition behind a flow made by `conversation()`.
 *
 * @example
 * register(flow, definition);
 */
export function register<S extends StepMap, B>(flow: Conversation<S, B>, definition: object): void {
  definitions.set(flow, definition);
}

/**
 * The definition behind a flow, or a TypeError saying to make flows with `conversation()`.
 *
 * @example
 * const definition = definitionOf(flow);
 */
export function definitionOf<B>(flow: Conversation<StepMap, B>): ErasedDefinition<B> {
  const definition = typeof flow === 'object' && flow !== null ? definitions.get(flow) : undefined;
  if (definition === undefined)
    throw new TypeError('conversations: a flow must be made by conversation({ id, start, steps })');
  // Registered by conversation() with this flow's body type B.
  return definition as ErasedDefinition<B>;
}

/**
 * The transition makers every step context carries.
 *
 * @example
 * const { next, done } = makeTransitions<NewMessageBody>();
 */
export function makeTransitions<B>(): Transitions<AnySteps, B> {
  return {
    next: (step, data, ...say) => ({ kind: 'next', step, data, say }),
    retry: (...say) => ({ kind: 'retry', say }),
    done: (...say) => ({ kind: 'done', say }),
    cancel: (...say) => ({ kind: 'cancel', say }),
    notify: (transition, notification) => ({ ...transition, notification }),
  };
}
