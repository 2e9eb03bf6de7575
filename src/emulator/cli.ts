#!/usr/bin/env node
/**
 * `npm run emulator` / `tamtam-emulator`: starts the emulator and prints its URL and token.
 *
 * Flags (each also readable from the environment variable in brackets):
 *   --dialect <d>         [TAMTAM_RX_DIALECT]      tamtam (default) or max
  --port <n>            [TAMTAM_EMULATOR_PORT]   default 8090 (0 = any free port)
 *   --host <addr>         [TAMTAM_EMULATOR_HOST]   default 127.0.0.1
 *   --token <s>           [TAMTAM_EMULATOR_TOKEN]  default random
 *   --empty                                        start with only the bot
 *   --fixture <file.json>                          start from a WorldFixture JSON file
 *   --latency <ms>        [TAMTAM_EMULATOR_LATENCY]
 *   --rate-limit <n/s|tamtam|max|on|off>  [TAMTAM_EMULATOR_RATE_LIMIT]
 *                         requests/s per token; tamtam: 429 with Retry-After, max: without (30/s)
 *   --error-rate <0..1>   probability of a 503 per request
 *   --drop-rate <0..1>    probability of a dropped connection
 *   --malformed-rate <0..1>
 *   --seed <n>            fault PRNG seed
 *   --webhook-time-scale <x>
 *   --verbose             log each API request (never the token)
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { optionsFromArgs } from './cli-options';
import { startEmulator } from './start-emulator';

const USAGE = `Usage: tamtam-emulator [flags]

Starts a local TamTam Bot API emulator and prints its URL and token.

Flags (each also readable from the environment variable in brackets):
  --dialect <d>         [TAMTAM_RX_DIALECT]      tamtam (default) or max
  --port <n>            [TAMTAM_EMULATOR_PORT]   default 8090 (0 = any free port)
  --host <addr>         [TAMTAM_EMULATOR_HOST]   default 127.0.0.1
  --token <s>           [TAMTAM_EMULATOR_TOKEN]  default random
  --empty                                        start with only the bot
  --fixture <file.json>                          start from a WorldFixture JSON file
  --latency <ms>        [TAMTAM_EMULATOR_LATENCY]
  --rate-limit <n/s|tamtam|max|on|off>  [TAMTAM_EMULATOR_RATE_LIMIT]
                        requests/s per token; tamtam: 429 with Retry-After, max: without (30/s)
  --error-rate <0..1>   probability of a 503 per request
  --drop-rate <0..1>    probability of a dropped connection
  --malformed-rate <0..1>
  --seed <n>            fault PRNG seed
  --webhook-time-scale <x>
  --verbose             log each API request (never the token)
  --version, -v         print the version and exit
  --help, -h            print this help and exit
`;

/**
 * The version of the tamtam-rx package this command belongs to: the nearest package.json
 * named `tamtam-rx` above this file (`dist/` when installed, `src/emulator/` in the repo).
 *
 * @example
 * packageVersion(); // '0.1.0'
 */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'tamtam-rx' && typeof pkg.version === 'string') return pkg.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  if (process.argv.includes('--version') || process.argv.includes('-v')) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  let options: ReturnType<typeof optionsFromArgs>;
  try {
    options = optionsFromArgs(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`tamtam-emulator: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  const { verbose, ...emulatorOptions } = options;
  if (verbose) {
    emulatorOptions.onRequest = (r) =>
      process.stdout.write(
        `${new Date(r.at).toISOString()} ${r.method} ${r.path} → ${r.status ?? 'dropped'}${r.fault ? ` [${r.fault}]` : ''} ${r.durationMs}ms\n`,
      );
  }
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator(emulatorOptions);
  } catch (error) {
    // one line, never a stack (or the minified source line Node shows for an uncaught error)
    process.stderr.write(`tamtam-emulator: ${startFailure(error, emulatorOptions.port)}\n`);
    process.exit(error instanceof RangeError ? 2 : 1);
  }
  // handlers first: whoever reads the URL may signal us right away
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: closing the emulator...\n`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.stdout.write(
    [
      `${emulator.dialect === 'max' ? 'Max' : 'TamTam'} Bot API emulator is running.`,
      `  URL:     ${emulator.url}`,
      `  Token:   ${emulator.token}`,
      `  Control: ${emulator.url}/_emulator`,
      `  Chat UI: ${emulator.url}/_emulator/ui`,
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
}

/** Why the emulator could not start, as one sentence. */
function startFailure(error: unknown, port: number | undefined): string {
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
    return `port ${port} is in use; pass --port <n> (0: any free port)`;
  return (error as Error).message;
}

void main();
