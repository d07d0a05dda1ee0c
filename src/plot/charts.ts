// Chart panels. Each returns { width, height, body }: SVG elements in panel-local
// coordinates (0..width, 0..height) without the outer <svg>; figure() composes them.
//
// Data are drawn inside a nested <svg> viewport, which clips to its box by default.
// That avoids <clipPath> ids, which would have to be unique across a whole figure.

import { color, escapeXml, fmt, niceTicks, pathD, px, textWidth } from './svg.js';

export interface Panel {
  width: number;
  height: number;
  body: string;
}

export interface Series {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  dashed?: boolean;
}

type Range = [number, number];
type Scale = (v: number) => number;

const AXIS = '#333';
const GRID = '#e6e6e6';
const DASH = '5 3';
/** Series longer than this are decimated (min/max per pixel column) in lineChart. */
const DECIMATE_ABOVE = 2000;
/** Above this many spikes, raster() puts all ticks in one <path>. */
const RASTER_SINGLE_PATH_ABOVE = 20000;
const MAX_LEGEND = 10;

// ---------------------------------------------------------------- data helpers

/** [min, max] of the finite values of several arrays; null if there are none. */
function extent(arrays: ArrayLike<number>[]): Range | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (let i = 0; i < a.length; i++) {
      const v = a[i] ?? NaN;
      if (v < lo) lo = v; // NaN compares false, so it is skipped
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Widen an empty or zero-width range so scales never divide by zero. */
function nonEmpty(r: Range | null): Range {
  if (!r || !Number.isFinite(r[0]) || !Number.isFinite(r[1])) return [0, 1];
  const [lo, hi] = r[0] <= r[1] ? r : [r[1], r[0]];
  if (hi > lo) return [lo, hi];
  const d = Math.abs(lo) * 0.1 || 1;
  return [lo - d, hi + d];
}

/** Domain and ticks: auto axes extend to the outer nice ticks; fixed ones keep the range. */
function axisTicks(r: Range, fixed: boolean, count = 5): { domain: Range; ticks: number[] } {
  const [lo, hi] = nonEmpty(r);
  const t = niceTicks(lo, hi, count);
  if (!fixed) return { domain: [t[0] ?? lo, t[t.length - 1] ?? hi], ticks: t };
  const eps = (hi - lo) * 1e-9;
  return { domain: [lo, hi], ticks: t.filter((v) => v >= lo - eps && v <= hi + eps) };
}

function linear(d: Range, r: Range): Scale {
  const k = (r[1] - r[0]) / (d[1] - d[0] || 1);
  return (v) => r[0] + (v - d[0]) * k;
}

/**
 * Min/max decimation for (roughly x-sorted) series: per pixel column keep the first,
 * lowest, highest and last point, in original order. Peaks survive, and lines stay
 * continuous between columns. Non-finite points become a single NaN break.
 */
export function decimateMinMax(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  columns: number,
  domain: [number, number],
): { x: number[]; y: number[] } {
  const n = Math.min(x.length, y.length);
  const ox: number[] = [];
  const oy: number[] = [];
  const k = columns / (domain[1] - domain[0] || 1);
  let col = NaN;
  let iFirst = -1;
  let iMin = -1;
  let iMax = -1;
  let iLast = -1;
  const flush = (): void => {
    if (iFirst < 0) return;
    let prev = -1;
    for (const i of [iFirst, iMin, iMax, iLast].sort((a, b) => a - b)) {
      if (i !== prev) {
        ox.push(x[i] ?? NaN);
        oy.push(y[i] ?? NaN);
      }
      prev = i;
    }
    iFirst = -1;
  };
  for (let i = 0; i < n; i++) {
    const xi = x[i] ?? NaN;
    const yi = y[i] ?? NaN;
    if (!Number.isFinite(xi) || !Number.isFinite(yi)) {
      flush();
      col = NaN;
      if (oy.length > 0 && !Number.isNaN(oy[oy.length - 1])) {
        ox.push(NaN);
        oy.push(NaN);
      }
      continue;
    }
    const c = Math.floor((xi - domain[0]) * k);
    if (c !== col) {
      flush();
      col = c;
      iFirst = iMin = iMax = i;
    } else {
      if (yi < (y[iMin] ?? NaN)) iMin = i;
      if (yi > (y[iMax] ?? NaN)) iMax = i;
    }
    iLast = i;
  }
  flush();
  return { x: ox, y: oy };
}

/** Map data to pixels, dropping points closer than minDist px to the last kept one. */
function project(s: { x: ArrayLike<number>; y: ArrayLike<number> }, sx: Scale, sy: Scale, minDist = 0): string {
  const n = Math.min(s.x.length, s.y.length);
  const X: number[] = [];
  const Y: number[] = [];
  let lx = NaN;
  let ly = NaN;
  for (let i = 0; i < n; i++) {
    const X1 = sx(s.x[i] ?? NaN);
    const Y1 = sy(s.y[i] ?? NaN);
    const lastOfRun = i === n - 1 || !Number.isFinite((s.x[i + 1] ?? NaN) + (s.y[i + 1] ?? NaN));
    // Keep breaks, segment ends and points that moved far enough.
    if (!(Math.abs(X1 - lx) < minDist && Math.abs(Y1 - ly) < minDist) || lastOfRun) {
      X.push(X1);
      Y.push(Y1);
      lx = X1;
      ly = Y1;
    }
  }
  return pathD(X, Y);
}

// ---------------------------------------------------------------- frame & decorations

interface FrameOpts {
  width: number;
  height: number;
  title?: string | undefined;
  xLabel?: string | undefined;
  yLabel?: string | undefined;
  xTicks: number[];
  yTicks: number[];
  xDomain: Range;
  yDomain: Range;
  grid?: boolean | undefined;
  /** Extra bottom margin (rotated category labels). */
  extraBottom?: number | undefined;
  /** Skip x tick marks/labels (bar charts draw their own). */
  noXTicks?: boolean | undefined;
}

interface Frame {
  left: number;
  top: number;
  w: number;
  h: number;
  /** data -> pixel inside the plot area (nested svg coordinates) */
  sx: Scale;
  sy: Scale;
  parts: string[];
}

/** Margins from label sizes, axes, ticks, labels, title. Call plotArea() to add data. */
function frame(o: FrameOpts): Frame {
  const maxLabel = Math.max(0, ...o.yTicks.map((t) => textWidth(fmt(t))));
  const left = Math.round((o.yLabel ? 22 : 6) + maxLabel + 8);
  const top = o.title ? 26 : 10;
  const right = 14;
  const bottom = (o.xLabel ? 38 : 24) + (o.extraBottom ?? 0);
  const w = Math.max(10, o.width - left - right);
  const h = Math.max(10, o.height - top - bottom);
  const sx = linear(o.xDomain, [0, w]);
  const sy = linear(o.yDomain, [h, 0]);
  const p: string[] = [];
  const bx = left;
  const by = top + h;

  if (o.grid !== false && o.yTicks.length > 0) {
    const d = o.yTicks.map((t) => `M${px(bx)} ${px(top + sy(t))}h${px(w)}`).join('');
    p.push(`<path d="${d}" stroke="${GRID}" fill="none"/>`);
  }
  // Ticks: 4px marks outside the plot area.
  let ticks = o.yTicks.map((t) => `M${px(bx)} ${px(top + sy(t))}h-4`).join('');
  if (!o.noXTicks) ticks += o.xTicks.map((t) => `M${px(bx + sx(t))} ${px(by)}v4`).join('');
  p.push(`<path d="M${px(bx)} ${px(top)}V${px(by)}H${px(bx + w)}${ticks}" stroke="${AXIS}" fill="none"/>`);
  for (const t of o.yTicks) {
    p.push(`<text x="${px(bx - 6)}" y="${px(top + sy(t))}" dy=".35em" text-anchor="end">${escapeXml(fmt(t))}</text>`);
  }
  if (!o.noXTicks) {
    for (const t of o.xTicks) {
      p.push(`<text x="${px(bx + sx(t))}" y="${px(by + 16)}" text-anchor="middle">${escapeXml(fmt(t))}</text>`);
    }
  }
  if (o.xLabel) {
    p.push(`<text x="${px(bx + w / 2)}" y="${px(o.height - 6)}" text-anchor="middle">${escapeXml(o.xLabel)}</text>`);
  }
  if (o.yLabel) {
    p.push(
      `<text transform="translate(12 ${px(top + h / 2)}) rotate(-90)" dy=".35em" text-anchor="middle">${escapeXml(o.yLabel)}</text>`,
    );
  }
  if (o.title) {
    p.push(
      `<text x="${px(o.width / 2)}" y="16" text-anchor="middle" class="title">${escapeXml(o.title)}</text>`,
    );
  }
  return { left, top, w, h, sx, sy, parts: p };
}

/** Wrap data elements in a clipping viewport covering the plot area. */
function plotArea(f: Frame, content: string[]): string {
  return `<svg x="${px(f.left)}" y="${px(f.top)}" width="${px(f.w)}" height="${px(f.h)}">${content.join('')}</svg>`;
}

/** Legend box in the top-right corner of the plot area (only for 2+ series). */
function legend(f: Frame, series: { name: string; dashed?: boolean }[]): string {
  if (series.length < 2) return '';
  const shown = series.slice(0, MAX_LEGEND);
  const names = shown.map((s) => s.name);
  if (series.length > MAX_LEGEND) names.push(`+${series.length - MAX_LEGEND} more`);
  const lh = 14;
  const bw = Math.ceil(28 + Math.max(...names.map((n) => textWidth(n))) + 6);
  const bh = names.length * lh + 6;
  const x0 = f.left + f.w - bw - 4;
  const y0 = f.top + 4;
  const out = [`<g transform="translate(${px(x0)} ${px(y0)})">`];
  out.push(`<rect width="${bw}" height="${bh}" fill="#fff" fill-opacity="0.85" stroke="#ccc"/>`);
  names.forEach((name, i) => {
    const y = 3 + lh * i + lh / 2;
    const s = shown[i];
    if (s) {
      const dash = s.dashed ? ` stroke-dasharray="${DASH}"` : '';
      out.push(`<path d="M6 ${px(y)}h18" stroke="${color(i)}" stroke-width="2"${dash}/>`);
    }
    out.push(`<text x="28" y="${px(y)}" dy=".35em">${escapeXml(name)}</text>`);
  });
  out.push('</g>');
  return out.join('');
}

function linePath(d: string, i: number, dashed?: boolean, name?: string): string {
  if (!d) return '';
  const dash = dashed ? ` stroke-dasharray="${DASH}"` : '';
  const title = name ? `<title>${escapeXml(name)}</title>` : '';
  return `<path d="${d}" fill="none" stroke="${color(i)}" stroke-width="1.5" stroke-linejoin="round"${dash}>${title}</path>`;
}

// ---------------------------------------------------------------- charts

export interface LineChartOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  series: Series[];
  width?: number;
  height?: number;
  /** Fixed y range; data outside it is clipped. Default: nice range around the data. */
  yRange?: [number, number];
}

/** Time courses. Long series are min/max-decimated per pixel column. */
export function lineChart(o: LineChartOptions): Panel {
  const width = o.width ?? 480;
  const height = o.height ?? 260;
  const xr = nonEmpty(extent(o.series.map((s) => s.x)));
  const yAx = o.yRange
    ? axisTicks(o.yRange, true)
    : axisTicks(nonEmpty(extent(o.series.map((s) => s.y))), false);
  // Time axis ends exactly at the data; ticks inside it.
  const xAx = axisTicks(xr, true, Math.max(2, Math.round(width / 90)));
  const f = frame({
    width, height, title: o.title, xLabel: o.xLabel, yLabel: o.yLabel,
    xTicks: xAx.ticks, yTicks: yAx.ticks, xDomain: xAx.domain, yDomain: yAx.domain,
  });
  const lines = o.series.map((s, i) => {
    const n = Math.min(s.x.length, s.y.length);
    const pts = n > DECIMATE_ABOVE ? decimateMinMax(s.x, s.y, Math.ceil(f.w), xAx.domain) : s;
    return linePath(project(pts, f.sx, f.sy), i, s.dashed, s.name);
  });
  f.parts.push(plotArea(f, lines), legend(f, o.series));
  return { width, height, body: f.parts.join('') };
}

export interface PhasePlotOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  series: Series[];
  width?: number;
  height?: number;
}

/**
 * x-vs-y trajectories with equal units per pixel on both axes, unless the data's aspect
 * ratio is so extreme (>10x off the box) that one axis would collapse. A dot marks each start.
 */
export function phasePlot(o: PhasePlotOptions): Panel {
  const width = o.width ?? 320;
  const height = o.height ?? 300;
  const pad = (r: Range): Range => {
    const d = (r[1] - r[0]) * 0.05;
    return [r[0] - d, r[1] + d];
  };
  const xr0 = pad(nonEmpty(extent(o.series.map((s) => s.x))));
  const yr0 = pad(nonEmpty(extent(o.series.map((s) => s.y))));
  // The plot box depends on the y tick labels, which depend on the equalised range: iterate
  // until the box size is stable (converges in 1-2 rounds; capped).
  let box = { w: width - 80, h: height - 70 };
  let f!: Frame;
  for (let round = 0; round < 3; round++) {
    let xr = xr0;
    let yr = yr0;
    const ux = (xr[1] - xr[0]) / box.w;
    const uy = (yr[1] - yr[0]) / box.h;
    const u = Math.max(ux, uy);
    if (u / Math.min(ux, uy) <= 10) {
      const grow = (r: Range, pixels: number): Range => {
        const c = (r[0] + r[1]) / 2;
        return [c - (u * pixels) / 2, c + (u * pixels) / 2];
      };
      xr = grow(xr, box.w);
      yr = grow(yr, box.h);
    }
    const xAx = axisTicks(xr, true, Math.max(2, Math.round(box.w / 70)));
    const yAx = axisTicks(yr, true, Math.max(2, Math.round(box.h / 50)));
    f = frame({
      width, height, title: o.title, xLabel: o.xLabel, yLabel: o.yLabel,
      xTicks: xAx.ticks, yTicks: yAx.ticks, xDomain: xAx.domain, yDomain: yAx.domain,
    });
    if (f.w === box.w && f.h === box.h) break;
    box = { w: f.w, h: f.h };
  }
  const content: string[] = [];
  o.series.forEach((s, i) => {
    // Thin to 0.5 px steps: long trajectories cost no more than the pixels they cover.
    content.push(linePath(project(s, f.sx, f.sy, 0.5), i, s.dashed, s.name));
    const n = Math.min(s.x.length, s.y.length);
    for (let j = 0; j < n; j++) {
      const x = s.x[j] ?? NaN;
      const y = s.y[j] ?? NaN;
      if (Number.isFinite(x) && Number.isFinite(y)) {
        content.push(`<circle cx="${px(f.sx(x))}" cy="${px(f.sy(y))}" r="2.5" fill="${color(i)}"/>`);
        break;
      }
    }
  });
  f.parts.push(plotArea(f, content), legend(f, o.series));
  return { width, height, body: f.parts.join('') };
}

export interface RasterOptions {
  title?: string;
  neurons: number;
  /** Seconds. */
  tStart: number;
  tEnd: number;
  /** Spike times in seconds and neuron indices (0-based). */
  spikes: { t: ArrayLike<number>; neuron: ArrayLike<number> };
  width?: number;
  height?: number;
}

/**
 * Spike raster: one vertical tick per spike, neuron 0 at the bottom. Spikes outside
 * [tStart, tEnd] or with an invalid neuron index are not drawn. Up to 20000 spikes get
 * one <path> per neuron (with a hover title); beyond that a single <path> keeps files small.
 */
export function raster(o: RasterOptions): Panel {
  const width = o.width ?? 480;
  const height = o.height ?? 240;
  const N = Math.max(1, Math.floor(o.neurons));
  const xAx = axisTicks([o.tStart, o.tEnd], true, Math.max(2, Math.round(width / 90)));
  // Neuron ticks: integers only, at row centres (domain is [-0.5, N-0.5]).
  const yTicks = niceTicks(0, N - 1, 4).filter((v) => Number.isInteger(v) && v >= 0 && v <= N - 1);
  const f = frame({
    width, height, title: o.title, xLabel: 'time (s)', yLabel: 'neuron',
    xTicks: xAx.ticks, yTicks, xDomain: xAx.domain, yDomain: [-0.5, N - 0.5], grid: false,
  });
  const rowH = f.h / N;
  const len = Math.max(1, rowH * 0.8);
  const { t, neuron } = o.spikes;
  const n = Math.min(t.length, neuron.length);
  const lo = Math.min(o.tStart, o.tEnd);
  const hi = Math.max(o.tStart, o.tEnd);
  const tick = (ti: number, k: number): string => `M${px(f.sx(ti))} ${px(f.sy(k) - len / 2)}v${px(len)}`;
  const valid = (ti: number, k: number): boolean => ti >= lo && ti <= hi && Number.isInteger(k) && k >= 0 && k < N;
  const content: string[] = [];
  const attrs = `fill="none" stroke="#222" stroke-width="1"`;
  if (n > RASTER_SINGLE_PATH_ABOVE) {
    let d = '';
    for (let i = 0; i < n; i++) {
      const ti = t[i] ?? NaN;
      const k = neuron[i] ?? NaN;
      if (valid(ti, k)) d += tick(ti, k);
    }
    if (d) content.push(`<path d="${d}" ${attrs}/>`);
  } else {
    const rows = new Map<number, string[]>();
    for (let i = 0; i < n; i++) {
      const ti = t[i] ?? NaN;
      const k = neuron[i] ?? NaN;
      if (!valid(ti, k)) continue;
      let r = rows.get(k);
      if (!r) rows.set(k, (r = []));
      r.push(tick(ti, k));
    }
    for (const [k, r] of [...rows].sort((a, b) => a[0] - b[0])) {
      content.push(`<path d="${r.join('')}" ${attrs}><title>neuron ${k}: ${r.length} spikes</title></path>`);
    }
  }
  f.parts.push(plotArea(f, content));
  return { width, height, body: f.parts.join('') };
}

export interface HistogramOptions {
  title?: string;
  xLabel?: string;
  values: ArrayLike<number>;
  /** Default: sqrt(n), clamped to 5..50. */
  bins?: number;
  width?: number;
  height?: number;
}

/** Histogram of the finite values (count of non-finite ones is noted in the corner). */
export function histogram(o: HistogramOptions): Panel {
  const width = o.width ?? 320;
  const height = o.height ?? 240;
  const finite: number[] = [];
  for (let i = 0; i < o.values.length; i++) {
    const v = o.values[i] ?? NaN;
    if (Number.isFinite(v)) finite.push(v);
  }
  const skipped = o.values.length - finite.length;
  const bins = Math.max(1, Math.floor(o.bins ?? Math.min(50, Math.max(5, Math.ceil(Math.sqrt(finite.length))))));
  const [lo, hi] = nonEmpty(extent([finite]));
  const bw = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const v of finite) {
    const b = Math.min(bins - 1, Math.floor((v - lo) / bw)); // v == hi goes in the last bin
    counts[b] = (counts[b] ?? 0) + 1;
  }
  const maxCount = Math.max(1, ...counts);
  const yTicks = niceTicks(0, maxCount, 4).filter((v) => Number.isInteger(v));
  const xAx = axisTicks([lo, hi], true, Math.max(2, Math.round(width / 80)));
  const f = frame({
    width, height, title: o.title, xLabel: o.xLabel, yLabel: 'count',
    xTicks: xAx.ticks, yTicks, xDomain: [lo, hi], yDomain: [0, yTicks[yTicks.length - 1] ?? maxCount],
  });
  const rects = counts.map((c, i) => {
    if (c === 0) return '';
    const x0 = f.sx(lo + i * bw);
    const x1 = f.sx(lo + (i + 1) * bw);
    const y = f.sy(c);
    return `<rect x="${px(x0)}" y="${px(y)}" width="${px(x1 - x0)}" height="${px(f.h - y)}"/>`;
  });
  f.parts.push(plotArea(f, [`<g fill="${color(0)}" fill-opacity="0.85" stroke="#fff" stroke-width="0.5">`, ...rects, '</g>']));
  const note = `n=${finite.length}` + (skipped ? ` (${skipped} non-finite)` : '');
  f.parts.push(`<text x="${px(f.left + f.w - 4)}" y="${px(f.top + 12)}" text-anchor="end" fill="#555">${escapeXml(note)}</text>`);
  return { width, height, body: f.parts.join('') };
}

export interface BarChartOptions {
  title?: string;
  yLabel?: string;
  bars: { label: string; value: number }[];
  width?: number;
  height?: number;
}

/** Categorical bars from zero, value printed on each bar; long labels are slanted. */
export function barChart(o: BarChartOptions): Panel {
  const width = o.width ?? 320;
  const height = o.height ?? 240;
  const vals = o.bars.map((b) => b.value);
  const [vlo, vhi] = nonEmpty(extent([[...vals, 0]]));
  const yAx = axisTicks([Math.min(0, vlo), Math.max(0, vhi)], false, 4);
  const slot = (width - 70) / Math.max(1, o.bars.length);
  const longest = Math.max(0, ...o.bars.map((b) => textWidth(b.label)));
  const slant = longest > slot - 4;
  const f = frame({
    width, height, title: o.title, yLabel: o.yLabel,
    xTicks: [], yTicks: yAx.ticks, xDomain: [0, Math.max(1, o.bars.length)], yDomain: yAx.domain,
    noXTicks: true, extraBottom: slant ? Math.min(60, longest * 0.6) : 0,
  });
  const y0 = f.sy(0);
  const content: string[] = [];
  const labels: string[] = [];
  o.bars.forEach((b, i) => {
    const x0 = f.sx(i + 0.15);
    const x1 = f.sx(i + 0.85);
    const cx = f.sx(i + 0.5);
    const ok = Number.isFinite(b.value);
    if (ok) {
      const y = f.sy(b.value);
      content.push(`<rect x="${px(x0)}" y="${px(Math.min(y, y0))}" width="${px(x1 - x0)}" height="${px(Math.abs(y - y0))}" fill="${color(0)}"/>`);
    }
    // Value label just beyond the bar end (above positive bars, below negative ones).
    const vy = ok ? f.sy(b.value) + (b.value < 0 ? 12 : -4) : y0 - 4;
    labels.push(`<text x="${px(f.left + cx)}" y="${px(f.top + vy)}" text-anchor="middle" fill="#333">${ok ? escapeXml(fmt(b.value)) : 'n/a'}</text>`);
    const lx = f.left + cx;
    const ly = f.top + f.h + 14;
    labels.push(
      slant
        ? `<text transform="translate(${px(lx)} ${px(ly)}) rotate(-35)" text-anchor="end">${escapeXml(b.label)}</text>`
        : `<text x="${px(lx)}" y="${px(ly)}" text-anchor="middle">${escapeXml(b.label)}</text>`,
    );
  });
  f.parts.push(plotArea(f, content));
  f.parts.push(`<path d="M${px(f.left)} ${px(f.top + y0)}h${px(f.w)}" stroke="${AXIS}"/>`, ...labels);
  return { width, height, body: f.parts.join('') };
}

// ---------------------------------------------------------------- figure

export interface FigureOptions {
  /** Panels per row; default ceil(sqrt(n)). */
  columns?: number;
  title?: string;
}

const GAP = 10;

/**
 * Lay panels out in a grid (column widths / row heights = largest panel in them) and
 * return a complete standalone SVG document.
 */
export function figure(panels: Panel[], opts: FigureOptions = {}): string {
  const n = panels.length;
  const cols = Math.max(1, Math.min(n || 1, Math.floor(opts.columns ?? Math.ceil(Math.sqrt(n)))));
  const rows = Math.ceil(n / cols);
  const colW = new Array<number>(cols).fill(0);
  const rowH = new Array<number>(rows).fill(0);
  panels.forEach((p, i) => {
    const c = i % cols;
    const r = Math.floor(i / cols);
    colW[c] = Math.max(colW[c] ?? 0, p.width);
    rowH[r] = Math.max(rowH[r] ?? 0, p.height);
  });
  const top = opts.title ? 30 : GAP;
  const colX = [GAP];
  for (const w of colW) colX.push((colX[colX.length - 1] ?? 0) + w + GAP);
  const rowY = [top];
  for (const h of rowH) rowY.push((rowY[rowY.length - 1] ?? 0) + h + GAP);
  const width = Math.ceil(Math.max(colX[colX.length - 1] ?? 0, opts.title ? 2 * GAP + opts.title.length * 9 : 0, 2 * GAP));
  const height = Math.ceil(rowY[rowY.length - 1] ?? top);

  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" class="ebnkit-figure">`,
    // Scoped by class so inlining several figures in one HTML page does not leak styles.
    // (CSS beats presentation attributes, hence classes for the larger title fonts.)
    '<style>.ebnkit-figure text{font-family:sans-serif;font-size:11px}.ebnkit-figure .title{font-size:12px;font-weight:bold}.ebnkit-figure .fig-title{font-size:14px;font-weight:bold}</style>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
  ];
  if (opts.title) {
    out.push(`<text class="fig-title" x="${px(width / 2)}" y="20" text-anchor="middle">${escapeXml(opts.title)}</text>`);
  }
  panels.forEach((p, i) => {
    const x = colX[i % cols] ?? 0;
    const y = rowY[Math.floor(i / cols)] ?? 0;
    out.push(`<g transform="translate(${px(x)} ${px(y)})">${p.body}</g>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
