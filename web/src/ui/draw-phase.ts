// The phase plane: readout against target in two chosen coordinates (for a
// 1-D system: the readout against the target, where the diagonal is perfect).
import { Canvas, COLORS, fmt, label, scale } from './canvas.js';
import type { Store } from './store.js';

/**
 * The box the phase plane shows: the domain (zoom 1), the domain magnified
 * `zoom` times about its centre, or (zoom 0, "fit") the samples in view with
 * a 10% margin, never larger than the domain.
 */
export function phaseBox(s: Store, domain: [number, number][], axes: [number, number], zoom: number): [[number, number], [number, number]] {
  const [a, b] = s.J === 1 ? [0, 0] : axes;
  const da = domain[a] ?? [-1, 1], db = domain[b] ?? [-1, 1];
  if (zoom > 1) {
    const shrink = ([lo, hi]: [number, number]): [number, number] => [(lo + hi) / 2 - (hi - lo) / (2 * zoom), (lo + hi) / 2 + (hi - lo) / (2 * zoom)];
    return [shrink(da), shrink(db)];
  }
  if (zoom !== 0 || !s.len) return [da, db];
  const J = s.J;
  let alo = Infinity, ahi = -Infinity, blo = Infinity, bhi = -Infinity;
  s.forEachSample((at) => {
    for (const arr of [s.x, s.xhat]) {
      const u = arr[at * J + a]!, v = (s.J === 1 ? s.xhat : arr)[at * J + b]!;
      if (!Number.isFinite(u) || !Number.isFinite(v)) continue;
      alo = Math.min(alo, u); ahi = Math.max(ahi, u); blo = Math.min(blo, v); bhi = Math.max(bhi, v);
    }
  });
  if (!(ahi > alo) || !(bhi > blo)) return [da, db];
  const fit = (lo: number, hi: number, [dlo, dhi]: [number, number]): [number, number] => {
    const m = 0.1 * (hi - lo);
    return [Math.max(dlo, lo - m), Math.min(dhi, hi + m)];
  };
  return [fit(alo, ahi, da), fit(blo, bhi, db)];
}

/** Draw; returns the number of path points drawn (at most two per CSS pixel of width per line) and the box shown. */
export function drawPhase(cv: Canvas, s: Store, domain: [number, number][], axes: [number, number], zoom = 1, runB: Store | null = null): { points: number; pointsB: number; box: [[number, number], [number, number]] } {
  const c = cv.begin();
  const one = s.J === 1;
  const [a, b] = one ? [0, 0] : axes;
  const box = phaseBox(s, domain, axes, zoom);
  const [alo, ahi] = box[0];
  const [blo, bhi] = box[1];
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
  // zoomed in: what leaves the box is cut at its edge
  c.save();
  c.beginPath();
  c.rect(X(alo), Y(bhi), X(ahi) - X(alo), Y(blo) - Y(bhi));
  c.clip();
  let points = 0;
  const line = (ax: Float32Array, bx: Float32Array, color: string, width: number, from: Store = s) => {
    c.strokeStyle = color;
    c.lineWidth = width;
    c.beginPath();
    let pen = false;
    let i = 0;
    from.forEachSample((at) => {
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
  // run B's readout, dashed (ui/run-b.ts)
  let pointsB = 0;
  if (runB && runB.J === J && runB.len) {
    const before = points;
    c.setLineDash([6, 4]);
    if (one) line(runB.x, runB.xhat, COLORS.readout[0]!, 1.5, runB);
    else line(runB.xhat, runB.xhat, COLORS.readout[0]!, 1.5, runB);
    c.setLineDash([]);
    pointsB = points - before;
    points = before;
  }
  c.restore();
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
  if (pointsB) {
    c.setLineDash([4, 3]);
    c.strokeStyle = COLORS.readout[0]!;
    c.lineWidth = 2;
    c.beginPath();
    const row = one ? 1 : 3;
    c.moveTo(cv.w - 70, 9.5 + row * 14);
    c.lineTo(cv.w - 56, 9.5 + row * 14);
    c.stroke();
    c.setLineDash([]);
    label(c, 'run B', cv.w - 52, 10 + row * 14);
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
  return { points, pointsB, box };
}
