/**
 * Runs an example bot: against the real TamTam API when `TAMTAM_TOKEN` is set, otherwise
 * against a local emulator it starts (with Alice, Bob, Carol, a group and a channel).
 * Stops cleanly on Ctrl-C / SIGTERM: polling first (handlers finish), then the emulator.
 */
import { type Api, createApi, fromLongPolling, memoryMarkerStore } from '../../src/index';
import { fileMarkerStore } from '../../src/node/index';
import { DEFAULT_WORLD_IDS, startEmulator, type Emulator } from '../../src/emulator/index';
import type { BotFunction } from '../../src/testing/entry-emulator';

/**
 * Options of {@link runBot}.
 *
 * @example
 * runBot('echo', echoBot, { hint: 'Send any text to the bot.' });
 */
export interface RunBotOptions {
  /** What to try, printed after the addresses when running on the emulator. */
  readonly hint?: string;
  /** Where the printed lines go. Default `console.log`. */
  readonly log?: (line: string) => void;
}

/**
 * Starts `bot` and keeps it running until SIGINT/SIGTERM. Resolves once it is running.
 * Environment: `TAMTAM_TOKEN` (real API), `TAMTAM_MARKER_FILE` (persist the polling marker
 * there instead of in memory), `PORT` (emulator port; default a free one).
 *
 * @example
 * await runBot('echo', echoBot);
 */
export async function runBot(name: string, bot: BotFunction, options: RunBotOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => console.log(line));
  const token = process.env['TAMTAM_TOKEN'];
  const markerFile = process.env['TAMTAM_MARKER_FILE'];
  let emulator: Emulator | undefined;
  let api: Api;
  if (token !== undefined && token !== '') {
    api = createApi({ token });
  } else {
    emulator = await startEmulator({ port: Number(process.env['PORT']) || 0 });
    api = createApi({ token: emulator.token, baseUrl: emulator.url });
  }
  const updates$ = fromLongPolling(api, { store: markerFile ? fileMarkerStore(markerFile) : memoryMarkerStore() });
  const subscription = bot(api, updates$).subscribe({
    error: (error: unknown) => {
      console.error(`${name} bot stopped: ${error instanceof Error ? error.message : String(error)}`);
      void shutdown(1);
    },
  });

  let stopping = false;
  async function shutdown(code: number): Promise<void> {
    if (stopping) return;
    stopping = true;
    log(`Stopping the ${name} bot…`);
    try {
      await updates$.stop();
      subscription.unsubscribe();
      await emulator?.close();
    } catch (error) {
      console.error(`Could not stop cleanly: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
    process.exit(code);
  }
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  if (emulator === undefined) {
    log(`The ${name} bot is running against the TamTam Bot API. Press Ctrl-C to stop.`);
    return;
  }
  log(`The ${name} bot is running against a local emulator.`);
  log(`  Emulator:  ${emulator.url}`);
  log(`  Web chat:  ${emulator.url}/_emulator/ui`);
  log(`  Token:     ${emulator.token}`);
  log(`  Users:     Alice ${DEFAULT_WORLD_IDS.alice}, Bob ${DEFAULT_WORLD_IDS.bob}, Carol ${DEFAULT_WORLD_IDS.carol}`);
  log(`  Chats:     group "Emulator Lounge" ${DEFAULT_WORLD_IDS.group}, channel "Emulator News" ${DEFAULT_WORLD_IDS.channel}`);
  if (options.hint) log(`  Try:       ${options.hint}`);
  log('Press Ctrl-C to stop.');
}
