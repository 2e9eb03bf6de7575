/**
 * `tamtam-rx/emulator`: a local TamTam Bot API server for development, tests and benchmarks.
 *
 * @example
 * import { startEmulator, DEFAULT_WORLD_IDS } from 'tamtam-rx/emulator';
 *
 * const emulator = await startEmulator();
 * emulator.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('hello');
 * // run your bot against emulator.url with emulator.token, then:
 * console.log(emulator.inspect.sentMessages());
 * await emulator.close();
 *
 * @module tamtam-rx/emulator
 */
export { startEmulator } from './start-emulator';
export type { Emulator, FaultControl } from './emulator';
export type { EmulatorOptions } from './options';
export {
  resolveEmulatorRateLimit,
  type EmulatorRateLimit,
  type EmulatorRateLimitSetting,
  type RateLimitStyle,
  type ResolvedEmulatorRateLimit,
} from './rate-limit/rate-limit-options';
export { DIALECT_ENV_VAR, EMULATOR_DIALECTS, dialectFromEnv } from './dialect';
export type { EmulatorDialectName } from './dialect';
export { DEFAULT_WORLD, DEFAULT_WORLD_IDS } from './fixtures/default-world';
export type { WorldFixture, FixtureDialog, FixtureMessage } from './fixtures/world-fixture';
export type { NewUser, NewChat } from './state/world';
export { UserActor } from './control/user-actor';
export type { ButtonSelector, ButtonPressResult } from './control/user-actor';
export type { UserMessageInput, UserAttachmentInput, UserFileInput } from './control/user-input';
export { Inspector } from './control/inspector';
export type {
  CallbackAnswerRecord,
  ConstructorAnswerRecord,
  PinRecord,
  ActionRecord,
  RemovedMessageRecord,
  EditedMessageRecord,
} from './state/journal';
export type { RequestLogEntry } from './http/request-log';
export type { EmulatorEvent, EmulatorEventListener } from './state/events';
export type {
  FaultOptions,
  RateLimitFault,
  Burst503Fault,
  TooManyRequestsFault,
  FaultStats,
} from './faults/fault-options';
export type { WebhookOptions as EmulatorWebhookOptions, WebhookDelivery } from './updates/webhook-options';
export { EmulatorApiError } from './http/api-error';
export { CONTROL_PREFIX } from './control/control-routes';
