/**
 * A package user reads README.md on the registry page or in node_modules/tamtam-rx: every
 * relative link in it (and in the docs it links) must point at a file the packed tarball
 * contains. The file list comes from `npm pack --dry-run --json` (no build needed).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from './build-once';

const run = promisify(execFile);

let packed: Set<string>;

beforeAll(async () => {
  const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    timeout: 60_000,
  });
  const [result] = JSON.parse(stdout) as { files: { path: string }[] }[];
  packed = new Set(result!.files.map((f) => f.path));
}, 70_000);

/**
 * The relative link targets of a Markdown file, outside code blocks and code spans, without
 * their `#anchor`, as paths from the package root.
 */
function relativeLinks(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/`[^`\n]*`/g, '');
  const targets: string[] = [];
  for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|^\s*\[[^\]]+\]:\s*(\S+)/gm)) {
    const target = match[1] ?? match[2]!;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) continue; // https:, mailto:, anchors
    const path = decodeURI(target.split('#')[0]!);
    targets.push(normalize(join(dirname(file), path)).replaceAll('\\', '/'));
  }
  return targets;
}

describe('links a package user follows', () => {
  it('every relative link in README.md points at a file in the tarball', () => {
    const links = relativeLinks('README.md');
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !packed.has(link))).toEqual([]);
  });

  it('so do the relative links of the docs the tarball ships', () => {
    const docs = [...packed].filter((p) => p.startsWith('docs/') && p.endsWith('.md'));
    const broken = docs.flatMap((doc) =>
      relativeLinks(doc)
        .filter((link) => !packed.has(link))
        .map((l) => `${doc} → ${l}`),
    );
    expect(broken).toEqual([]);
  });
});
