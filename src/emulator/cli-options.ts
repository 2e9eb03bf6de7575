/**
 * Command-line flags and environment variables of the emulator CLI.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dialectFromEnv, emulatorDialect } from './dialect';
import type { FaultOptions } from './faults/fault-options';
import type { WorldFixture } from './fixtures/world-fixture';
import type { EmulatorOptions } from './options';

/**
 * Turns command-line flags and environment variables into {@link EmulatorOptions}.
 * Throws an `Error` naming the bad flag.
 *
 * @example
 * optionsFromArgs(['--port', '0', '--empty'], {}); // { port: 0, world: 'empty', ... }
 */
export function optionsFromArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): EmulatorOptions & { verbose: boolean } {
  const { values } = parseArgs({
    args: [...args],
    options: {
      dialect: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      token: { type: 'string' },
      empty: { type: 'boolean' },
      fixture: { type: 'string' },
      latency: { type: 'string' },
      'rate-limit': { type: 'string' },
      'error-rate': { type: 'string' },
      'drop-rate': { type: 'string' },
      'malformed-rate': { type: 'string' },
      seed: { type: 'string' },
      'webhook-time-scale': { type: 'string' },
      verbose: { type: 'boolean' },
    },
    strict: true,
  });
  const num = (flag: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n))
      throw new Error(`--${flag} must be a number, got ${JSON.stringify(raw)}`);
    return n;
  };
  const rate = (flag: string, raw: string | undefined): number | undefined => {
    const n = num(flag, raw);
    if (n !== undefined && !(n >= 0 && n <= 1))
      throw new Error(`--${flag} is a probability from 0 to 1, got ${JSON.stringify(raw)}`);
    return n;
  };
  const faults: FaultOptions = {};
  const seed = num('seed', values.seed);
  if (seed !== undefined) faults.seed = seed;
  const latency = num('latency', values.latency ?? env['TAMTAM_EMULATOR_LATENCY']);
  if (latency !== undefined) faults.latencyMs = latency;
  const errorRate = rate('error-rate', values['error-rate']);
  if (errorRate !== undefined) faults.burst503 = { probability: errorRate };
  const drop = rate('drop-rate', values['drop-rate']);
  if (drop !== undefined) faults.dropConnectionProbability = drop;
  const malformed = rate('malformed-rate', values['malformed-rate']);
  if (malformed !== undefined) faults.malformedBodyProbability = malformed;

  let world: EmulatorOptions['world'] = 'default';
  if (values.empty) world = 'empty';
  if (values.fixture !== undefined) world = JSON.parse(readFileSync(values.fixture, 'utf8')) as WorldFixture;
  const dialect = values.dialect === undefined ? dialectFromEnv(env) : dialectName(values.dialect);
  const options: EmulatorOptions & { verbose: boolean } = {
    ...(dialect === undefined ? {} : { dialect }),
    port: num('port', values.port ?? env['TAMTAM_EMULATOR_PORT']) ?? 8090,
    host: values.host ?? env['TAMTAM_EMULATOR_HOST'] ?? '127.0.0.1',
    world,
    faults,
    verbose: values.verbose ?? false,
  };
  const rateLimit = rateLimitFlag(values['rate-limit'] ?? env['TAMTAM_EMULATOR_RATE_LIMIT'], num);
  if (rateLimit !== undefined) options.rateLimit = rateLimit;
  const token = values.token ?? env['TAMTAM_EMULATOR_TOKEN'];
  if (token !== undefined) options.token = token;
  const timeScale = num('webhook-time-scale', values['webhook-time-scale']);
  if (timeScale !== undefined) options.webhook = { timeScale };
  return options;
}

/**
 * `--rate-limit`: `tamtam` (429 with Retry-After) or `max` (429 without), 30 requests/s per
 * token; a number of requests/s in the emulator's own dialect style; `on` / `off`.
 */
function rateLimitFlag(
  raw: string | undefined,
  num: (flag: string, raw: string | undefined) => number | undefined,
): EmulatorOptions['rateLimit'] | undefined {
  if (raw === undefined) return undefined;
  const word = raw.trim().toLowerCase();
  if (word === 'tamtam' || word === 'max') return word;
  if (word === 'on') return true;
  if (word === 'off') return false;
  return { perSecond: num('rate-limit', raw) as number };
}

function dialectName(raw: string): 'tamtam' | 'max' {
  try {
    return emulatorDialect(raw.trim().toLowerCase()).name;
  } catch {
    throw new Error(`--dialect must be tamtam or max, got ${JSON.stringify(raw)}`);
  }
}
