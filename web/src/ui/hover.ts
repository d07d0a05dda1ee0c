// Hover values on the traces: the sample nearest the pointer in time, in the
// lane under it (target and readout of that dimension), as text beside the
// caption, so exact values can be read off the plot.
import type { Canvas } from './canvas.js';
import { TRACES_LEFT } from './draw-traces.js';
import type { Store } from './store.js';

/** The values under a pointer at (x, y) CSS pixels on the traces canvas showing `span` steps; '' off the plot. */
export function traceHover(cv: Canvas, s: Store, span: number, x: number, y: number): string {
  if (!s.len || x < TRACES_LEFT || x > cv.w - 4) return '';
  const J = s.J;
  const laneH = (cv.h - 16) / J;
  const j = Math.max(0, Math.min(J - 1, Math.floor((y - 4) / laneH)));
  const t = s.now - span + ((x - TRACES_LEFT) / (cv.w - 4 - TRACES_LEFT)) * span;
  let best = -1, gap = Infinity;
  s.forEachSample((at) => {
    const d = Math.abs(s.t[at]! - t);
    if (d < gap && Number.isFinite(s.x[at * J + j]!)) (gap = d), (best = at);
  });
  if (best < 0) return '';
  const ago = ((s.now - s.t[best]!) * s.dt).toFixed(3);
  return `${ago} s ago: x${j + 1} target ${s.x[best * J + j]!.toFixed(3)}, readout ${s.xhat[best * J + j]!.toFixed(3)}`;
}
