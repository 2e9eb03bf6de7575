/**
 * Child-process entry that hosts a {@link BenchEmulator} and answers calls over IPC, so the
 * server runs on its own core while the bot under test runs in the parent. Started by
 * `startRemoteBenchEmulator`; not meant to be run by hand.
 */
import type { BenchEmulator, BenchEmulatorOptions } from './bench-emulator';
import { startLocalBenchEmulator } from './bench-emulator';

/** A call from the parent: a {@link BenchEmulator} method and its arguments. */
interface Call {
  readonly id: number;
  readonly method: string;
  readonly args: unknown[];
}

const send = (message: unknown): void => {
  process.send?.(message);
};

async function main(): Promise<void> {
  const options = JSON.parse(process.env['BENCH_EMULATOR_OPTIONS'] ?? '{}') as BenchEmulatorOptions;
  const emulator = await startLocalBenchEmulator(options);
  send({ ready: true, url: emulator.url, token: emulator.token });
  process.on('message', (message: Call) => {
    const method = (emulator as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[message.method];
    if (typeof method !== 'function') {
      send({ id: message.id, error: `The bench emulator has no method ${message.method}` });
      return;
    }
    method(...message.args).then(
      (result) => {
        send({ id: message.id, result: result ?? null });
        if (message.method === 'close') process.disconnect();
      },
      (error: unknown) => send({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.on('disconnect', () => void emulator.close().finally(() => process.exit(0)));
}

void main().catch((error: unknown) => {
  console.error('bench emulator host failed to start:', error);
  process.exit(1);
});
