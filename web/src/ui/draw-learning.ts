// Learning progress: each finished trial's RMS readout error (left axis) and
// mean rate (right axis) against simulated training time.
import type { TrainProgress } from '../../../src/index.js';
import { Canvas, COLORS, label, scale } from './canvas.js';

export function drawLearning(cv: Canvas, h: TrainProgress[], total: number): void {
  const c = cv.begin();
  const L = 40, R = 40, T = 8, B = 18;
  c.strokeStyle = COLORS.axis;
  c.lineWidth = 1;
  c.strokeRect(L, T, cv.w - L - R, cv.h - T - B);
  if (!h.length) {
    label(c, 'trains: one point per finished trial', cv.w / 2, cv.h / 2, 'center');
    return;
  }
  const tmax = Math.max(total, h[h.length - 1]!.simulated);
  const emax = Math.max(1e-9, ...h.map((p) => p.rmsError)) * 1.1;
  const rmax = Math.max(1e-9, ...h.map((p) => p.rate)) * 1.1;
  const X = scale(0, tmax, L, cv.w - R);
  const Ye = scale(0, emax, cv.h - B, T);
  const Yr = scale(0, rmax, cv.h - B, T);
  const series = (get: (p: TrainProgress) => number, Y: (v: number) => number, color: string) => {
    c.strokeStyle = color;
    c.lineWidth = 2;
    c.beginPath();
    h.forEach((p, i) => (i ? c.lineTo(X(p.simulated), Y(get(p))) : c.moveTo(X(p.simulated), Y(get(p)))));
    c.stroke();
  };
  series((p) => p.rate, Yr, COLORS.rate);
  series((p) => p.rmsError, Ye, COLORS.readout[0]!);
  label(c, emax.toPrecision(2), L - 4, T + 6, 'right');
  label(c, 'RMS error', L + 4, T + 8, 'left');
  label(c, 'rate', cv.w - R - 4, T + 8, 'right');
  label(c, '0', L - 4, cv.h - B, 'right');
  label(c, `${rmax.toPrecision(2)} Hz`, cv.w - R + 4, T + 6, 'left');
  label(c, `${tmax.toFixed(0)} s`, cv.w - R, cv.h - 8, 'right');
  label(c, 'simulated training time', L, cv.h - 8, 'left');
}
