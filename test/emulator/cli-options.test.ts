import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionsFromArgs } from '../../src/emulator/cli-options';

describe('emulator CLI options', () => {
  it('defaults to port 8090 on loopback with the default world', () => {
    expect(optionsFromArgs([], {})).toEqual({
      port: 8090,
      host: '127.0.0.1',
      world: 'default',
      faults: {},
      verbose: false,
    });
  });

  it('reads flags and falls back to environment variables', () => {
    const options = optionsFromArgs(
      [
        '--empty',
        '--latency',
        '25',
        '--rate-limit',
        '10',
        '--error-rate',
        '0.1',
        '--drop-rate',
        '0.05',
        '--malformed-rate',
        '0.01',
        '--seed',
        '9',
        '--webhook-time-scale',
        '0.01',
        '--verbose',
      ],
      { TAMTAM_EMULATOR_PORT: '0', TAMTAM_EMULATOR_TOKEN: 'env-token' },
    );
    expect(options).toEqual({
      port: 0,
      host: '127.0.0.1',
      token: 'env-token',
      world: 'empty',
      verbose: true,
      webhook: { timeScale: 0.01 },
      rateLimit: { perSecond: 10 },
      faults: {
        seed: 9,
        latencyMs: 25,
        burst503: { probability: 0.1 },
        dropConnectionProbability: 0.05,
        malformedBodyProbability: 0.01,
      },
    });
  });

  it('loads a fixture file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-'));
    const file = join(dir, 'world.json');
    writeFileSync(file, JSON.stringify({ users: [{ name: 'Ann' }] }));
    expect(optionsFromArgs(['--fixture', file], {}).world).toEqual({ users: [{ name: 'Ann' }] });
  });

  it('names bad flags', () => {
    expect(() => optionsFromArgs(['--port', 'abc'], {})).toThrow(/--port must be a number/);
    expect(() => optionsFromArgs(['--wat'], {})).toThrow(/wat/);
  });
});
