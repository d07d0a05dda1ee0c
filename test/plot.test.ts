import { describe, it, expect } from 'vitest';
import {
  barChart,
  decimateMinMax,
  escapeXml,
  figure,
  fmt,
  histogram,
  lineChart,
  niceTicks,
  pathD,
  phasePlot,
  raster,
  type Panel,
} from '../src/plot/index.js';

/** Tiny well-formedness check: balanced tags, quoted attributes, no stray '<' or '&'. */
function assertWellFormed(xml: string): void {
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  const badText = /[<>]|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const stack: string[] = [];
  let pos = 0;
  for (const m of xml.matchAll(tag)) {
    const text = xml.slice(pos, m.index);
    expect(text, `text before ${m[0].slice(0, 40)}`).not.toMatch(badText);
    pos = m.index + m[0].length;
    const [, close, name = '', , selfClose] = m;
    if (close) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else if (!selfClose) stack.push(name);
  }
  expect(xml.slice(pos)).not.toMatch(badText);
  expect(stack).toEqual([]);
}

/** The data layer of a panel: content of the nested (clipping) <svg>. */
function plotArea(body: string): { w: number; h: number; content: string } {
  const m = /<svg x="[^"]*" y="[^"]*" width="([^"]*)" height="([^"]*)">([\s\S]*?)<\/svg>/.exec(body);
  if (!m) throw new Error('no plot area');
  return { w: Number(m[1]), h: Number(m[2]), content: m[3] ?? '' };
}

/** All "d" attributes in a fragment. */
const pathDs = (s: string): string[] => [...s.matchAll(/ d="([^"]*)"/g)].map((m) => m[1] ?? '');

/** Coordinate pairs of a path made only of M/L commands with absolute coordinates. */
function points(d: string): [number, number][] {
  const nums = d.replace(/[ML]/g, ' ').trim().split(/\s+/).map(Number);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < nums.length; i += 2) out.push([nums[i] ?? NaN, nums[i + 1] ?? NaN]);
  return out;
}

describe('svg helpers', () => {
  it('escapes XML text', () => {
    expect(escapeXml(`a<b>&"c"'d'`)).toBe('a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;');
  });

  it('formats numbers compactly', () => {
    expect(fmt(-0)).toBe('0');
    expect(fmt(-1e-20 * 0)).toBe('0');
    expect(fmt(0.1 + 0.2)).toBe('0.3');
    expect(fmt(3.14159265)).toBe('3.142');
    expect(fmt(-2.5)).toBe('-2.5');
    expect(fmt(123456)).toBe('123500');
    expect(fmt(1234567)).toBe('1.235e6');
    expect(fmt(0.0001234)).toBe('1.234e-4');
    expect(fmt(0.002)).toBe('0.002');
    expect(fmt(NaN)).toBe('NaN');
  });

  it('produces nice ticks covering the range', () => {
    const ranges: [number, number][] = [
      [0, 1], [-3.7, 12.2], [0.0013, 0.0071], [-1e6, 2.5e6], [97, 103], [-0.5, -0.49], [5, 5], [0, 0],
    ];
    for (const [lo, hi] of ranges) {
      const t = niceTicks(lo, hi);
      expect(t.length).toBeGreaterThanOrEqual(2);
      expect(t.length).toBeLessThanOrEqual(12);
      expect(t[0]).toBeLessThanOrEqual(lo);
      expect(t[t.length - 1]).toBeGreaterThanOrEqual(hi);
      const step = (t[1] ?? 0) - (t[0] ?? 0);
      const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
      expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
      for (const v of t) {
        expect(Math.abs(v / step - Math.round(v / step))).toBeLessThan(1e-6); // multiples of step
        expect(fmt(v).length).toBeLessThanOrEqual(8); // no 0.30000000000000004
      }
    }
    expect(niceTicks(0, 10)).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('breaks paths at non-finite points', () => {
    const d = pathD([0, 1, 2, NaN, 4, 5, Infinity, 7], [0, 1, 2, 3, 4, 5, 6, 7]);
    expect(d.match(/M/g)?.length).toBe(3);
    expect(d).toBe('M0 0 L1 1 2 2 M4 4 L5 5 M7 7');
    expect(pathD([], [])).toBe('');
  });
});

describe('charts', () => {
  it('lineChart is well-formed, escapes the title and has a legend for several series', () => {
    const x = [0, 1, 2, 3, 4];
    const p = lineChart({
      title: 'x < y & "z"',
      xLabel: 'time (s)',
      yLabel: 'v',
      series: [
        { name: 'a&b', x, y: [0, 1, NaN, 3, 4] },
        { name: 'target', x, y: [4, 3, 2, 1, 0], dashed: true },
      ],
    });
    assertWellFormed(p.body);
    expect(p.body).toContain('x &lt; y &amp; &quot;z&quot;');
    expect(p.body).not.toContain('x < y');
    expect(p.body).toContain('>a&amp;b</text>'); // legend entry
    expect(p.body).toContain('stroke-dasharray');
    const [first] = pathDs(plotArea(p.body).content);
    expect(first?.match(/M/g)?.length).toBe(2); // NaN breaks the line

    const single = lineChart({ title: 't', series: [{ name: 'only', x, y: x }] });
    expect(single.body).not.toContain('>only</text>');
  });

  it('decimation keeps the global min and max and keeps files small', () => {
    const n = 200_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = i * 1e-4;
      y[i] = Math.sin(i * 1e-3) * 0.5;
    }
    y[123_457] = 100;
    y[54_321] = -100;
    const dec = decimateMinMax(x, y, 400, [0, x[n - 1] ?? 1]);
    expect(Math.max(...dec.y)).toBe(100);
    expect(Math.min(...dec.y)).toBe(-100);
    expect(dec.y.length).toBeLessThanOrEqual(4 * 401);

    const p = lineChart({ title: 'long', series: [{ name: 'v', x, y }], width: 500 });
    assertWellFormed(p.body);
    expect(p.body.length).toBeLessThan(40_000);
    // Domain is exactly [-100, 100] (nice), so the peaks reach the top and bottom edges.
    const area = plotArea(p.body);
    const ys = pathDs(area.content).flatMap(points).map((q) => q[1]);
    expect(Math.min(...ys)).toBeCloseTo(0, 0);
    expect(Math.max(...ys)).toBeCloseTo(area.h, 0);
  });

  it('lineChart respects a fixed yRange', () => {
    const p = lineChart({ title: 't', series: [{ name: 'v', x: [0, 1], y: [0, 5] }], yRange: [-1, 1] });
    assertWellFormed(p.body);
    const labels = [...p.body.matchAll(/text-anchor="end">([^<]*)</g)].map((m) => Number(m[1]));
    expect(Math.min(...labels)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...labels)).toBeLessThanOrEqual(1);
  });

  it('phasePlot uses equal units per pixel on both axes', () => {
    const n = 400;
    const x = Array.from({ length: n + 1 }, (_, i) => 3 * Math.cos((2 * Math.PI * i) / n));
    const y = Array.from({ length: n + 1 }, (_, i) => 3 * Math.sin((2 * Math.PI * i) / n));
    const p = phasePlot({ title: 'circle', xLabel: 'x1', yLabel: 'x2', series: [{ name: 'c', x, y }], width: 500, height: 300 });
    assertWellFormed(p.body);
    const pts = pathDs(plotArea(p.body).content).flatMap(points);
    const xs = pts.map((q) => q[0]);
    const ys = pts.map((q) => q[1]);
    const w = Math.max(...xs) - Math.min(...xs);
    const h = Math.max(...ys) - Math.min(...ys);
    expect(w / h).toBeGreaterThan(0.97);
    expect(w / h).toBeLessThan(1.03);
  });

  it('raster draws exactly one tick per spike', () => {
    const count = (p: Panel): number =>
      pathDs(plotArea(p.body).content).reduce((s, d) => s + (d.match(/M/g)?.length ?? 0), 0);
    const t: number[] = [];
    const neuron: number[] = [];
    for (let i = 0; i < 500; i++) {
      t.push((i * 0.37) % 2);
      neuron.push(i % 30);
    }
    const p = raster({ title: 'spikes', neurons: 30, tStart: 0, tEnd: 2, spikes: { t, neuron } });
    assertWellFormed(p.body);
    expect(count(p)).toBe(500);
    expect(p.body).toContain('time (s)');

    // Out-of-window spikes and bad neuron indices are not drawn.
    const q = raster({ neurons: 2, tStart: 0, tEnd: 1, spikes: { t: [0.5, 1.5, 0.5, NaN], neuron: [0, 0, 7, 1] } });
    expect(count(q)).toBe(1);

    // Many spikes: still all drawn, as a single path.
    const N = 25_000;
    const bt = Float64Array.from({ length: N }, (_, i) => (i / N) * 10);
    const bn = Int32Array.from({ length: N }, (_, i) => (i * 7) % 100);
    const big = raster({ title: 'big', neurons: 100, tStart: 0, tEnd: 10, spikes: { t: bt, neuron: bn } });
    assertWellFormed(big.body);
    expect(pathDs(plotArea(big.body).content)).toHaveLength(1);
    expect(count(big)).toBe(N);
  });

  it('histogram and barChart are well-formed', () => {
    const values = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 10);
    const h = histogram({ title: 'ISI <ms>', xLabel: 'ms', values: [...values, NaN], bins: 20 });
    assertWellFormed(h.body);
    expect(h.body).toContain('ISI &lt;ms&gt;');
    expect(h.body.match(/<rect /g)?.length ?? 0).toBeLessThanOrEqual(20);
    expect(h.body).toContain('n=1000 (1 non-finite)');
    assertWellFormed(histogram({ title: 'empty', values: [] }).body);
    assertWellFormed(histogram({ title: 'const', values: [3, 3, 3] }).body);

    const b = barChart({
      title: 'RMSE',
      yLabel: 'error',
      bars: [
        { label: 'fixed <Q16>', value: 0.012 },
        { label: 'float', value: -0.004 },
        { label: 'broken', value: NaN },
      ],
    });
    assertWellFormed(b.body);
    expect(b.body).toContain('fixed &lt;Q16&gt;');
    expect(b.body).toContain('>0.012<');
    assertWellFormed(barChart({ title: 'none', bars: [] }).body);
  });
});

describe('figure', () => {
  const panels: Panel[] = [
    lineChart({ title: 'a', series: [{ name: 'v', x: [0, 1], y: [0, 1] }], width: 400, height: 250 }),
    raster({ title: 'b', neurons: 5, tStart: 0, tEnd: 1, spikes: { t: [0.1], neuron: [2] }, width: 300, height: 200 }),
    histogram({ title: 'c', values: [1, 2, 3], width: 250, height: 300 }),
    barChart({ title: 'd', bars: [{ label: 'x', value: 1 }] }),
    phasePlot({ title: 'e', series: [{ name: 'p', x: [0, 1], y: [1, 0] }], width: 200, height: 200 }),
  ];

  it('returns a standalone SVG document', () => {
    const svg = figure(panels, { title: 'Figure & co' });
    assertWellFormed(svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+" width="\d+" height="\d+"/);
    expect(svg).toMatch(/<style>[^<]*sans-serif[^<]*11px/);
    expect(svg).toContain('fill="#fff"');
    expect(svg).toContain('Figure &amp; co');
  });

  it('places panels without overlap, inside the canvas', () => {
    for (const columns of [1, 2, 3, 5]) {
      const svg = figure(panels, { columns });
      const [, W, H] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)?.map(Number) ?? [];
      const at = [...svg.matchAll(/^<g transform="translate\(([\d.]+) ([\d.]+)\)">/gm)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(at).toHaveLength(panels.length);
      const boxes = at.map(([x = 0, y = 0], i) => ({ x, y, w: panels[i]?.width ?? 0, h: panels[i]?.height ?? 0 }));
      for (const [i, a] of boxes.entries()) {
        expect(a.x).toBeGreaterThanOrEqual(0);
        expect(a.y).toBeGreaterThanOrEqual(0);
        expect(a.x + a.w).toBeLessThanOrEqual(W ?? 0);
        expect(a.y + a.h).toBeLessThanOrEqual(H ?? 0);
        for (const b of boxes.slice(i + 1)) {
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap).toBe(false);
        }
      }
      // Row-major grid: the first `columns` panels share the top row.
      expect(new Set(at.slice(0, Math.min(columns, panels.length)).map((p) => p[1])).size).toBe(1);
    }
  });

  it('handles an empty figure', () => {
    assertWellFormed(figure([]));
  });
});
