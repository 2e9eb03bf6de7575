/**
 * The processes a benchmark workload shares between its runs: one emulator host (a fresh
 * emulator in it for every run), one minimal update server (stateless), and rounds in which a
 * costly reference runner is measured only at first. No timing is asserted.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ingestRun } from '../../bench/ingest';
import { stopRemoteBenchEmulatorHost, startRemoteBenchEmulator } from '../../bench/lib/remote-emulator';
import { alternate } from '../../bench/lib/rounds';
import { stopSharedUpdateServers } from '../../bench/lib/update-server';

afterAll(async () => {
  await stopRemoteBenchEmulatorHost();
  await stopSharedUpdateServers();
});

describe('rounds with a reference runner', () => {
  it('runs the reference in its first rounds only, so its values pair with the same rounds of the others', async () => {
    const order: string[] = [];
    let round = 0;
    const results = await alternate(
      3,
      {
        base: async () => (order.push('base'), ++round),
        reference: async () => (order.push('reference'), round * 10),
      },
      { roundsOf: { reference: 1 } },
    );
    expect(order).toEqual(['base', 'reference', 'base', 'base']);
    expect(results).toEqual({ base: [1, 2, 3], reference: [10] });
  });
});

describe('processes shared by the runs of a workload', () => {
  it('one emulator host serves every run, each on a fresh emulator', async () => {
    const first = await startRemoteBenchEmulator();
    await first.injectMessages(5, 5);
    expect(await first.pending()).toBe(5);
    await first.close();
    await expect(first.pending()).rejects.toThrow(/no emulator/);

    const second = await startRemoteBenchEmulator({ dialect: 'max' });
    expect(await second.pending()).toBe(0);
    await second.injectMessages(2, 2);
    expect(await second.pending()).toBe(2);
    await second.close();
  }, 60_000); // the host starts with tsx: slow on a loaded machine

  it('the minimal update server answers every run from its first batch', async () => {
    for (const who of ['tamtam-rx', 'fetch loop', 'tamtam-rx'] as const) {
      const run = await ingestRun('remote', who, 300, 'minimal');
      expect({ who, count: run.count }).toEqual({ who, count: 300 });
    }
  }, 60_000);

  it('ingest runs on the emulator host read exactly what their own fresh emulator queued', async () => {
    for (const who of ['tamtam-rx', 'fetch loop'] as const) {
      const run = await ingestRun('remote', who, 250);
      expect({ who, count: run.count }).toEqual({ who, count: 250 });
    }
  }, 60_000);
});
