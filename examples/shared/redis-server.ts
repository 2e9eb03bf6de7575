import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { freePort } from './free-port';

/** A `redis-server` this process started on a free loopback port. */
export interface LocalRedisServer {
  /** `redis://127.0.0.1:<port>`, for `createClient({ url })`. */
  readonly url: string;
  readonly port: number;
  readonly process: ChildProcess;
  /** Stops the server (SIGTERM, then SIGKILL after 2 s); resolves once it exited. */
  stop(): Promise<void>;
}

/** One line, for a machine without the prerequisite. */
export const REDIS_SERVER_MISSING =
  'redis-server not found: install Redis ≥ 7 (Debian: `apt-get install redis-server`); the Redis tests start their own server';

/** True when `redis-server` is on the PATH. */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * Starts a throwaway `redis-server` (no persistence, loopback only) on a free port and waits
 * until it accepts connections. Never a system instance. Throws {@link REDIS_SERVER_MISSING}
 * when the binary is absent. A port taken between the probe and the start is retried.
 *
 * @example
 * const redis = await startRedisServer();
 * const client = await createClient({ url: redis.url }).connect();
 * afterAll(() => redis.stop());
 */
export async function startRedisServer(extraArgs: readonly string[] = []): Promise<LocalRedisServer> {
  if (!hasRedisServer()) throw new Error(REDIS_SERVER_MISSING);
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    try {
      return await startOn(port, extraArgs);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

function startOn(port: number, extraArgs: readonly string[]): Promise<LocalRedisServer> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve({
          url: `redis://127.0.0.1:${port}`,
          port,
          process: child,
          stop: async () => {
            if (child.exitCode !== null || child.signalCode !== null) return;
            child.kill('SIGTERM');
            const force = setTimeout(() => child.kill('SIGKILL'), 2_000);
            await exited;
            clearTimeout(force);
          },
        });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => fail(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)));
  });
}
