// Low-level SVG helpers: escaping, number formatting, path data, axis ticks, colours.
// Dependency-free on purpose: output files are small, deterministic text.

/** Escape text for use in XML element content or a double-quoted attribute. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/**
 * Format a number for labels: at most 4 significant digits, no trailing zeros,
 * never "-0". Very large or very small magnitudes use compact exponent form ("1.5e6").
 */
export function fmt(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Inf' : '-Inf';
  const r = Number(n.toPrecision(4));
  if (r === 0) return '0'; // also turns -0 into "0"
  const a = Math.abs(r);
  if (a >= 1e6 || a < 1e-3) {
    const [m = '', e = ''] = r.toExponential(3).split('e');
    return `${m.includes('.') ? m.replace(/\.?0+$/, '') : m}e${Number(e)}`;
  }
  return String(r);
}

/** Format a pixel coordinate: rounded to 0.1 px (plenty for screen/print), never "-0". */
export function px(n: number): string {
  // Clamp absurd values (e.g. data far outside a fixed y range); they are clipped anyway.
  const c = n > 1e5 ? 1e5 : n < -1e5 ? -1e5 : n;
  const r = Math.round(c * 10) / 10;
  return r === 0 ? '0' : String(r);
}

/**
 * SVG path data ("d" attribute) through pixel points (xs[i], ys[i]).
 * A non-finite coordinate ends the current segment; the next finite point starts a new one
 * with "M", so gaps in the data (NaN) show as gaps in the line.
 * Consecutive points that round to the same pixel coordinate are dropped.
 */
export function pathD(xs: ArrayLike<number>, ys: ArrayLike<number>): string {
  const n = Math.min(xs.length, ys.length);
  const out: string[] = [];
  let penDown = false; // inside a segment?
  let first = true; // next point is the first after "M" (needs the "L")
  let last = '';
  for (let i = 0; i < n; i++) {
    const x = xs[i] ?? NaN;
    const y = ys[i] ?? NaN;
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      penDown = false;
      continue;
    }
    const p = `${px(x)} ${px(y)}`;
    if (!penDown) {
      out.push(`M${p}`);
      penDown = true;
      first = true;
    } else if (p !== last) {
      out.push(first ? `L${p}` : p); // after one "L", further pairs are implicit line-tos
      first = false;
    }
    last = p;
  }
  return out.join(' ');
}

/**
 * "Nice" tick values (steps of 1, 2 or 5 times a power of ten) covering [min, max]:
 * the first tick is <= min and the last >= max, so they can also serve as the axis domain.
 * Degenerate or non-finite ranges are widened to something sensible.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = Number.isFinite(lo) ? lo : Number.isFinite(hi) ? hi - 1 : 0;
    hi = Number.isFinite(hi) ? hi : lo + 1;
  }
  if (hi - lo <= Math.abs(hi) * 1e-12) {
    const d = Math.abs(lo) * 0.1 || 1;
    lo -= d;
    hi += d;
  }
  const step = niceStep((hi - lo) / Math.max(1, count));
  const i0 = Math.floor(lo / step + 1e-9);
  const i1 = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  // Round to 12 significant digits so 0.1*3 prints as 0.3, not 0.30000000000000004.
  for (let i = i0; i <= i1; i++) ticks.push(Number((i * step).toPrecision(12)) || 0);
  return ticks;
}

/** Round a raw step up-ish to 1, 2 or 5 times a power of ten. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  return (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
}

/**
 * Okabe-Ito palette (colour-blind safe). Yellow is last because it is hard to see on white;
 * black is omitted since axes are dark.
 */
export const PALETTE: readonly string[] = [
  '#0072B2', // blue
  '#D55E00', // vermillion
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#E69F00', // orange
  '#56B4E9', // sky blue
  '#F0E442', // yellow
];

/** Palette colour for series i (cycles). */
export function color(i: number): string {
  const n = PALETTE.length;
  return PALETTE[((i % n) + n) % n] ?? '#000';
}

/** Rough width in px of a text string at 11px sans-serif (for layout only). */
export function textWidth(s: string, fontSize = 11): number {
  return s.length * fontSize * 0.58;
}
