/**
 * A {@link BenchEmulator} running in a child process (one more core for the server), driven
 * over IPC. Every method of the interface is forwarded as is.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchEmulator, BenchEmulatorOptions } from './bench-emulator';

const HOST = fileURLToPath(new URL('./emulator-host.ts', import.meta.url));

/**
 * Spawns `node --import tsx bench/lib/emulator-host.ts` and resolves once it listens.
 *
 * @example
 * const emulator = await startRemoteBenchEmulator({ faults: { latencyMs: 100 } });
 * await emulator.queueUserMessages(10_000, 500, 1);
 */
export async function startRemoteBenchEmulator(options: BenchEmulatorOptions = {}): Promise<BenchEmulator> {
  const child = spawn(process.execPath, ['--import', 'tsx', HOST], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, BENCH_EMULATOR_OPTIONS: JSON.stringify(options) },
  });
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    const onExit = (code: number | null): void =>
      reject(new Error(`The bench emulator host exited with ${code} before listening`));
    child.once('exit', onExit);
    child.once('message', (message: { ready?: boolean; url: string; token: string }) => {
      child.off('exit', onExit);
      resolve(message);
    });
  });
  return new RemoteEmulator(child, ready.url, ready.token).proxy();
}

class RemoteEmulator {
  private nextId = 1;
  private readonly calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly token: string,
  ) {
    child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const call = this.calls.get(message.id);
      if (call === undefined) return;
      this.calls.delete(message.id);
      if (message.error !== undefined) call.reject(new Error(message.error));
      else call.resolve(message.result);
    });
    child.on('exit', (code) => {
      for (const call of this.calls.values()) call.reject(new Error(`The bench emulator host exited (${code})`));
      this.calls.clear();
    });
  }

  call(method: string, args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.child.send({ id, method, args });
    });
  }

  proxy(): BenchEmulator {
    const call =
      <T>(method: keyof BenchEmulator) =>
      (...args: unknown[]) =>
        this.call(method, args) as Promise<T>;
    return {
      url: this.url,
      token: this.token,
      queueUserMessages: call('queueUserMessages'),
      waitForPoll: call('waitForPoll'),
      injectMessages: call('injectMessages'),
      feed: call('feed'),
      fed: call('fed'),
      createDialogs: call('createDialogs'),
      setFaults: call('setFaults'),
      faultStats: call('faultStats'),
      sent: call('sent'),
      waitForSent: call('waitForSent'),
      pending: call('pending'),
      close: async () => {
        if (this.child.exitCode !== null) return;
        const exited = new Promise((resolve) => this.child.once('exit', resolve));
        await this.call('close', []).catch(() => {});
        await exited;
      },
    };
  }
}
