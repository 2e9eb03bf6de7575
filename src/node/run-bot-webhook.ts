import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Api } from '../api/api';
import type { OperationsOf, UpdateOfTable } from '../api/dialect';
import type { WebhookOptions } from '../sources/webhook/options';
import { type Webhook, webhook } from '../sources/webhook/webhook';
import type { WebhookStatus } from '../sources/webhook/webhook-status';

/**
 * How {@link runBot} receives updates on a webhook instead of long polling. Every field is
 * optional; the environment fills what is not given ({@link RUN_BOT_ENV}). Other fields are
 * `webhook()`'s options (`maxBodyBytes`, `bodyTimeout`, `ackTimeout`, `stopTimeout`, `types`...).
 * runBot always acknowledges an update only once the bot handled it (`ack: 'handled'`), so a
 * crash or a restart makes the server deliver it again instead of losing it.
 *
 * @example
 * // behind a TLS proxy that forwards https://bot.example.com/hook to port 8080
 * runBot(bot, { webhook: { url: 'https://bot.example.com/hook', port: 8080, secret: process.env.HOOK_SECRET } });
 */
export interface RunBotWebhookOptions<D extends 'tamtam' | 'max' = 'tamtam' | 'max'>
  extends Omit<WebhookOptions<OperationsOf<D>>, 'api' | 'url' | 'path' | 'secret' | 'dialect' | 'ack' | 'scheduler'> {
  /**
   * The public URL the Bot API posts to, subscribed at start. Default `TAMTAM_WEBHOOK_URL`;
   * on the embedded emulator, the local server's own URL (the variable is ignored there). Max accepts only `https://` on port
   * 443 with a trusted certificate (see docs/production.md).
   */
  readonly url?: string;
  /** Port the local HTTP server listens on. Default `TAMTAM_WEBHOOK_PORT`, else `8080`; `0` on the embedded emulator. */
  readonly port?: number;
  /** Interface to listen on. Default: all interfaces (`127.0.0.1` on the embedded emulator). */
  readonly host?: string;
  /** Request path served. Default: the path of `url` (`/webhook` on the embedded emulator). */
  readonly path?: string;
  /**
   * Shared secret the Bot API sends with every request, checked in constant time: Max sends
   * it in the `X-Max-Bot-Api-Secret` header; for TamTam, which sends none, runBot subscribes
   * `<url>/<secret>` and serves that path. Default `TAMTAM_WEBHOOK_SECRET`; without one, anyone who
   * learns the URL can post fake updates, so runBot warns.
   */
  readonly secret?: string;
}

/** A webhook started by runBot: listening and subscribed. */
export interface StartedWebhook<U extends object> {
  readonly hook: Webhook<U>;
  /** The URL subscribed. */
  readonly url: string;
  /** The URL subscribed as it may be logged: a secret in its last segment shown as `***`. */
  readonly shownUrl: string;
  /** Where the local server listens (`http://host:port`). */
  readonly listening: string;
}

/**
 * Listens first, then subscribes, so the first delivery finds a live server. On the embedded
 * emulator (`local`), the defaults describe a loopback server on a free port.
 */
export async function startRunBotWebhook(
  api: Api<OperationsOf<'tamtam' | 'max'>>,
  settings: RunBotWebhookOptions,
  local: boolean,
): Promise<StartedWebhook<UpdateOfTable<OperationsOf<'tamtam' | 'max'>>>> {
  const { url: givenUrl, port: givenPort, host: givenHost, path: givenPath, secret: givenSecret, ...rest } = settings;
  const url = givenUrl ?? (local ? undefined : envValue(RUN_BOT_WEBHOOK_ENV.webhookUrl));
  if (url === undefined && !local) {
    throw new TypeError(
      `runBot: a webhook needs its public URL: set the webhook.url option or ${RUN_BOT_WEBHOOK_ENV.webhookUrl} (e.g. https://bot.example.com/hook)`,
    );
  }
  const port = givenPort ?? portFrom(RUN_BOT_WEBHOOK_ENV.webhookPort) ?? (local ? 0 : 8080);
  const host = givenHost ?? (local ? '127.0.0.1' : undefined);
  const secret = givenSecret ?? envValue(RUN_BOT_WEBHOOK_ENV.webhookSecret);
  // A dialect whose server echoes no secret header (TamTam) carries the secret as the URL's
  // last segment: subscribe `<url>/<secret>` and serve `<path>/<secret>`.
  const secretInPath = secret !== undefined && api.dialect?.delivery.webhookSecretHeader === undefined;
  const base = url === undefined ? undefined : withoutSecretSegment(url, secretInPath ? secret : undefined);
  const basePath = base === undefined ? undefined : pathOf(base);
  const path = givenPath ?? basePath ?? '/webhook';

  // the server exists before the webhook (whose URL needs the port on the emulator)
  let handler: Webhook['nodeHandler'] | undefined;
  const server = createServer((req, res) => {
    if (handler === undefined) {
      res.writeHead(503).end();
      return;
    }
    void handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const listening = `http://${host ?? '0.0.0.0'}:${address.port}`;
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  try {
    const served = base ?? `http://${host ?? '127.0.0.1'}:${address.port}${path}`;
    const subscribed = secretInPath ? `${served.replace(/\/+$/, '')}/${encodeURIComponent(secret)}` : served;
    const hook = webhook({
      ...rest,
      api,
      url: subscribed,
      path,
      ack: 'handled',
      ...(secret === undefined ? {} : { secret }),
    });
    handler = hook.nodeHandler;
    await hook.serve(() => ({ close }));
    const shownUrl = secretInPath ? `${served.replace(/\/+$/, '')}/***` : served;
    return { hook, url: subscribed, shownUrl, listening };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The environment variables of runBot's webhook mode. `TAMTAM_WEBHOOK_URL` set turns it on.
 *
 * @example
 * // TAMTAM_WEBHOOK_URL=https://bot.example.com/hook TAMTAM_WEBHOOK_PORT=8080 node bot.js
 */
export const RUN_BOT_WEBHOOK_ENV = {
  /** The public webhook URL; when set, runBot receives updates on a webhook instead of long polling. */
  webhookUrl: 'TAMTAM_WEBHOOK_URL',
  /** Port of the local HTTP server. Default 8080. */
  webhookPort: 'TAMTAM_WEBHOOK_PORT',
  /** The webhook secret. */
  webhookSecret: 'TAMTAM_WEBHOOK_SECRET',
} as const;

/** The status events of a webhook worth a log line, as text; `undefined` for the others. */
export function describeWebhookStatus(status: WebhookStatus): string | undefined {
  switch (status.type) {
    case 'rejected':
      return `Webhook refused a request: ${status.rejection.status} ${status.rejection.code} (${status.rejection.message}).`;
    case 'ack_timeout':
      return 'Handling an update took longer than the webhook ackTimeout: answered 200 while it goes on.';
    default:
      return undefined;
  }
}

/** `url` without a trailing `/<secret>` segment (a user may give the URL either way). */
function withoutSecretSegment(url: string, secret: string | undefined): string {
  if (secret === undefined) return url;
  const suffix = `/${encodeURIComponent(secret)}`;
  const trimmed = url.replace(/\/+$/, '');
  return trimmed.endsWith(suffix) ? trimmed.slice(0, -suffix.length) : url;
}

/**
 * The path of the webhook's public URL, checked here (an absolute http(s) URL) so that a bad
 * one is reported as given, before the secret is appended to it.
 */
function pathOf(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    // reported below
  }
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new TypeError(`runBot: the webhook URL ${JSON.stringify(url)} is not an absolute http(s) URL`);
  }
  return parsed.pathname === '' ? '/' : parsed.pathname;
}

function envValue(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

function portFrom(name: string): number | undefined {
  const raw = envValue(name);
  if (raw === undefined) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(`${name} must be a port number 0-65535, got ${JSON.stringify(raw)}`);
  }
  return port;
}
