/**
 * Which Bot API the emulator speaks: TamTam (the default) or Max. A dialect here is the data the
 * emulator's handlers consult where the two servers differ — auth, update types, polling without
 * a marker, the webhook secret and retry schedule, link hosts, limits — never a second copy of a
 * handler. The operation set comes from each dialect's operation table (see `api/routes.ts`).
 */
import { MAX_UPDATE_TYPES, type MaxUpdateType, UPDATE_TYPES } from '../types';

/**
 * A dialect name: `'tamtam'` (Bot API 0.5.6) or `'max'` (the Max Bot API).
 *
 * @example
 * const emulator = await startEmulator({ dialect: 'max' });
 */
export type EmulatorDialectName = 'tamtam' | 'max';

/**
 * Every dialect the emulator serves.
 *
 * @example
 * EMULATOR_DIALECTS.includes('max'); // true
 */
export const EMULATOR_DIALECTS = ['tamtam', 'max'] as const satisfies readonly EmulatorDialectName[];

/**
 * The environment variable that picks the dialect of `npm start`, `npm run emulator` and
 * anything else that calls {@link dialectFromEnv}.
 *
 * @example
 * // TAMTAM_RX_DIALECT=max npm start
 */
export const DIALECT_ENV_VAR = 'TAMTAM_RX_DIALECT';

/**
 * A webhook retry schedule: the wait before retry `n` is `firstDelayMs × factor^(n-1)`, capped
 * at `maxDelayMs`; at most `maxRetries` retries, and a subscription whose deliveries have failed
 * for `unsubscribeAfterMs` in a row is removed (`undefined`: never).
 *
 * @example
 * const max: WebhookSchedule = { firstDelayMs: 60_000, factor: 2.5, maxDelayMs: Infinity, maxRetries: 10, unsubscribeAfterMs: 8 * 3_600_000, answerWithinMs: 30_000 };
 */
export interface WebhookSchedule {
  readonly firstDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
  readonly maxRetries: number;
  readonly unsubscribeAfterMs: number | undefined;
  /** How long the server waits for the endpoint's answer before it counts as failed, ms (not scaled). */
  readonly answerWithinMs: number;
}

/**
 * How one dialect's server behaves where the emulator must tell them apart.
 *
 * @example
 * if (dialect.auth === 'header-only') rejectQueryToken();
 */
export interface EmulatorDialect {
  readonly name: EmulatorDialectName;
  /** Product name for pages and messages. */
  readonly title: string;
  /** Every update type this server sends (others are never produced by user actions). */
  readonly updateTypes: ReadonlySet<string>;
  /**
   * `'query-or-header'`: `access_token` in the query or the `Authorization` header (TamTam);
   * `'header-only'`: the raw token in `Authorization`, a query token is `403 deprecated.token` (Max).
   */
  readonly auth: 'query-or-header' | 'header-only';
  /** What `GET /updates` without a marker returns: everything uncommitted (TamTam) or only the latest update (Max). */
  readonly unmarkedPoll: 'uncommitted' | 'latest';
  /** The header carrying the subscription's `secret` on every webhook delivery (Max); `undefined`: none. */
  readonly webhookSecretHeader: string | undefined;
  /** Default webhook retry schedule. */
  readonly webhookSchedule: WebhookSchedule;
  /** Longest deep-link payload kept in `bot_started` (longer ones arrive as `null`). */
  readonly deepLinkPayloadLength: number;
  /** Host of public chat and message links (`https://tt.me`, `https://max.ru`). */
  readonly linkHost: string;
}

/**
 * The TamTam Bot API 0.5.6.
 *
 * @example
 * TAMTAM_EMULATOR_DIALECT.unmarkedPoll; // 'uncommitted'
 */
export const TAMTAM_EMULATOR_DIALECT: EmulatorDialect = Object.freeze({
  name: 'tamtam',
  title: 'TamTam',
  updateTypes: new Set<string>(UPDATE_TYPES),
  auth: 'query-or-header',
  unmarkedPoll: 'uncommitted',
  webhookSecretHeader: undefined,
  // TamTam retries every 30–60 s for hours.
  webhookSchedule: Object.freeze({
    firstDelayMs: 30_000,
    factor: 2,
    maxDelayMs: 60_000,
    maxRetries: 9,
    unsubscribeAfterMs: undefined,
    answerWithinMs: 10_000,
  }),
  deepLinkPayloadLength: 128,
  linkHost: 'https://tt.me',
});

/**
 * The update types of the Max Bot API (schema 2026-07-01): the ten both dialects share and the
 * five Max-only ones.
 *
 * @example
 * MAX_EMULATOR_UPDATE_TYPES.includes('dialog_muted'); // true
 */
export const MAX_EMULATOR_UPDATE_TYPES: readonly MaxUpdateType[] = MAX_UPDATE_TYPES;

/**
 * The Max Bot API.
 *
 * @example
 * MAX_EMULATOR_DIALECT.webhookSecretHeader; // 'X-Max-Bot-Api-Secret'
 */
export const MAX_EMULATOR_DIALECT: EmulatorDialect = Object.freeze({
  name: 'max',
  title: 'Max',
  updateTypes: new Set<string>(MAX_EMULATOR_UPDATE_TYPES),
  auth: 'header-only',
  unmarkedPoll: 'latest',
  webhookSecretHeader: 'X-Max-Bot-Api-Secret',
  // 60 s, 150 s, 375 s, … (×2.5), up to 10 retries; unsubscribed after 8 hours of failures.
  webhookSchedule: Object.freeze({
    firstDelayMs: 60_000,
    factor: 2.5,
    maxDelayMs: Number.POSITIVE_INFINITY,
    maxRetries: 10,
    unsubscribeAfterMs: 8 * 3_600_000,
    // The endpoint must answer within 30 s.
    answerWithinMs: 30_000,
  }),
  deepLinkPayloadLength: 512,
  linkHost: 'https://max.ru',
});

const DIALECTS: ReadonlyMap<string, EmulatorDialect> = new Map([
  ['tamtam', TAMTAM_EMULATOR_DIALECT],
  ['max', MAX_EMULATOR_DIALECT],
]);

/**
 * The dialect of a name; a `RangeError` naming the choices for anything else.
 *
 * @example
 * emulatorDialect('max').title; // 'Max'
 */
export function emulatorDialect(name: string): EmulatorDialect {
  const dialect = DIALECTS.get(name);
  if (!dialect)
    throw new RangeError(`Unknown dialect ${JSON.stringify(name)}: use one of ${EMULATOR_DIALECTS.join(', ')}`);
  return dialect;
}

/**
 * The dialect the environment asks for: `TAMTAM_RX_DIALECT` (`tamtam` or `max`, any case),
 * `undefined` when unset or empty. The one place that variable is read; a bad value throws a
 * `RangeError` that says what to set.
 *
 * @example
 * const emulator = await startEmulator({ dialect: dialectFromEnv() ?? 'tamtam' });
 * const api = createApi({ dialect: emulator.dialect, token: emulator.token, baseUrl: emulator.url });
 */
export function dialectFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): EmulatorDialectName | undefined {
  const raw = env[DIALECT_ENV_VAR]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'tamtam' || raw === 'max') return raw;
  throw new RangeError(
    `${DIALECT_ENV_VAR}=${JSON.stringify(env[DIALECT_ENV_VAR])} is not a dialect: set it to tamtam or max`,
  );
}
