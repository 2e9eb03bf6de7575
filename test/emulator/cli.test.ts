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
});
