// A scatter panel for the sweep report (src/plot has line, phase, raster,
// histogram and bar charts, no scatter): points per series, an optional
// front drawn as a line through its points, log or linear axes. Returns a
// src/plot Panel, so figure() lays it out with the others.
import type { Panel } from '../plot/charts.js';
import { color, escapeXml, fmt, niceTicks, px } from '../plot/svg.js';

export interface ScatterSeries {
  name: string;
  x: number[];
  y: number[];
  /** Per-point tooltip text. */
  labels?: string[];
  /** Join the points (sorted by x) with a line: a Pareto front. */
  line?: boolean;
}

export interface ScatterOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: ScatterSeries[];
  logX?: boolean;
  logY?: boolean;
  width?: number;
  height?: number;
}

function axis(values: number[], log: boolean): { lo: number; hi: number; ticks: number[]; f: (v: number) => number } {
  const ok = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  const f = log ? Math.log10 : (v: number) => v;
  const lo0 = ok.length ? Math.min(...ok.map(f)) : 0;
  const hi0 = ok.length ? Math.max(...ok.map(f)) : 1;
  const ticks = log ? range(Math.floor(lo0), Math.max(Math.ceil(hi0), Math.floor(lo0) + 1)) : niceTicks(lo0, hi0, 5);
  return { lo: ticks[0]!, hi: ticks[ticks.length - 1]!, ticks, f };
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

export function scatter(o: ScatterOptions): Panel {
  const width = o.width ?? 420;
  const height = o.height ?? 300;
  const m = { l: 58, r: 12, t: 24, b: 40 };
  const w = width - m.l - m.r;
  const h = height - m.t - m.b;
  const xa = axis(o.series.flatMap((s) => s.x), !!o.logX);
  const ya = axis(o.series.flatMap((s) => s.y), !!o.logY);
  const sx = (v: number) => m.l + ((xa.f(v) - xa.lo) / (xa.hi - xa.lo || 1)) * w;
  const sy = (v: number) => m.t + h - ((ya.f(v) - ya.lo) / (ya.hi - ya.lo || 1)) * h;
  const label = (t: number, log: boolean) => (log ? fmt(10 ** t) : fmt(t));
  const parts: string[] = [`<text class="title" x="${px(width / 2)}" y="14" text-anchor="middle">${escapeXml(o.title)}</text>`];
  for (const t of xa.ticks) {
    const x = m.l + ((t - xa.lo) / (xa.hi - xa.lo || 1)) * w;
    parts.push(`<line x1="${px(x)}" y1="${m.t}" x2="${px(x)}" y2="${m.t + h}" stroke="#e6e6e6"/><text x="${px(x)}" y="${m.t + h + 14}" text-anchor="middle">${label(t, !!o.logX)}</text>`);
  }
  for (const t of ya.ticks) {
    const y = m.t + h - ((t - ya.lo) / (ya.hi - ya.lo || 1)) * h;
    parts.push(`<line x1="${m.l}" y1="${px(y)}" x2="${m.l + w}" y2="${px(y)}" stroke="#e6e6e6"/><text x="${m.l - 4}" y="${px(y + 4)}" text-anchor="end">${label(t, !!o.logY)}</text>`);
  }
  parts.push(`<rect x="${m.l}" y="${m.t}" width="${w}" height="${h}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${px(m.l + w / 2)}" y="${height - 6}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`);
  parts.push(`<text transform="translate(12 ${px(m.t + h / 2)}) rotate(-90)" text-anchor="middle">${escapeXml(o.yLabel)}</text>`);
  const ok = (x: number, y: number) => Number.isFinite(x) && Number.isFinite(y) && (!o.logX || x > 0) && (!o.logY || y > 0);
  o.series.forEach((s, i) => {
    const idx = s.x.map((_, j) => j).filter((j) => ok(s.x[j]!, s.y[j]!));
    if (s.line && idx.length > 1) {
      const sorted = [...idx].sort((a, b) => s.x[a]! - s.x[b]!);
      parts.push(`<path d="M${sorted.map((j) => `${px(sx(s.x[j]!))} ${px(sy(s.y[j]!))}`).join(' L')}" fill="none" stroke="${color(i)}" stroke-width="1.5"/>`);
    }
    for (const j of idx) {
      const tip = s.labels?.[j] ? `<title>${escapeXml(s.labels[j]!)}</title>` : '';
      parts.push(`<circle cx="${px(sx(s.x[j]!))}" cy="${px(sy(s.y[j]!))}" r="${s.line ? 4 : 3}" fill="${s.line ? 'none' : color(i)}" stroke="${color(i)}"${s.line ? ' stroke-width="1.5"' : ' fill-opacity="0.6"'}>${tip}</circle>`);
    }
    parts.push(`<text x="${m.l + 6}" y="${m.t + 14 + 13 * i}" fill="${color(i)}">${escapeXml(s.name)}</text>`);
  });
  return { width, height, body: parts.join('') };
}
