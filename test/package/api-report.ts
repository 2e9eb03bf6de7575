/**
 * `npm run api-report`: builds the package and rewrites api-report/ from the built
 * declarations, so the change of the public surface shows in review. Without `--write` it
 * only says whether the committed report is current (exit code 1 if not).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { apiReports, reportDir, reportFile } from './api-surface';
import { dist, ensureBuilt, root } from './build-once';

await ensureBuilt();
const write = process.argv.includes('--write');
let stale = 0;
for (const [entry, report] of apiReports(dist)) {
  const file = reportFile(entry);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === report) continue;
  stale += 1;
  if (write) {
    mkdirSync(reportDir, { recursive: true });
    writeFileSync(file, report);
    console.log(`updated ${relative(root, file)}`);
  } else {
    console.log(`${relative(root, file)} is out of date`);
  }
}
if (stale === 0) console.log('api-report: up to date');
else if (!write) process.exitCode = 1;
