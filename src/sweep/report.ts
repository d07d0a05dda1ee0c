// The sweep report: one self-contained HTML page from the results store —
// what varied, every job's numbers, per-profile Pareto fronts (error against
// energy, N and rate) and the failures with their reasons.
import { figure } from '../plot/charts.js';
import { escapeXml as esc, fmt } from '../plot/svg.js';
import { paretoFront, primaryError } from './pareto.js';
import { scatter } from './scatter.js';
import type { ResultRecord, VerifyRecord } from './store.js';

export interface ReportInput {
  title: string;
  records: ResultRecord[];
  verifies: VerifyRecord[];
}

export interface ReportOutput {
  html: string;
  ok: number;
  failed: number;
  profiles: string[];
  /** Per profile: keys of the jobs on the (error, energy, N, rate) Pareto front. */
  fronts: Record<string, string[]>;
  /** Per profile: its figure (standalone SVG: error vs energy, N, rate). */
  figures: Record<string, string>;
}

/** A job as "section.option" -> value, lists joined, module paths shortened. */
function flat(r: ResultRecord): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [s, o] of Object.entries(r.job)) {
    if (!o || typeof o !== 'object') continue;
    for (const [k, v] of Object.entries(o as Record<string, unknown>)) out[`${s}.${k}`] = Array.isArray(v) ? v.join(',') : String(v);
  }
  out['train.system'] = out['train.system']!.replace(/^.*[\\/]/, '');
  return out;
}

interface Point {
  rec: ResultRecord;
  axes: Record<string, string>;
  error: number;
  energy: number;
  N: number;
  rate: number;
}

function pointsFor(recs: ResultRecord[], profile: string | null, axes: (r: ResultRecord) => Record<string, string>): { points: Point[]; errorName: string } {
  let errorName = 'error';
  const points: Point[] = [];
  for (const rec of recs) {
    const t = rec.result!.train as { neurons: number; metrics: Record<string, number> };
    if (profile === null) {
      const e = primaryError(t.metrics);
      if (e) errorName = e.name;
      points.push({ rec, axes: axes(rec), error: e?.value ?? NaN, energy: NaN, N: t.neurons, rate: t.metrics.meanRate ?? NaN });
      continue;
    }
    const rows = ((rec.result!.energy as { results?: Record<string, unknown>[] } | undefined)?.results ?? []) as { profile: string; fits: boolean; accuracy?: Record<string, number>; energy?: { perSecond: number } }[];
    const row = rows.find((x) => x.profile === profile && x.fits);
    if (!row) continue;
    const e = primaryError(row.accuracy);
    if (e) errorName = e.name;
    points.push({ rec, axes: axes(rec), error: e?.value ?? NaN, energy: row.energy?.perSecond ?? NaN, N: t.neurons, rate: row.accuracy?.ratePerNeuron ?? NaN });
  }
  return { points, errorName };
}

const table = (head: string[], rows: string[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

export function sweepReport(d: ReportInput): ReportOutput {
  const ok = d.records.filter((r) => r.status === 'ok' && r.result);
  const failed = d.records.filter((r) => r.status === 'failed');
  const flats = new Map(d.records.map((r) => [r.key, flat(r)]));
  const names = [...new Set([...flats.values()].flatMap((f) => Object.keys(f)))].sort();
  const varying = names.filter((n) => new Set([...flats.values()].map((f) => f[n] ?? '')).size > 1);
  const fixed = names.filter((n) => !varying.includes(n)).map((n) => `${n} = ${[...flats.values()][0]?.[n] ?? ''}`);
  const axesOf = (r: ResultRecord) => Object.fromEntries(varying.map((n) => [n, flats.get(r.key)![n] ?? '']));
  const label = (p: Point) => `${p.rec.key.slice(0, 10)} ${Object.entries(p.axes).map(([k, v]) => `${k}=${v}`).join(' ')}`;
  const profiles = [...new Set(ok.flatMap((r) => (((r.result!.energy as { results?: { profile: string }[] })?.results ?? []).map((x) => x.profile))))];
  const sections: string[] = [];
  const fronts: Record<string, string[]> = {};
  const figures: Record<string, string> = {};
  for (const profile of profiles.length ? profiles : [null]) {
    const { points, errorName } = pointsFor(ok, profile, axesOf);
    const withEnergy = profile !== null;
    const objectives = points.map((p) => (withEnergy ? [p.error, p.energy, p.N, p.rate] : [p.error, p.N, p.rate]));
    const front = paretoFront(objectives).map((i) => points[i]!);
    const front2 = paretoFront(points.map((p) => (withEnergy ? [p.error, p.energy] : [p.error, p.N]))).map((i) => points[i]!);
    const name = profile ?? 'train (no energy section)';
    fronts[name] = front.map((p) => p.rec.key);
    const all = { name: `${points.length} jobs`, x: [] as number[], y: [] as number[], labels: points.map(label) };
    const vs = (x: (p: Point) => number, title: string, xLabel: string, logX: boolean, f2?: Point[]) =>
      scatter({
        title, xLabel, yLabel: errorName, logX,
        series: [
          { ...all, x: points.map(x), y: points.map((p) => p.error) },
          ...(f2 ? [{ name: 'Pareto front', x: f2.map(x), y: f2.map((p) => p.error), labels: f2.map(label), line: true }] : []),
        ],
      });
    const panels = [
      ...(withEnergy ? [vs((p) => p.energy, `${name}: error vs energy`, 'energy per second of network time (W)', true, front2)] : []),
      vs((p) => p.N, `${name}: error vs N`, 'neurons N', false, withEnergy ? undefined : front2),
      vs((p) => p.rate, `${name}: error vs rate`, 'rate per neuron (Hz)', false),
    ];
    figures[name] = figure(panels, { columns: panels.length });
    sections.push(
      `<h2>${esc(name)}</h2><p>${points.length} jobs${withEnergy ? ' that fit this profile' : ''}; error = ${esc(errorName)}${withEnergy ? ' on the chip (quantized to its bits)' : ' (free run after training)'}. ` +
        `Pareto front over (error${withEnergy ? ', energy' : ''}, N, rate), all minimised: ${front.length} jobs.</p>`,
      figures[name],
      table(
        ['key', ...varying, errorName, ...(withEnergy ? ['energy/s'] : []), 'N', 'rate (Hz)'],
        front.sort((a, b) => a.error - b.error).map((p) => [p.rec.key.slice(0, 10), ...varying.map((v) => p.axes[v]!), fmt(p.error), ...(withEnergy ? [`${fmt(p.energy)} W`] : []), String(p.N), fmt(p.rate)]),
      ),
    );
  }
  const trainError = (r: ResultRecord) => primaryError((r.result!.train as { metrics: Record<string, number> }).metrics);
  const energyCells = (r: ResultRecord) =>
    profiles.map((p) => {
      const row = ((r.result!.energy as { results?: { profile: string; fits: boolean; accuracy?: Record<string, number>; energy?: { perSecond: number } }[] })?.results ?? []).find((x) => x.profile === p);
      if (!row) return '-';
      if (!row.fits) return 'does not fit';
      return `${fmt(row.energy!.perSecond)} W · err ${fmt(primaryError(row.accuracy)?.value ?? NaN)}`;
    });
  const mismatches = d.verifies.filter((v) => !v.match);
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(d.title)}</title><style>
body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:left}th{background:#f3f3f3}.bad{color:#b00}
</style></head><body>
<h1>${esc(d.title)}</h1>
<p>${d.records.length} jobs stored: ${ok.length} ok, ${failed.length} failed. Re-run checks: ${d.verifies.length}, ${mismatches.length ? `<span class="bad">${mismatches.length} mismatches (${mismatches.map((m) => esc(m.key.slice(0, 10))).join(', ')})</span>` : 'all bit-identical'}.</p>
<p>Varied: ${esc(varying.join(', ') || 'nothing')}. Fixed: ${esc(fixed.join('; '))}.</p>
${sections.join('\n')}
<h2>All jobs</h2>
${table(['key', ...varying, 'status', 'train error', 'rate (Hz)', ...profiles.map((p) => `${p}: energy/s · error`), 'wall (s)', 'host'], d.records.map((r) => [r.key.slice(0, 10), ...varying.map((v) => axesOf(r)[v]!), r.status, r.result ? fmt(trainError(r)?.value ?? NaN) : '-', r.result ? fmt((r.result.train as { metrics: Record<string, number> }).metrics.meanRate ?? NaN) : '-', ...(r.result ? energyCells(r) : profiles.map(() => '-')), fmt(r.timing.wallSeconds), r.timing.host]))}
<h2>Failures</h2>
${failed.length ? table(['key', ...varying, 'reason', 'host', 'at'], failed.map((r) => [r.key.slice(0, 10), ...varying.map((v) => axesOf(r)[v]!), r.error ?? '', r.timing.host, r.timing.at])) : '<p>None.</p>'}
</body></html>
`;
  return { html, ok: ok.length, failed: failed.length, profiles: profiles.length ? profiles : [], fronts, figures };
}
