// Target and readout over the last few seconds, one lane per dimension, each
// readout in its own colour (the same as the legend above the plot), with
// ticks at the domain's ends and zero. Paths are decimated to at most two
// points per CSS pixel, so the drawing work per frame is bounded by the width.
import { Canvas, COLORS, fmt, label, scale } from './canvas.js';
import type { Store } from './store.js';

export const TRACES_LEFT = 34;

/**
 * Draw the last `span` steps (a zoom into the window held); `b`: run B's
 * readout, dashed, on the same time axis (its steps count from its own reset,
 * as A's do). Returns the number of path points drawn, A's and B's.
 */
export function drawTraces(cv: Canvas, s: Store, domain: [number, number][], span = s.window, b: Store | null = null): { points: number; pointsB: number } {
  const c = cv.begin();
  const J = s.J;
  const laneH = (cv.h - 16) / J;
  const t0 = s.now - span;
  const X = scale(t0, s.now, TRACES_LEFT, cv.w - 4);
  const shown = Math.ceil((s.len * span) / Math.max(1, s.window));
  const every = Math.max(1, Math.ceil(shown / (2 * (cv.w - TRACES_LEFT))));
  let points = 0, pointsB = 0;
  for (let j = 0; j < J; j++) {
    const [lo, hi] = domain[j] ?? [-1, 1];
    const top = 4 + j * laneH;
    const Y = scale(lo, hi, top + laneH - 4, top + 4);
    c.strokeStyle = COLORS.grid;
    c.lineWidth = 1;
    c.beginPath();
    if (lo < 0 && hi > 0) {
      c.moveTo(TRACES_LEFT, Y(0));
      c.lineTo(cv.w - 4, Y(0));
    }
    c.moveTo(TRACES_LEFT, top + 4);
    c.lineTo(TRACES_LEFT, top + laneH - 4);
    c.stroke();
    label(c, `x${j + 1}`, 2, top + laneH / 2);
    label(c, fmt(hi), TRACES_LEFT - 4, top + 8, 'right');
    label(c, fmt(lo), TRACES_LEFT - 4, top + laneH - 8, 'right');
    points += path(c, s, j, s.x, X, Y, every, COLORS.target, 1.5, t0);
    points += path(c, s, j, s.xhat, X, Y, every, COLORS.readout[j % 3]!, 2, t0);
    if (b && b.J === J) {
      c.setLineDash([6, 4]);
      pointsB += path(c, b, j, b.xhat, X, Y, every, COLORS.readout[j % 3]!, 1.5, t0, s.now);
      c.setLineDash([]);
    }
  }
  if (!s.len) label(c, 'the target (grey) and the readout appear here while a network runs', (cv.w + TRACES_LEFT) / 2, cv.h / 2, 'center');
  label(c, `−${(span * s.dt).toFixed(span * s.dt < 1 ? 2 : 1)} s`, TRACES_LEFT, cv.h - 6, 'left');
  label(c, 'now', cv.w - 4, cv.h - 6, 'right');
  return { points, pointsB };
}

function path(c: CanvasRenderingContext2D, s: Store, j: number, a: Float32Array, X: (v: number) => number, Y: (v: number) => number, every: number, color: string, width: number, t0: number, t1 = Infinity): number {
  c.strokeStyle = color;
  c.lineWidth = width;
  c.beginPath();
  let pen = false;
  let i = 0;
  let n = 0;
  s.forEachSample((at) => {
    if (s.t[at]! < t0 || s.t[at]! > t1) return; // zoomed in: before the span shown (run B: ahead of A's now)
    const v = a[at * s.J + j]!;
    if (!Number.isFinite(v)) {
      pen = false;
      return;
    }
    if (pen && i++ % every) return;
    const px = X(s.t[at]!);
    const py = Y(v);
    if (pen) c.lineTo(px, py);
    else c.moveTo(px, py);
    pen = true;
    n++;
  });
  c.stroke();
  return n;
}
