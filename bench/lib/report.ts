/**
 * Renders workload results as a markdown table (one row per comparison) plus the settings
 * and the notes, for `bench/results/latest.md` and the README.
 */
import { type Comparison, type WorkloadResult, isMet } from './result';
import { type Summary, formatNumber, formatSummary } from './stats';

/** Facts about the run printed above the table. */
export interface RunInfo {
  readonly date: string;
  readonly node: string;
  readonly cpus: string;
  readonly loadBefore: string;
  readonly loadAfter: string;
  readonly commit: string;
  readonly quick: boolean;
  readonly seconds: number;
}

/**
 * The markdown table of all comparisons.
 *
 * @example
 * const md = renderTable(results);
 */
export function renderTable(results: readonly WorkloadResult[]): string {
  const lines = [
    '| # | Workload | Subject | Baseline | Subject value | Baseline value | Ratio, median (min–max) | Target | Met |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const result of results) for (const row of result.comparisons) lines.push(renderRow(row));
  return lines.join('\n');
}

function renderRow(row: Comparison): string {
  const value = (summary: Summary | null): string =>
    summary === null ? '—' : `${formatSummary(summary, decimalsFor(row.metric))} ${row.metric}`;
  const zero = Object.entries(row.mustBeZero ?? {}).map(([name, count]) => `${name} ${count}`);
  const info = Object.entries(row.info ?? {}).map(
    ([name, v]) => `${name} ${typeof v === 'number' ? formatNumber(v) : v}`,
  );
  const subject = [row.subject, ...zero, ...info].join('; ');
  const met = isMet(row);
  return [
    row.id,
    row.workload,
    escapeCell(subject),
    escapeCell(row.baseline),
    value(row.subjectValues),
    value(row.baselineValues),
    row.ratio === null ? '—' : `${formatSummary(row.ratio, 2)}×`,
    renderTarget(row),
    met === null ? '—' : met ? 'yes' : '**no**',
  ]
    .map((cell) => ` ${cell} `)
    .join('|')
    .replace(/^/, '|')
    .concat('|');
}

function renderTarget(row: Comparison): string {
  const target = row.target;
  const zeros = Object.keys(row.mustBeZero ?? {});
  const parts: string[] = [];
  if (target !== null) {
    const bound = 'atLeast' in target ? `≥ ${target.atLeast}` : `≤ ${target.atMost}`;
    parts.push(target.on === 'ratio' ? `${bound}×` : `${bound} ${row.metric}`);
  }
  if (zeros.length > 0) parts.push(`0 ${zeros.join(', 0 ')}`);
  return parts.length === 0 ? '—' : parts.join('; ');
}

function decimalsFor(metric: string): number {
  return metric === 's' || metric.startsWith('kB') || metric.startsWith('MB') ? 2 : 1;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * The whole `latest.md`: header facts, table, per-workload settings and notes.
 *
 * @example
 * writeFileSync('bench/results/latest.md', renderReport(results, info));
 */
export function renderReport(results: readonly WorkloadResult[], info: RunInfo): string {
  const sections = results.map((result) => {
    const config = Object.entries(result.config)
      .map(([key, value]) => `- ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join('\n');
    const notes = result.notes.map((note) => `- ${note}`).join('\n');
    return `### ${result.title} (${result.seconds.toFixed(0)} s)\n\n${config}${notes === '' ? '' : `\n\nNotes:\n${notes}`}`;
  });
  return [
    `# tamtam-rx benchmarks${info.quick ? ' (quick smoke run: sizes too small to mean anything)' : ''}`,
    '',
    `${info.date} · Node ${info.node} · ${info.cpus} · load average ${info.loadBefore} before, ${info.loadAfter} after · commit ${info.commit} · ${info.seconds.toFixed(0)} s in all`,
    '',
    'Every ratio is per round (subject and baseline measured alternately in the same round), then median (min–max) over rounds.',
    '',
    renderTable(results),
    '',
    '## Settings per workload',
    '',
    sections.join('\n\n'),
    '',
  ].join('\n');
}
