/**
 * Conversations: multi-step dialogs as step tables, kept in a state store.
 */
export {
  conversation,
  type AnswerContext,
  type AskContext,
  type Conversation,
  type ConversationDefinition,
  type ConversationUpdate,
  type Say,
  type StartOf,
  type StepDefinition,
  type StepMap,
  type TimeoutContext,
  type Transition,
  type Transitions,
} from './conversation';
export {
  conversations,
  type Conversations,
  type ConversationsOptions,
  type ConversationsStats,
} from './conversations';
export { converse } from './converse';
