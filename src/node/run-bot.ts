import { firstValueFrom, type Observable, type Subscription } from 'rxjs';
import { getMyInfo } from '../actions/bots';
import type { Api } from '../api/api';
import { createApi } from '../api/create-api';
import { isTamTamApiError } from '../api/errors/api-error';
import { isTamTamNetworkError } from '../api/errors/network-error';
import { isTamTamTimeoutError } from '../api/errors/timeout-error';
import { type OperationsOf, resolveDialect, type UpdateOfTable } from '../api/dialect';
import type { ApiOptions } from '../api/options';
import type { Emulator } from '../emulator/emulator';
import { fileMarkerStore } from '../sources/file-marker-store';
import { fromLongPolling, type LongPolling } from '../sources/long-polling';
import type { LongPollingOptions } from '../sources/long-polling-options';
import type { PollingStatus } from '../sources/polling-status';
import type { UpdateSource } from '../sources/update-source';
import {
  describeWebhookStatus,
  RUN_BOT_WEBHOOK_ENV,
  type RunBotWebhookOptions,
  startRunBotWebhook,
} from './run-bot-webhook';

/**
 * The environment variables {@link runBot} reads, in one place. Each is only a default: the
 * matching option wins when given. An empty variable counts as unset.
 *
 * @example
 * // TAMTAM_TOKEN=... TAMTAM_MARKER_FILE=./polling.json node bot.js
 * process.env[RUN_BOT_ENV.token]; // the token runBot uses when `options.token` is not given
 */
export const RUN_BOT_ENV = {
  /** The bot's access token (TamTam dialect). Unset: run on a local emulator. */
  token: 'TAMTAM_TOKEN',
  /** The bot's access token on Max: when set (and no `dialect`/`token` option says otherwise), runBot runs on Max with it. */
  maxToken: 'MAX_TOKEN',
  /** The dialect when neither the `dialect` option nor `MAX_TOKEN` decides: `tamtam` or `max` (also read by `npm run emulator`). */
  dialect: 'TAMTAM_RX_DIALECT',
  /** API root URL, e.g. an emulator started with `npx tamtam-emulator`. Default: the real API. */
  baseUrl: 'TAMTAM_API_URL',
  /** A file that keeps the long-polling marker and unhandled updates across restarts. */
  markerFile: 'TAMTAM_MARKER_FILE',
  /** The embedded emulator's port when no token is set. Default: a free port. */
  emulatorPort: 'TAMTAM_EMULATOR_PORT',
  ...RUN_BOT_WEBHOOK_ENV,
} as const;

/**
 * The exit codes of a process run by {@link runBot}. A supervisor (systemd, Docker, Kubernetes)
 * should restart after `failed` (the network may come back) but not after `config`: a
 * rejected token or a webhook in the way of long polling fails again until someone fixes it.
 *
 * @example
 * // systemd: Restart=on-failure plus
 * // RestartPreventExitStatus=78   (RUN_BOT_EXIT_CODES.config)
 */
export const RUN_BOT_EXIT_CODES = {
  /** Stopped gracefully (a signal, `stop()`, the bot's Observable completed). */
  stopped: 0,
  /** A fatal error that may pass: an unreachable API, an error the bot's Observable ended with, a second signal. */
  failed: 1,
  /** A configuration error (`EX_CONFIG` of sysexits.h): the token was rejected (401/403), or a webhook subscription blocks long polling. */
  config: 78,
} as const;

/**
 * A bot as {@link runBot} runs it: a function of the api and the update source that returns
 * the Observable of everything the bot does. The same shape the test kit's `withEmulator`
 * and `startTestBot` take, so one bot function is run and tested alike.
 *
 * @example
 * const echo: RunnableBot = (api, updates$) =>
 *   updates$.pipe(ofType('message_created'), perChat((u) => reply(api, u, { text: u.message.body.text ?? '?' })));
 */
export type RunnableBot<D extends RunBotDialect = 'tamtam'> = (
  api: Api<OperationsOf<D>>,
  updates$: UpdateSource<UpdateOfTable<OperationsOf<D>>>,
) => Observable<unknown>;

/**
 * The Bot API dialects {@link runBot} runs on.
 *
 * @example
 * await runBot(maxBot, { dialect: 'max' });
 */
export type RunBotDialect = 'tamtam' | 'max';

/**
 * Where {@link runBot} writes its lines (addresses, retries, the fatal error report). `console`
 * fits, and so do most loggers (pino, winston, bunyan) since each method takes one string.
 *
 * @example
 * runBot(bot, { logger: { info: (m) => pino.info(m), warn: (m) => pino.warn(m), error: (m) => pino.error(m) } });
 */
export interface RunBotLogger {
  /** Start-up lines: where the bot runs, the emulator's URLs, stop progress. */
  info(message: string): void;
  /** Status events that need attention: poll retries, a removed webhook, malformed updates. */
  warn(message: string): void;
  /** The report of a fatal error, one paragraph. */
  error(message: string): void;
}

/**
 * Options of {@link runBot}. Every field is optional; defaults are listed per field.
 *
 * @example
 * await runBot(bot, {
 *   name: 'helpdesk',
 *   markerFile: './state/polling.json',
 *   polling: { types: ['message_created', 'message_callback'] },
 * });
 */
export interface RunBotOptions<D extends RunBotDialect = RunBotDialect> {
  /** Used in log lines ("The helpdesk bot is running…"). Default `'tamtam'`. */
  readonly name?: string;
  /**
   * The Bot API dialect: `'tamtam'` or `'max'`. Default: `'max'` when `MAX_TOKEN` is set (and
   * then that is the token), else `TAMTAM_RX_DIALECT`, else `'tamtam'` ({@link RUN_BOT_ENV}).
   * Without a token the embedded emulator speaks this dialect. A bot typed for one dialect
   * (`RunnableBot<'max'>`) should be run with that dialect given here.
   */
  readonly dialect?: D;
  /**
   * The bot's access token. Default: the `MAX_TOKEN` environment variable on Max, the
   * `TAMTAM_TOKEN` one on TamTam ({@link RUN_BOT_ENV}). When neither is set (or it is empty), a local emulator is started
   * and the bot runs on it; its URLs are printed.
   */
  readonly token?: string;
  /** Options of `createApi` besides the token (`baseUrl`, `timeout`, `retry`...). Default: `baseUrl` from `TAMTAM_API_URL`, else the real API. */
  readonly api?: Omit<ApiOptions, 'token' | 'dialect'>;
  /**
   * A file for the polling marker and not-yet-handled updates, so a restart neither repeats
   * nor loses updates (`fileMarkerStore`). Default: `TAMTAM_MARKER_FILE`, else in memory.
   */
  readonly markerFile?: string;
  /** Options of `fromLongPolling` (`types`, `limit`, `stopTimeout`...). `store` and `signal` are set by runBot. */
  readonly polling?: Omit<LongPollingOptions, 'store' | 'signal'>;
  /**
   * Receive updates on a webhook instead of long polling: `true` or its settings
   * ({@link RunBotWebhookOptions}: public `url`, local `port`, `secret`...). Default: on when
   * `TAMTAM_WEBHOOK_URL` is set, else long polling; `false` forces long polling. runBot listens,
   * subscribes the URL, acknowledges each update once handled and, on stop, lets running
   * handlers finish and closes the server (the subscription stays, so the server keeps updates
   * for the next start). On the embedded emulator the webhook runs on loopback.
   */
  readonly webhook?: boolean | RunBotWebhookOptions<D>;
  /** Where lines are written. Default `console` (`console.log`, `console.warn`, `console.error`). */
  readonly logger?: RunBotLogger;
  /** The embedded emulator's port when there is no token. Default: `TAMTAM_EMULATOR_PORT`, else a free port. */
  readonly emulatorPort?: number;
  /** What to suggest trying, printed under the emulator's URLs. Default: nothing. */
  readonly hint?: string;
  /** Signals that stop the bot gracefully. Default `['SIGINT', 'SIGTERM']`; `[]` installs no handler. */
  readonly signals?: readonly NodeJS.Signals[];
  /** Aborting it stops the bot gracefully, like SIGTERM. Default: none. */
  readonly signal?: AbortSignal;
  /**
   * Called once with the exit code when the bot has stopped ({@link RUN_BOT_EXIT_CODES}: `0`
   * after a graceful stop, `78` for a rejected token or a webhook in the way, `1` after other
   * fatal errors). Default `process.exit`. Tests and embedders pass their own.
   */
  readonly exit?: (code: number) => void;
}

/**
 * A bot started by {@link runBot}.
 *
 * @example
 * const running = await runBot(bot, { exit: () => {} });
 * running.emulator?.actAs(DEFAULT_WORLD_IDS.alice).sendToBot('/start');
 * const code = await running.stop(); // 0
 */
export interface RunningBot<D extends RunBotDialect = 'tamtam'> {
  /** The dialect the bot runs on. */
  readonly dialect: RunBotDialect;
  /** The api the bot runs with (the emulator's when there is no token). */
  readonly api: Api<OperationsOf<D>>;
  /** The update source the bot receives: long polling, or the webhook with the `webhook` option. */
  readonly updates$: UpdateSource<UpdateOfTable<OperationsOf<D>>>;
  /** The embedded emulator, when there was no token; closed when the bot stops. */
  readonly emulator: Emulator | undefined;
  /** The web chat page of the embedded emulator (`<url>/_emulator/ui`), when there is one. */
  readonly webChatUrl: string | undefined;
  /** Stops gracefully (like SIGTERM): running handlers finish, then the `exit` hook is called. Resolves with the exit code. */
  stop(): Promise<number>;
  /** Resolves with the exit code once the bot has stopped, for whatever reason. */
  readonly done: Promise<number>;
}

const defaultLogger: RunBotLogger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};

/**
 * Runs a bot in one call, the way a process should: on long polling with the token from
 * `TAMTAM_TOKEN`, or without a token on a local emulator whose API and web chat URLs it prints
 * (the emulator is loaded only then). It logs the source's retries and a removed webhook;
 * SIGINT and SIGTERM stop it gracefully (no new updates, running handlers finish, the marker
 * is saved) and exit with code 0; a second signal exits at once with 1. A fatal error (a bad
 * token, an unreachable API, a webhook subscription in the way, an error the bot's Observable
 * ends with) is reported as one readable paragraph, never an RxJS stack dump, and exits with a
 * non-zero code: 78 when only a change of configuration helps, else 1 ({@link RUN_BOT_EXIT_CODES}).
 * Resolves once the bot is running; never rejects (start-up failures are reported and exit
 * like fatal errors, and then it resolves with a stopped bot).
 *
 * @example
 * import { command, perChat, reply } from 'tamtam-rx';
 * import { runBot } from 'tamtam-rx/node';
 *
 * runBot((api, updates$) => updates$.pipe(command('start'), perChat((u) => reply(api, u, { text: 'Hello!' }))));
 */
export async function runBot<D extends RunBotDialect = 'tamtam'>(
  bot: RunnableBot<D>,
  options?: RunBotOptions<D>,
): Promise<RunningBot<D>>;
export async function runBot(
  bot: RunnableBot<RunBotDialect>,
  options: RunBotOptions = {},
): Promise<RunningBot<RunBotDialect>> {
  const logger = options.logger ?? defaultLogger;
  const name = options.name ?? 'tamtam';
  const exitHook = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ['SIGINT', 'SIGTERM'];
  let dialect: RunBotDialect = 'tamtam';
  let token: string | undefined;
  let tokenVar: string = RUN_BOT_ENV.token;
  let configError: unknown;
  try {
    dialect = options.dialect ?? dialectFromRunBotEnv();
  } catch (error) {
    configError = error; // reported by start(), like any start-up failure
  }
  if (dialect === 'max') {
    // a TamTam token is no use on Max: only MAX_TOKEN (or the option) counts here
    tokenVar = RUN_BOT_ENV.maxToken;
    token = options.token ?? envValue(RUN_BOT_ENV.maxToken);
  } else {
    token = options.token ?? envValue(RUN_BOT_ENV.token);
  }
  const markerFile = options.markerFile ?? envValue(RUN_BOT_ENV.markerFile);

  let emulator: Emulator | undefined;
  let api: Api<OperationsOf<RunBotDialect>> | undefined;
  let updates$: UpdateSource<UpdateOfTable<OperationsOf<RunBotDialect>>> | undefined;
  const webhookSettings: RunBotWebhookOptions | undefined =
    options.webhook === true || (options.webhook === undefined && envValue(RUN_BOT_ENV.webhookUrl) !== undefined)
      ? {}
      : options.webhook === false
        ? undefined
        : options.webhook;
  let subscription: Subscription | undefined;
  let stopping: Promise<number> | undefined;
  let signalCount = 0;
  let resolveDone: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (resolveDone = resolve));
  let baseUrl = options.api?.baseUrl ?? envValue(RUN_BOT_ENV.baseUrl) ?? resolveDialect(dialect).baseUrl;

  const onSignal = (signal: NodeJS.Signals): void => {
    signalCount++;
    if (signalCount > 1) {
      logger.error(`Received ${signal} again: exiting without waiting for running handlers.`);
      finish(RUN_BOT_EXIT_CODES.failed);
      return;
    }
    logger.info(`Received ${signal}: stopping the ${name} bot, waiting for running handlers to finish…`);
    void stop(0);
  };
  const onAbort = (): void => void stop(0);
  for (const s of signals) process.on(s, onSignal);
  options.signal?.addEventListener('abort', onAbort, { once: true });

  let finished = false;
  function finish(code: number): void {
    if (finished) return;
    finished = true;
    for (const s of signals) process.off(s, onSignal);
    options.signal?.removeEventListener('abort', onAbort);
    resolveDone(code);
    exitHook(code);
  }

  function stop(code: number): Promise<number> {
    stopping ??= (async () => {
      let exitCode = code;
      try {
        // a stop during start-up waits for it: start-up sees `stopping` and starts no polling
        await startup;
        const result = await updates$?.stop();
        subscription?.unsubscribe();
        if (result && result.unfinished > 0) {
          logger.warn(
            `${result.unfinished} update(s) were still being handled after the stop timeout; they will be delivered again on the next start.`,
          );
        }
        await emulator?.close();
        if (code === 0) logger.info(`The ${name} bot stopped.`);
      } catch (error) {
        logger.error(`The ${name} bot could not stop cleanly: ${oneLine(error)}`);
        exitCode = RUN_BOT_EXIT_CODES.failed;
      }
      finish(exitCode);
      return exitCode;
    })();
    return stopping;
  }

  function fatal(error: unknown): Promise<number> {
    if (stopping !== undefined) return stopping;
    logger.error(describeFatalError(error, { name, baseUrl, tokenFromEnv: options.token === undefined, tokenVar }));
    return stop(exitCodeOf(error));
  }

  const running = (): RunningBot<RunBotDialect> => ({
    dialect,
    api: api as Api<OperationsOf<RunBotDialect>>,
    updates$: updates$ as UpdateSource<UpdateOfTable<OperationsOf<RunBotDialect>>>,
    emulator,
    webChatUrl: emulator ? `${emulator.url}/_emulator/ui` : undefined,
    stop: () => stop(0),
    done,
  });

  let startFailed = false;
  let startFailure: unknown;
  let startup: Promise<void> = Promise.resolve();
  startup = start();
  await startup;
  if (startFailed) await fatal(startFailure);
  return running();

  /** Starts the emulator (without a token), checks the token, starts polling and the bot, prints where it runs. */
  async function start(): Promise<void> {
    try {
      if (configError !== undefined) throw configError;
      let world: typeof import('../emulator/index')['DEFAULT_WORLD_IDS'] | undefined;
      if (token === undefined) {
        // loaded only here, so bots on the real API never load the emulator
        const loaded = await import('../emulator/index');
        const port = options.emulatorPort ?? portFromEnv();
        emulator = await loaded.startEmulator({ port, dialect });
        world = loaded.DEFAULT_WORLD_IDS;
        api = createApi({ ...options.api, dialect, token: emulator.token, baseUrl: emulator.url });
      } else {
        api = createApi({ ...options.api, dialect, token, baseUrl });
      }
      baseUrl = api.baseUrl;
      // fails fast and readably on a bad token or an unreachable API, before polling starts
      const me = await firstValueFrom(getMyInfo(api));
      if (stopping !== undefined) return;

      let receiving: string;
      if (webhookSettings === undefined) {
        const polling: LongPolling<UpdateOfTable<OperationsOf<RunBotDialect>>> = fromLongPolling(api, {
          ...options.polling,
          ...(markerFile === undefined ? {} : { store: fileMarkerStore(markerFile) }),
        });
        polling.status$.subscribe((status) => logStatus(status, logger));
        updates$ = polling;
        receiving = 'long polling';
      } else {
        const started = await startRunBotWebhook(api, webhookSettings, emulator !== undefined);
        started.hook.status$.subscribe((status) => {
          const line = describeWebhookStatus(status);
          if (line !== undefined) logger.warn(line);
        });
        if (
          webhookSettings.secret === undefined &&
          envValue(RUN_BOT_ENV.webhookSecret) === undefined &&
          emulator === undefined
        ) {
          logger.warn(
            `The webhook has no secret: anyone who learns ${started.url} can post fake updates. Set ${RUN_BOT_ENV.webhookSecret} or webhook.secret.`,
          );
        }
        updates$ = started.hook;
        receiving = `a webhook (${started.shownUrl}, listening on ${started.listening})`;
        if (stopping !== undefined) return;
      }
      subscription = bot(api, updates$).subscribe({
        error: (error: unknown) => void fatal(error),
        complete: () => {
          if (stopping !== undefined) return;
          logger.info(`The ${name} bot's Observable completed: stopping.`);
          void stop(0);
        },
      });
      if (stopping !== undefined) return;

      const who = me.username ? `@${me.username}` : me.name;
      if (emulator === undefined || world === undefined) {
        logger.info(
          `The ${name} bot (${who}) is running on ${baseUrl}, receiving updates by ${receiving}. Press Ctrl-C to stop.`,
        );
        return;
      }
      logger.info(
        `The ${name} bot (${who}) is running on a local ${dialect === 'max' ? 'Max emulator' : 'emulator'} (no ${dialect === 'max' ? RUN_BOT_ENV.maxToken : RUN_BOT_ENV.token} set).`,
      );
      logger.info(`  Web chat:  ${emulator.url}/_emulator/ui   (open it in a browser to talk to the bot)`);
      logger.info(`  Bot API:   ${emulator.url}`);
      if (webhookSettings !== undefined) logger.info(`  Updates:   ${receiving}`);
      logger.info(`  Token:     ${emulator.token}`);
      logger.info(`  Users:     Alice ${world.alice}, Bob ${world.bob}, Carol ${world.carol}`);
      logger.info(`  Chats:     group "Emulator Lounge" ${world.group}, channel "Emulator News" ${world.channel}`);
      if (options.hint) logger.info(`  Try:       ${options.hint}`);
      logger.info('Press Ctrl-C to stop.');
    } catch (error) {
      startFailed = true;
      startFailure = error;
    }
  }
}

/** {@link RUN_BOT_EXIT_CODES}`.config` for errors that only a change of configuration fixes. */
function exitCodeOf(error: unknown): number {
  if (isTamTamApiError(error) && (error.status === 401 || error.status === 403)) return RUN_BOT_EXIT_CODES.config;
  if (isWebhookConflict(error)) return RUN_BOT_EXIT_CODES.config;
  return RUN_BOT_EXIT_CODES.failed;
}

/** The error `fromLongPolling` starts with when a webhook subscription exists. */
function isWebhookConflict(error: unknown): error is Error {
  return error instanceof Error && /webhook subscription/.test(error.message);
}

/** Logs the status events worth a line; batches and the start are too frequent to log. */
function logStatus(status: PollingStatus, logger: RunBotLogger): void {
  switch (status.type) {
    case 'retry':
      logger.warn(
        `Polling failed (${oneLine(status.error)}); retry ${status.attempt} in ${Math.round(status.delay / 100) / 10} s.`,
      );
      break;
    case 'webhook_removed':
      logger.warn(`Removed the webhook subscription ${status.url} so that long polling receives updates.`);
      break;
    case 'invalid_update':
      logger.warn(`Skipped an item of a poll answer that is not an update: ${status.reason}.`);
      break;
    case 'started':
      if (status.replayed > 0)
        logger.warn(`Delivering again ${status.replayed} update(s) that were not handled before the last exit.`);
      break;
    default:
      break;
  }
}

/** What {@link describeFatalError} names in its report. */
interface FatalErrorContext {
  /** The bot's name, as in the log lines. */
  readonly name: string;
  /** The API root the bot talked to. */
  readonly baseUrl: string;
  /** Whether the token came from the environment (then the report names the variable). */
  readonly tokenFromEnv: boolean;
  /** The environment variable the token came from. Default `TAMTAM_TOKEN`. */
  readonly tokenVar?: string;
}

/**
 * One readable paragraph about why a bot cannot go on: the cause, then what to do. No stack
 * for the errors the library knows (API, network, webhook conflict); for any other error (a
 * bug in the bot), the stack frames outside RxJS and Node internals, which point at the bug.
 *
 * @example
 * describeFatalError(new TamTamApiError({ status: 401, ... }), { name: 'echo', baseUrl: DEFAULT_BASE_URL, tokenFromEnv: true });
 * // 'The echo bot stopped: the Bot API at https://botapi.tamtam.chat rejected the token (401 verify.token: …). Check …'
 */
export function describeFatalError(error: unknown, context: FatalErrorContext): string {
  const subject = `The ${context.name} bot stopped`;
  const tokenSource = context.tokenFromEnv
    ? `the ${context.tokenVar ?? RUN_BOT_ENV.token} environment variable`
    : 'the `token` option';
  if (isTamTamApiError(error)) {
    if (error.status === 401) {
      return (
        `${subject}: the Bot API at ${context.baseUrl} rejected the token (401 ${error.code}: ${error.description}). ` +
        `Check ${tokenSource}: it must be the token @PrimeBot gave when the bot was created (ask it again with /token if it was revoked).`
      );
    }
    return `${subject}: the Bot API answered ${error.status} ${error.code}: ${error.description} (${error.method} ${error.path}). This error is not retried.`;
  }
  if (isTamTamTimeoutError(error) || isTamTamNetworkError(error)) {
    return (
      `${subject}: the Bot API at ${context.baseUrl} is unreachable (${oneLine(error)}). ` +
      `Check the network, DNS, a proxy or firewall, and the API URL (${RUN_BOT_ENV.baseUrl} / the api.baseUrl option).`
    );
  }
  if (isWebhookConflict(error)) {
    return (
      `${subject}: a webhook subscription is in the way of long polling. ${oneLine(error)} ` +
      'A bot runs either on long polling or on a webhook, never both.'
    );
  }
  if (error instanceof Error) {
    const frames = (error.stack ?? '')
      .split('\n')
      .slice(1)
      .map((line) => line.trim())
      .filter((line) => line.startsWith('at ') && !/node_modules[\\/]rxjs|node:internal|[\\/]rxjs[\\/]dist/.test(line))
      .slice(0, 5);
    return `${subject} with an error: ${oneLine(error)}${frames.length > 0 ? `\n    ${frames.join('\n    ')}` : ''}`;
  }
  return `${subject} with a non-Error value: ${oneLine(error)}`;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\s*\n\s*/g, ' ');
}

function envValue(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

function portFromEnv(): number {
  const raw = envValue(RUN_BOT_ENV.emulatorPort);
  if (raw === undefined) return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(
      `${RUN_BOT_ENV.emulatorPort} must be a port number 0-65535 (0 = a free one), got ${JSON.stringify(raw)}`,
    );
  }
  return port;
}

/** The dialect from the environment: `MAX_TOKEN` set → Max, else `TAMTAM_RX_DIALECT`, else TamTam. */
function dialectFromRunBotEnv(): RunBotDialect {
  if (envValue(RUN_BOT_ENV.maxToken) !== undefined) return 'max';
  const raw = envValue(RUN_BOT_ENV.dialect)?.trim().toLowerCase();
  if (raw === undefined || raw === '') return 'tamtam';
  if (raw === 'tamtam' || raw === 'max') return raw;
  throw new RangeError(
    `${RUN_BOT_ENV.dialect}=${JSON.stringify(process.env[RUN_BOT_ENV.dialect])} is not a dialect: set it to tamtam or max`,
  );
}
