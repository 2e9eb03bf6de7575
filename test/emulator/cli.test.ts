import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('emulator CLI', () => {
  it('prints URL and token, serves, and exits cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/emulator/cli.ts', '--port', '0', '--token', 'cli-token', '--empty'],
      {
        cwd: new URL('../..', import.meta.url).pathname,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
        child.stdout.on('data', () => {
          const match = /URL:\s+(\S+)/.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
      });
      expect(out).toContain('Token:   cli-token');
      const me = await fetch(`${url}/me?access_token=cli-token`);
      expect(me.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const started = Date.now();
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  /** Runs the CLI to its exit; what it wrote, and its exit code. */
  function runCli(args: string[]): Promise<{ code: number | null; out: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/emulator/cli.ts', ...args], {
      cwd: new URL('../..', import.meta.url).pathname,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    return new Promise((resolve) =>
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, out });
      }),
    );
  }

  it('refuses a rate out of range naming the flag, and settings startEmulator refuses, with one line and exit code 2', async () => {
    const rate = await runCli(['--port', '0', '--error-rate', '2']);
    expect(rate.code).toBe(2);
    expect(rate.out).toMatch(/^tamtam-emulator: --error-rate is a probability from 0 to 1, got "2"\n/);
    const latency = await runCli(['--port', '0', '--latency=-5']);
    expect(latency.code).toBe(2);
    expect(latency.out).toBe('tamtam-emulator: Invalid fault settings: latencyMs must be a non-negative number\n');
  }, 30_000);

  it('says a port is taken, and how to pick another, with exit code 1', async () => {
    const { createServer } = await import('node:net');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as { port: number }).port;
      const { code, out } = await runCli(['--port', String(port)]);
      expect(code).toBe(1);
      expect(out).toBe(`tamtam-emulator: port ${port} is in use; pass --port <n> (0: any free port)\n`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  }, 30_000);
});
