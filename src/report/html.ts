// `ebnkit report`: one self-contained HTML page (every plot inline SVG, no
// scripts, no external files) and the data behind every figure as JSON.
import type { Assessment } from '../assess.js';
import type { Robustness } from '../robustness.js';
import { escapeXml, figure, histogram, lineChart, type Panel, type Series } from '../plot/index.js';
import { column, freeRunPanels, rasterWindow } from './free-run-figure.js';
import type { NetworkSpec } from '../spec.js';
import { headline } from '../commands/train.js';

export interface ReportInput {
  title: string;
  spec: NetworkSpec;
  meta: Record<string, unknown>;
  kernel: Assessment;
  reference: Assessment;
  robustness: Robustness;
}

export interface FigureData {
  id: string;
  title: string;
  data: Record<string, unknown>;
}

const panelSvg = (p: Panel) => figure([p], { columns: 1 });

export function buildReport(r: ReportInput): { html: string; figures: FigureData[] } {
  const { kernel: k, reference: f, spec } = r;
  const J = spec.J;
  const dt = spec.dt;
  const run = k.run;
  const steps = Math.min(run.xhat.length / J, Math.round(Math.max(4, 3 * (k.metrics.truePeriod ?? 1)) / dt));
  const t = Float64Array.from({ length: steps }, (_, s) => s * dt);
  const col = (a: Float64Array, j: number, n = steps) => column(a, J, j, n);
  const figures: FigureData[] = [];
  const sections: string[] = [];
  const add = (id: string, title: string, panel: Panel, data: Record<string, unknown>, note = '') => {
    figures.push({ id, title, data });
    sections.push(`<section id="${id}"><h2>${escapeXml(title)}</h2>${note ? `<p>${escapeXml(note)}</p>` : ''}${panelSvg(panel)}</section>`);
  };

  const panels = freeRunPanels(run, spec.N, steps * dt);
  add('trajectory', 'Trajectory: network (kernel) vs true system, free-running', panels.course, {
    dt, J, network: Array.from(run.xhat.subarray(0, steps * J)), truth: Array.from(run.x.subarray(0, steps * J)),
  });
  if (panels.phase) {
    const n = run.xhat.length / J;
    add('phase', 'Phase portrait', panels.phase, { network: [Array.from(column(run.xhat, J, 0, n)), Array.from(column(run.xhat, J, 1, n))] });
  }
  add('raster', `Spike raster (${spec.N} neurons)`, panels.raster, rasterWindow(run, steps));
  const rates = Array.from(k.spikes.rates).filter(Number.isFinite);
  add('rates', 'Firing rates', histogram({ title: 'rate per neuron', xLabel: 'Hz', values: rates, bins: 20 }), { rates });
  const cvs = Array.from(k.spikes.cv).filter(Number.isFinite);
  add('cv', 'ISI coefficient of variation', histogram({ title: 'ISI CV per neuron', xLabel: 'CV', values: cvs, bins: 20 }), { cv: cvs }, `median ${k.spikes.medianCV.toFixed(2)} (1 = Poisson-like irregular spiking)`);

  const key = primaryMetric(k.metrics);
  const curve = (pts: Robustness['kill'], name: string, xLabel: string, id: string, title: string) => {
    const xs = pts.map((p) => p.level);
    add(id, title, lineChart({ title, xLabel, yLabel: key, series: [{ name: key, x: xs, y: pts.map((p) => p.metrics[key]!) }, { name: 'short-horizon error', x: xs, y: pts.map((p) => p.metrics.shortHorizonError!), dashed: true }], width: 520 }), {
      [name]: xs, metrics: pts.map((p) => p.metrics),
    });
  };
  curve(r.robustness.kill, 'fraction', 'fraction of neurons killed', 'robust-kill', 'Robustness: neurons killed');
  curve(r.robustness.noise, 'sigma', 'voltage noise sigma', 'robust-noise', 'Robustness: voltage noise');

  const fr = f.run;
  const cmpSteps = Math.min(steps, fr.xhat.length / J);
  const cmp: Series[] = [
    { name: 'kernel x1', x: t.subarray(0, cmpSteps), y: col(run.xhat, 0, cmpSteps) },
    { name: 'float64 x1', x: t.subarray(0, cmpSteps), y: col(fr.xhat, 0, cmpSteps), dashed: true },
  ];
  add('kernel-vs-float', 'Kernel (fixed point) vs float64 reference, same network and start', lineChart({ title: 'x1', xLabel: 't (s)', yLabel: 'x1', series: cmp, width: 900 }), {
    kernel: k.metrics, reference: f.metrics,
  });

  const table = (m: Record<string, number>) =>
    `<pre>${escapeXml(headline(m).join('\n'))}</pre>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(r.title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:14px/1.45 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em}pre{background:#f6f6f6;padding:.8em;overflow:auto}
svg{max-width:100%;height:auto}table{border-collapse:collapse}td,th{padding:.2em .8em;border-bottom:1px solid #ddd;text-align:right}</style>
</head><body>
<h1>${escapeXml(r.title)}</h1>
<p>N = ${spec.N} neurons, ${spec.dendrites.K} dendrites${spec.dendrites.linear ? ' + linear terms' : ''}, dt = ${dt * 1000} ms, policy ${spec.policy}. Trained ${escapeXml(String(r.meta.trainingSeconds ?? '?'))} s (simulated) with the local rule.</p>
<h2>Kernel (fixed point), free-running</h2>${table(k.metrics)}
<h2>float64 reference, same weights</h2>${table(f.metrics)}
${sections.join('\n')}
<h2>Robustness table</h2>
<table><tr><th>killed</th><th>${escapeXml(key)}</th><th>short-horizon</th><th>rate (Hz)</th></tr>
${r.robustness.kill.map((p) => `<tr><td>${(100 * p.level).toFixed(0)}%</td><td>${fmtNum(p.metrics[key])}</td><td>${fmtNum(p.metrics.shortHorizonError)}</td><td>${fmtNum(p.metrics.meanRate)}</td></tr>`).join('')}
</table>
<table><tr><th>noise sigma</th><th>${escapeXml(key)}</th><th>short-horizon</th><th>rate (Hz)</th></tr>
${r.robustness.noise.map((p) => `<tr><td>${p.level.toExponential(1)}</td><td>${fmtNum(p.metrics[key])}</td><td>${fmtNum(p.metrics.shortHorizonError)}</td><td>${fmtNum(p.metrics.meanRate)}</td></tr>`).join('')}
</table>
</body></html>
`;
  return { html, figures };
}

const fmtNum = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? 'n/a' : Math.abs(v) < 10 ? v.toFixed(3) : v.toFixed(1));

/** The metric that best summarises the system's kind. */
export function primaryMetric(m: Record<string, number>): string {
  for (const k of ['amplitudeError', 'basinAccuracy', 'meanError', 'unseenInputError']) if (m[k] !== undefined) return k;
  return 'shortHorizonError';
}
