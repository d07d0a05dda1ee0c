// The phase plane: readout against target in two chosen coordinates (for a
// 1-D system: the readout against the target, where the diagonal is perfect).
import { Canvas, COLORS, fmt, label, scale } from './canvas.js';
import type { Store } from './store.js';

/** Draw; returns the number of path points drawn (at most two per CSS pixel of width per line). */
export function drawPhase(cv: Canvas, s: Store, domain: [number, number][], axes: [number, number]): number {
  const c = cv.begin();
  const one = s.J === 1;
  const [a, b] = one ? [0, 0] : axes;
  const [alo, ahi] = domain[a] ?? [-1, 1];
  const [blo, bhi] = domain[b] ?? [-1, 1];
  // keep the aspect ratio of the domain box
  const pad = 24;
  const side = Math.min((cv.w - 2 * pad) / (ahi - alo), (cv.h - 2 * pad) / (bhi - blo));
  const cx = cv.w / 2, cy = cv.h / 2;
  const X = scale(alo, ahi, cx - (side * (ahi - alo)) / 2, cx + (side * (ahi - alo)) / 2);
  const Y = scale(blo, bhi, cy + (side * (bhi - blo)) / 2, cy - (side * (bhi - blo)) / 2);
  c.strokeStyle = COLORS.grid;
  c.lineWidth = 1;
  c.strokeRect(X(alo), Y(bhi), X(ahi) - X(alo), Y(blo) - Y(bhi));
  c.beginPath();
  if (one) {
    c.moveTo(X(alo), Y(blo));
    c.lineTo(X(ahi), Y(bhi));
  } else {
    c.moveTo(X(alo), Y(0));
    c.lineTo(X(ahi), Y(0));
    c.moveTo(X(0), Y(blo));
    c.lineTo(X(0), Y(bhi));
  }
  c.stroke();
  label(c, `${one ? 'target x1' : `x${a + 1}`} → ${fmt(ahi)}`, X(ahi), Y(blo) + 12, 'right');
  label(c, `↑ ${one ? 'readout' : `x${b + 1}`} ${fmt(bhi)}`, X(alo), Y(bhi) - 10, 'left');
  label(c, fmt(alo), X(alo), Y(blo) + 12, 'left');
  const J = s.J;
  const every = Math.max(1, Math.ceil(s.len / (2 * cv.w)));
  let points = 0;
  const line = (ax: Float32Array, bx: Float32Array, color: string, width: number) => {
    c.strokeStyle = color;
    c.lineWidth = width;
    c.beginPath();
    let pen = false;
    let i = 0;
    s.forEachSample((at) => {
      const u = ax[at * J + a]!, v = bx[at * J + b]!;
      if (!Number.isFinite(u) || !Number.isFinite(v)) return void (pen = false);
      if (pen && i++ % every) return;
      if (pen) c.lineTo(X(u), Y(v));
      else c.moveTo(X(u), Y(v));
      pen = true;
      points++;
    });
    c.stroke();
  };
  if (one) line(s.x, s.xhat, COLORS.readout[0]!, 1.5);
  else {
    line(s.x, s.x, COLORS.target, 1.5);
    line(s.xhat, s.xhat, COLORS.readout[0]!, 2);
  }
  // legend, top right inside the box
  const key = (text: string, color: string, row: number) => {
    c.fillStyle = color;
    c.fillRect(cv.w - 70, 8 + row * 14, 14, 3);
    label(c, text, cv.w - 52, 10 + row * 14);
  };
  if (one) key('readout vs target', COLORS.readout[0]!, 0);
  else {
    key('target', COLORS.target, 0);
    key('readout', COLORS.readout[0]!, 1);
    key('now', COLORS.readout[1]!, 2);
  }
  if (s.len) {
    const at = (s.head + s.len - 1) % (s.t.length || 1);
    const u = (one ? s.x : s.xhat)[at * J + a]!, v = s.xhat[at * J + b]!;
    if (Number.isFinite(u) && Number.isFinite(v)) {
      c.fillStyle = COLORS.readout[1]!;
      c.beginPath();
      c.arc(X(u), Y(v), 4, 0, 2 * Math.PI);
      c.fill();
    }
  }
  return points;
}
