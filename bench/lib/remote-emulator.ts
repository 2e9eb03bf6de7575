/**
 * A {@link BenchEmulator} running in a child process (one more core for the server), driven
 * over IPC. Every method of the interface is forwarded as is. One host process serves every
 * emulator a workload starts (each run still gets a fresh emulator: see `emulator-host.ts`);
 * `bench/run.ts` prebuilds the host (`BENCH_EMULATOR_HOST`), else it runs from source with tsx.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchEmulator, BenchEmulatorOptions } from './bench-emulator';

const HOST_SOURCE = fileURLToPath(new URL('./emulator-host.ts', import.meta.url));

let shared: Promise<EmulatorHost> | undefined;

/**
 * Starts a fresh emulator in this process's emulator host (spawned on first use, reused after)
 * and resolves once it listens.
 *
 * @example
 * const emulator = await startRemoteBenchEmulator({ faults: { latencyMs: 100 } });
 * await emulator.queueUserMessages(10_000, 500, 1);
 * await emulator.close(); // the emulator, not the host
 */
export async function startRemoteBenchEmulator(options: BenchEmulatorOptions = {}): Promise<BenchEmulator> {
  shared ??= EmulatorHost.spawn();
  const host = await shared;
  const started = (await host.call(undefined, 'start', [options])) as { emulator: number; url: string; token: string };
  return host.emulator(started.emulator, started.url, started.token);
}

/**
 * Stops this process's emulator host, if one runs (a workload need not: the host exits with
 * it). For tests, which leave no process behind.
 *
 * @example
 * afterAll(() => stopRemoteBenchEmulatorHost());
 */
export async function stopRemoteBenchEmulatorHost(): Promise<void> {
  const host = shared;
  shared = undefined;
  await (await host?.catch(() => undefined))?.stop();
}

/** The host process: numbered calls out, answers in; it keeps this process alive only while a call is pending. */
class EmulatorHost {
  private nextId = 1;
  private readonly calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const call = this.calls.get(message.id);
      if (call === undefined) return;
      this.calls.delete(message.id);
      if (this.calls.size === 0) child.channel?.unref();
      if (message.error !== undefined) call.reject(new Error(message.error));
      else call.resolve(message.result);
    });
    child.on('exit', (code) => {
      for (const call of this.calls.values()) call.reject(new Error(`The bench emulator host exited (${code})`));
      this.calls.clear();
      shared = undefined;
    });
  }

  static async spawn(): Promise<EmulatorHost> {
    const bundle = process.env['BENCH_EMULATOR_HOST'];
    const args = bundle === undefined ? ['--import', 'tsx', HOST_SOURCE] : [bundle];
    const child = spawn(process.execPath, ['--expose-gc', ...args], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: process.env,
    });
    await new Promise<void>((resolve, reject) => {
      const onExit = (code: number | null): void =>
        reject(new Error(`The bench emulator host exited with ${code} before it was ready`));
      child.once('exit', onExit);
      child.once('message', () => {
        child.off('exit', onExit);
        resolve();
      });
    });
    child.unref();
    child.channel?.unref();
    return new EmulatorHost(child);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.disconnect();
    await exited;
  }

  call(emulator: number | undefined, method: string, args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.child.channel?.ref();
      this.child.send({ id, emulator, method, args });
    });
  }

  emulator(handle: number, url: string, token: string): BenchEmulator {
    const call =
      <T>(method: keyof BenchEmulator) =>
      (...args: unknown[]) =>
        this.call(handle, method, args) as Promise<T>;
    let closed = false;
    return {
      url,
      token,
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
        if (closed || this.child.exitCode !== null) return;
        closed = true;
        await this.call(handle, 'close', []);
      },
    };
  }
}
