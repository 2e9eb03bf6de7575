/**
 * Options of `startEmulator`, with their defaults.
 */
import { randomBytes } from 'node:crypto';
import { type EmulatorDialect, type EmulatorDialectName, emulatorDialect } from './dialect';
import type { FaultOptions } from './faults/fault-options';
import type { WorldFixture } from './fixtures/world-fixture';
import type { RequestLogEntry } from './http/request-log';
import type { WebhookOptions } from './updates/webhook-options';
import {
  type EmulatorRateLimitSetting,
  type ResolvedEmulatorRateLimit,
  resolveEmulatorRateLimit,
} from './rate-limit/rate-limit-options';

/**
 * How to start the emulator. Everything is optional.
 *
 * @example
 * const emulator = await startEmulator({
 *   token: 'test-token',
 *   world: 'empty',
 *   faults: { seed: 42, rateLimit: { perSecond: 30 } },
 *   webhook: { timeScale: 0.001 },
 * });
 */
export interface EmulatorOptions {
  /**
   * Which Bot API to serve: `'tamtam'` (default) or `'max'` (header-only auth, Max update types
   * and operations, webhook secrets, polling without a marker returns only the latest update).
   * `dialectFromEnv()` reads it from `TAMTAM_RX_DIALECT`.
   */
  dialect?: EmulatorDialectName;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** The bot's access token. Default: random per start (read it from `emulator.token`). */
  token?: string;
  /** `'default'` (Alice, Bob, Carol, a dialog, a group and a channel), `'empty'` (just the bot) or a fixture. */
  world?: 'default' | 'empty' | WorldFixture;
  /** Fault injection at start (changeable later via `emulator.faults`). Default: none. */
  faults?: FaultOptions;
  /** Webhook delivery and retry timing. */
  webhook?: WebhookOptions;
  /**
   * The API's request rate, enforced per bot token: `true` / a dialect name / `{ perSecond,
   * style, retryAfterSeconds }` (see {@link EmulatorRateLimit}). A request beyond it gets 429:
   * TamTam style with `Retry-After`, Max style without. Default: off in the TamTam dialect
   * (TamTam publishes no limit); on, 30 requests/s, in the Max dialect.
   */
  rateLimit?: EmulatorRateLimitSetting;
  /** Sends of a freshly uploaded token that fail with `attachment.not.ready` first. Default 0. */
  attachmentNotReadyCount?: number;
  /** Largest accepted API request body, bytes (bigger → 413). Default 10 MiB. */
  maxBodyBytes?: number;
  /** Largest accepted upload, bytes. Default 50 MiB. */
  maxUploadBytes?: number;
  /** Uncommitted long-polling updates kept; the oldest are dropped beyond. Default 10 000. */
  maxQueuedUpdates?: number;
  /** Bot API requests kept for `inspect.requests()`. Default 1000. */
  requestLogSize?: number;
  /** Called after every Bot API request (e.g. for logging). The token is never included. */
  onRequest?: (entry: RequestLogEntry) => void;
}

/**
 * {@link EmulatorOptions} with defaults applied.
 *
 * @example
 * resolveOptions({}).host; // '127.0.0.1'
 */
export interface ResolvedEmulatorOptions {
  dialect: EmulatorDialect;
  host: string;
  port: number;
  token: string;
  world: 'default' | 'empty' | WorldFixture;
  faults: FaultOptions;
  webhook: WebhookOptions;
  /** `null` when off. */
  rateLimit: ResolvedEmulatorRateLimit | null;
  attachmentNotReadyCount: number;
  maxBodyBytes: number;
  maxUploadBytes: number;
  maxQueuedUpdates: number;
  requestLogSize: number;
  onRequest: ((entry: RequestLogEntry) => void) | undefined;
}

/**
 * Applies defaults and checks numbers; throws a `RangeError` naming a bad option.
 *
 * @example
 * const resolved = resolveOptions({ port: 8090 });
 * resolveOptions({ rateLimit: 'max' }).rateLimit; // { perSecond: 30, style: 'max', retryAfterSeconds: undefined }
 */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const dialect = emulatorDialect(options.dialect ?? 'tamtam');
  const resolved: ResolvedEmulatorOptions = {
    dialect,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    token: options.token ?? `emu-${randomBytes(12).toString('hex')}`,
    world: options.world ?? 'default',
    faults: options.faults ?? {},
    webhook: options.webhook ?? {},
    rateLimit: resolveEmulatorRateLimit(options.rateLimit, dialect.name), // on by default in the Max dialect
    attachmentNotReadyCount: options.attachmentNotReadyCount ?? 0,
    maxBodyBytes: options.maxBodyBytes ?? 10 * 1024 * 1024,
    maxUploadBytes: options.maxUploadBytes ?? 50 * 1024 * 1024,
    maxQueuedUpdates: options.maxQueuedUpdates ?? 10_000,
    requestLogSize: options.requestLogSize ?? 1000,
    onRequest: options.onRequest,
  };
  const counts = {
    port: resolved.port,
    attachmentNotReadyCount: resolved.attachmentNotReadyCount,
    maxBodyBytes: resolved.maxBodyBytes,
    maxUploadBytes: resolved.maxUploadBytes,
    maxQueuedUpdates: resolved.maxQueuedUpdates,
    requestLogSize: resolved.requestLogSize,
  };
  for (const [name, value] of Object.entries(counts)) {
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`Emulator option ${name} must be a non-negative integer, got ${value}`);
  }
  if (resolved.port > 65_535) throw new RangeError(`Emulator option port must be at most 65535, got ${resolved.port}`);
  if (resolved.token.trim() === '') throw new RangeError('Emulator option token must not be empty');
  return resolved;
}
