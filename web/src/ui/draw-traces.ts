// Target and readout over the last few seconds, one lane per dimension.
import { Canvas, COLORS, fmt, label, scale } from './canvas.js';
import type { Store } from './store.js';

const LEFT = 34;

export function drawTraces(cv: Canvas, s: Store, domain: [number, number][]): void {
  const c = cv.begin();
  const J = s.J;
  const laneH = (cv.h - 16) / J;
  const t0 = s.now - s.window;
  const X = scale(t0, s.now, LEFT, cv.w - 4);
  const every = Math.max(1, Math.floor(s.len / (2 * (cv.w - LEFT))));
  for (let j = 0; j < J; j++) {
    const [lo, hi] = domain[j] ?? [-1, 1];
    const top = 4 + j * laneH;
    const Y = scale(lo, hi, top + laneH - 4, top + 4);
    c.strokeStyle = COLORS.grid;
    c.lineWidth = 1;
    c.beginPath();
    c.moveTo(LEFT, Y(0));
    c.lineTo(cv.w - 4, Y(0));
    c.stroke();
    label(c, `x${j + 1}`, 2, top + laneH / 2);
    label(c, fmt(hi), LEFT - 4, top + 8, 'right');
    label(c, fmt(lo), LEFT - 4, top + laneH - 8, 'right');
    path(c, s, j, s.x, X, Y, every, COLORS.target, 1.5);
    path(c, s, j, s.xhat, X, Y, every, COLORS.readout[j % 3]!, 2);
  }
  label(c, `last ${(s.window * s.dt).toFixed(1)} s`, cv.w - 4, cv.h - 6, 'right');
}

function path(c: CanvasRenderingContext2D, s: Store, j: number, a: Float32Array, X: (v: number) => number, Y: (v: number) => number, every: number, color: string, width: number): void {
  c.strokeStyle = color;
  c.lineWidth = width;
  c.beginPath();
  let pen = false;
  let i = 0;
  s.forEachSample((at) => {
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
  });
  c.stroke();
}
