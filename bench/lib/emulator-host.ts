/**
 * Child-process entry that hosts {@link BenchEmulator}s and answers calls over IPC, so the
 * server runs on its own core while the bot under test runs in the parent. One host serves a
 * whole workload: every run starts a FRESH emulator in it (new state, new port) and closes it
 * afterwards, followed by a full GC, so no run sees what the previous one left behind and none
 * pays for collecting it; only the process start (about 2 s of tsx on a loaded machine) is
 * shared. Started by `startRemoteBenchEmulator`; not meant to be run by hand.
 */
import type { BenchEmulator, BenchEmulatorOptions } from './bench-emulator';
import { startLocalBenchEmulator } from './bench-emulator';

/**
 * A call from the parent: `start` (args: the options) answers `{ emulator, url, token }`; any
 * other method is one of {@link BenchEmulator}'s, on the emulator `emulator` names.
 */
interface Call {
  readonly id: number;
  readonly emulator?: number;
  readonly method: string;
  readonly args: unknown[];
}

const send = (message: unknown): void => {
  process.send?.(message);
};

const emulators = new Map<number, BenchEmulator>();
let nextEmulator = 1;

/** A full collection while nothing is measured (the host runs with `--expose-gc`). */
async function collect(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < 2; i++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function answer(call: Call): Promise<unknown> {
  if (call.method === 'start') {
    const emulator = await startLocalBenchEmulator((call.args[0] ?? {}) as BenchEmulatorOptions);
    const id = nextEmulator++;
    emulators.set(id, emulator);
    return { emulator: id, url: emulator.url, token: emulator.token };
  }
  const emulator = call.emulator === undefined ? undefined : emulators.get(call.emulator);
  if (emulator === undefined) throw new Error(`The bench emulator host has no emulator ${call.emulator}`);
  if (call.method === 'close') {
    emulators.delete(call.emulator as number);
    await emulator.close();
    await collect();
    return null;
  }
  const method = (emulator as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[call.method];
  if (typeof method !== 'function') throw new Error(`The bench emulator has no method ${call.method}`);
  return method(...call.args);
}

process.on('message', (call: Call) => {
  answer(call).then(
    (result) => send({ id: call.id, result: result ?? null }),
    (error: unknown) => send({ id: call.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.on('disconnect', () => {
  void Promise.allSettled([...emulators.values()].map((emulator) => emulator.close())).finally(() => process.exit(0));
});
send({ ready: true });
