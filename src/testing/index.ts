/**
 * `tamtam-rx/testing`: the test kit. Update factories, a recording fake api with assertion
 * helpers and `waitFor`. It needs only `tamtam-rx` and `rxjs`: marble helpers (which need the
 * optional peer `rxjs-marbles`) are in `tamtam-rx/testing/marbles`, and one-call emulator
 * setups for end-to-end tests (which load the emulator) in `tamtam-rx/testing/emulator`.
 * Nothing here imports a test runner; failures are `TestKitAssertionError`s any runner reports.
 *
 * @example
 * import { createFakeApi, expectSent, textMessage } from 'tamtam-rx/testing';
 *
 * const api = createFakeApi();
 * echoBot(api, of(textMessage('ping'))).subscribe();
 * expectSent(api, { text: 'ping' });
 *
 * @packageDocumentation
 *
 * @module tamtam-rx/testing
 */
export { type DeepPartial, deepMerge } from './deep-merge';
export {
  TEST_EPOCH,
  TEST_USERS,
  TEST_CHATS,
  TEST_DIALOGS,
  TEST_BOT_INFO,
  testDialogId,
  testDialogUser,
} from './test-world';
export { TestIds, steppingClock } from './test-ids';
export { receivedAttachment } from './received-attachment';
export { type ButtonSelector, keyboardButtons, findCallbackButton } from './find-button';
export {
  createUpdateFactory,
  type UpdateFactory,
  type UpdateFactoryOptions,
  type UserMessageOptions,
  type BotMessageOptions,
  type PressButtonOptions,
} from './update-factory';
export {
  createUpdate,
  messageCreated,
  messageCallback,
  messageEdited,
  messageRemoved,
  botAdded,
  botRemoved,
  userAdded,
  userRemoved,
  botStarted,
  chatTitleChanged,
  messageConstructionRequest,
  messageConstructed,
  messageChatCreated,
  textMessage,
  botMessage,
  pressButton,
  dialogWith,
  resetUpdateFactories,
} from './updates';
export {
  createFakeApi,
  type FakeApi,
  type FakeApiOptions,
  type FakeResponse,
  type FakeResponder,
  type FakeResponses,
} from './fake-api/fake-api';
export type { OperationResults, OperationBodies } from './fake-api/operation-types';
export type {
  RecordedRequest,
  RecordedRequestOf,
  RequestOutcome,
  SentMessage,
  EditedMessage,
  AnsweredCallback,
} from './fake-api/recorded-request';
export { ScriptedError, apiError, networkError, timeoutError } from './fake-api/scripted-error';
export { TestKitAssertionError, isTestKitAssertionError } from './assertions/assertion-error';
export type { TextExpectation } from './assertions/text-criteria';
export { type MessageCriteria, type MessageFacts, factsOf, meetsCriteria } from './assertions/message-criteria';
export {
  expectSent,
  expectNotSent,
  expectEdited,
  expectAnswered,
  expectRequested,
  type SentExpectation,
  type EditExpectation,
  type AnswerExpectation,
} from './assertions/expect-sent';
export { DEFAULT_WAIT_TIMEOUT, waitFor, type WaitOptions, type Found } from './wait-for';
export {
  updateSourceContract,
  type SourceContractBackend,
  type SourceContractHarness,
  type SourceContractCheck,
} from './source-contract';
export {
  stateStoreContract,
  type StateStoreContractBackend,
  type StateStoreContractHarness,
  type StateStoreContractCheck,
} from './state-store-contract';
