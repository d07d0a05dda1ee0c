// A store as a markdown table (for READMEs and docs): one row per finished
// job, the options that varied, the free-run error and rate after training,
// and per profile the energy per second and the error on the chip; jobs on a
// profile's Pareto front (error, energy, N, rate) are marked with *.
import { fmt } from '../plot/svg.js';
import { primaryError } from './pareto.js';
import { sweepReport } from './report.js';
import type { ResultRecord } from './store.js';

export const DEMO_BEGIN = '<!-- sweep-demo:begin (scripts/sweep-demo.ts writes this table) -->';
export const DEMO_END = '<!-- sweep-demo:end -->';

interface Row {
  profile: string;
  fits: boolean;
  accuracy?: Record<string, number>;
  energy?: { perSecond: number };
}

export function markdownTable(records: ResultRecord[]): string {
  const r = sweepReport({ title: '', records, verifies: [] });
  const ok = records.filter((x) => x.status === 'ok' && x.result).sort((a, b) => a.key.localeCompare(b.key));
  const flat = (x: ResultRecord) => ({ ...x.job.train, ...Object.fromEntries(Object.entries(x.job.energy ?? {}).map(([k, v]) => [`energy.${k}`, v])) }) as Record<string, unknown>;
  const names = [...new Set(ok.flatMap((x) => Object.keys(flat(x))))].filter((n) => new Set(ok.map((x) => JSON.stringify(flat(x)[n]))).size > 1).sort();
  const sortKey = (x: ResultRecord) => names.map((n) => String(flat(x)[n]).padStart(12, '0')).join('|');
  ok.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
  const head = [...names, 'free-run error (train)', 'rate (Hz)', ...r.profiles.flatMap((p) => [`${p} energy/s`, `${p} error`])];
  const rows = ok.map((x) => {
    const m = (x.result!.train as { metrics: Record<string, number> }).metrics;
    const energy = ((x.result!.energy as { results?: Row[] } | undefined)?.results ?? []) as Row[];
    return [
      ...names.map((n) => String(flat(x)[n]).replace(/^.*[\\/]/, '')),
      `${fmt(primaryError(m)?.value ?? NaN)} (${primaryError(m)?.name ?? '-'})`,
      fmt(m.meanRate ?? NaN),
      ...r.profiles.flatMap((p) => {
        const row = energy.find((e) => e.profile === p);
        if (!row?.fits) return ['does not fit', '-'];
        const star = r.fronts[p]?.includes(x.key) ? ' *' : '';
        return [`${fmt(row.energy!.perSecond)} W${star}`, fmt(primaryError(row.accuracy)?.value ?? NaN)];
      }),
    ];
  });
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((x) => `| ${x.join(' | ')} |`)].join('\n');
}
