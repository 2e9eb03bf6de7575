/**
 * The deployment files work as far as this machine can tell without Docker:
 * - the Dockerfile has what docs/production.md promises (node:22-slim, `npm ci --omit=dev`, a
 *   non-root user, STOPSIGNAL SIGTERM, an exec-form CMD) and everything it copies exists;
 * - its CMD script needs only what the image installs: it is bundled the way the package is
 *   built, and every package it imports must be a production dependency in package-lock.json
 *   (what `npm ci --omit=dev` installs) or copied from the build stage with its dependencies;
 *   the bundle then runs (emulator URLs printed) and stops on SIGTERM;
 * - the systemd unit passes `systemd-analyze verify` where systemd is installed.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build, type Plugin } from 'esbuild';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { pageAssetsPlugin } from '../../src/emulator/ui/page-plugin';
import { waitFor } from '../../src/testing/index';

const root = resolve(import.meta.dirname, '../..');
const workDir = join(root, '.tmp', `deploy-${process.pid}`);
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  scripts: Record<string, string>;
  exports: Record<string, unknown>;
};
let child: ChildProcess | undefined;

afterEach(() => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** Dockerfile instructions (continuation lines joined, comments dropped), in order. */
function instructions(): { op: string; args: string }[] {
  return dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

/** The instructions of the last stage (the image that runs). */
function runtimeStage(): { op: string; args: string }[] {
  const all = instructions();
  const lastFrom = all.map((i) => i.op).lastIndexOf('FROM');
  return all.slice(lastFrom);
}

/** The CMD script, from the exec-form CMD of the runtime stage. */
function cmdScript(): string {
  const cmd = runtimeStage().find((i) => i.op === 'CMD');
  if (!cmd) throw new Error('the Dockerfile has no CMD');
  const argv = JSON.parse(cmd.args) as string[];
  expect(argv[0]).toBe('node');
  return argv[1] ?? '';
}

describe('Dockerfile', () => {
  it('runs node:22-slim with production dependencies only, as a non-root user, stopping on SIGTERM', () => {
    const stage = runtimeStage();
    expect(stage[0]?.args).toBe('node:22-slim');
    expect(stage.some((i) => i.op === 'RUN' && /\bnpm ci --omit=dev\b/.test(i.args))).toBe(true);
    const user = stage.filter((i) => i.op === 'USER').at(-1)?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    expect(stage.find((i) => i.op === 'STOPSIGNAL')?.args).toBe('SIGTERM');
    // exec form, so node itself receives SIGTERM
    expect(stage.find((i) => i.op === 'CMD')?.args).toMatch(/^\[/);
  });

  it('copies only files that exist, runs scripts that exist, and its CMD script exists', () => {
    for (const { op, args } of instructions()) {
      if (op === 'COPY' && !args.startsWith('--from')) {
        const sources = args.split(/\s+/).slice(0, -1);
        for (const source of sources) if (source !== '.') expect(existsSync(join(root, source)), source).toBe(true);
      }
      for (const [, script] of args.matchAll(/npm run (\S+)/g))
        expect(packageJson.scripts, `npm run ${script}`).toHaveProperty(script as string);
    }
    expect(existsSync(join(root, cmdScript()))).toBe(true);
  });
});

describe("the Dockerfile's CMD script", () => {
  it('imports only package entries and production dependencies, runs, and stops on SIGTERM with exit code 0', async () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; devOptional?: boolean; dependencies?: Record<string, string> }>;
    };
    /** What `npm ci --omit=dev` installs: the lockfile's packages not flagged dev. */
    const isProduction = (name: string) => {
      const entry = lock.packages[`node_modules/${name}`];
      return entry !== undefined && entry.dev !== true && entry.devOptional !== true;
    };
    /** Packages the runtime stage copies from the build stage's node_modules. */
    const copied = new Set(
      runtimeStage()
        .filter((i) => i.op === 'COPY' && i.args.startsWith('--from=build'))
        .flatMap((i) => [...(/\/app\/node_modules\/(\S+)\s+\.\/node_modules\/\1$/.exec(i.args)?.slice(1, 2) ?? [])]),
    );
    /** Installed in the image: production, or copied along with every dependency it has. */
    const installed = (name: string): boolean =>
      isProduction(name) ||
      (copied.has(name) && Object.keys(lock.packages[`node_modules/${name}`]?.dependencies ?? {}).every(installed));
    const tsupConfig = readFileSync(join(root, 'tsup.config.ts'), 'utf8');
    const imported = new Set<string>();
    /** `tamtam-rx[/x]` → the source of that public entry (as the built package would); other packages external. */
    const resolvePackages: Plugin = {
      name: 'packages',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, ({ path }) => {
          if (path === packageJson.name || path.startsWith(`${packageJson.name}/`)) {
            const subpath = `.${path.slice(packageJson.name.length)}`;
            expect(packageJson.exports, `package.json exports ${subpath}`).toHaveProperty([subpath]);
            const entry = subpath === '.' ? 'index' : subpath.slice(2);
            const source = new RegExp(`['"]?${entry}['"]?:\\s*'([^']+)'`).exec(tsupConfig)?.[1];
            if (!source) throw new Error(`tsup.config.ts has no entry ${entry}`);
            return { path: join(root, source) };
          }
          if (path.startsWith('node:') || builtinModules.includes(path)) return { path, external: true };
          const name = path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : (path.split('/')[0] ?? path);
          imported.add(name);
          return { path, external: true };
        });
      },
    };
    mkdirSync(workDir, { recursive: true });
    const outfile = join(workDir, 'bot.mjs');
    await build({
      entryPoints: [join(root, cmdScript())],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      plugins: [resolvePackages, pageAssetsPlugin()],
    });
    expect([...imported].sort()).toContain('rxjs');
    for (const name of imported)
      expect(installed(name), `${name} is in the image (npm ci --omit=dev, or copied)`).toBe(true);

    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    for (const name of ['TAMTAM_TOKEN', 'TAMTAM_API_URL', 'TAMTAM_MARKER_FILE', 'TAMTAM_EMULATOR_PORT'])
      delete env[name];
    const started = spawn(process.execPath, [outfile], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    let output = '';
    started.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    started.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const exited = new Promise<number | null>((r) => started.once('exit', (code) => r(code)));
    await waitFor(
      () => output.includes('Press Ctrl-C') && /Web chat:\s+http:\/\/127\.0\.0\.1:\d+\/_emulator\/ui/.test(output),
      {
        timeout: 25_000,
        interval: 50,
        what: `the printed URLs (output so far: ${JSON.stringify(output)})`,
      },
    );
    started.kill('SIGTERM');
    expect(await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 15_000).unref())])).toBe(0);
  }, 60_000);
});

const systemdAnalyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));

describe('deploy/tamtam-bot.service', () => {
  const unit = readFileSync(join(root, 'deploy/tamtam-bot.service'), 'utf8');

  it('restarts on failure but not on a configuration error, and stops with SIGTERM and a grace period', () => {
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^RestartPreventExitStatus=78$/m);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    const grace = Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1]);
    expect(grace).toBeGreaterThan(30); // longer than runBot's default stop timeout (30 s)
    expect(unit).toMatch(new RegExp(`^ExecStart=/usr/bin/node ${cmdScript().replace('.', '\\.')}$`, 'm'));
  });

  it.skipIf(systemdAnalyze === undefined)(
    'passes systemd-analyze verify without warnings',
    async () => {
      const { stdout, stderr } = await promisify(execFile)(
        systemdAnalyze as string,
        ['verify', join(root, 'deploy/tamtam-bot.service')],
        { timeout: 30_000 },
      );
      expect(stderr + stdout).toBe('');
    },
    40_000,
  );
});
