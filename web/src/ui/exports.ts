// What leaves the page besides the model: the samples and spikes in view as
// CSV, the four views as one PNG, the traces as an SVG figure (vector, for
// papers and slides), and a link holding the setup.
import type { Store } from './store.js';
import { COLORS } from './canvas.js';

/** Time (s), target and readout per dimension, oldest first; a blank line where the target restarts. */
export function tracesCsv(s: Store): string {
  const J = s.J;
  const head = ['t_s', ...Array.from({ length: J }, (_, j) => `x${j + 1}`), ...Array.from({ length: J }, (_, j) => `xhat${j + 1}`)];
  const rows = [head.join(',')];
  s.forEachSample((at) => {
    const x = Array.from({ length: J }, (_, j) => s.x[at * J + j]!);
    if (!x.every(Number.isFinite)) return void rows.push('');
    rows.push([(s.t[at]! * s.dt).toFixed(6), ...x, ...Array.from({ length: J }, (_, j) => s.xhat[at * J + j]!)].join(','));
  });
  return rows.join('\n') + '\n';
}

/** Step, time (s) and neuron of each spike in view. */
export function spikesCsv(s: Store): string {
  const rows = ['step,t_s,neuron'];
  for (let q = 0; q < s.sLen; q++) {
    const at = (s.sHead + q) % s.spikeT.length;
    rows.push(`${s.spikeT[at]},${(s.spikeT[at]! * s.dt).toFixed(6)},${s.spikeN[at]}`);
  }
  return rows.join('\n') + '\n';
}

/** The traces as an SVG: one lane per dimension, target grey, readout in its dimension's colour. */
export function tracesSvg(s: Store, domain: [number, number][], width = 800, laneH = 160): string {
  const J = s.J, L = 40, H = laneH * J + 24;
  const t0 = s.now - s.window;
  const X = (t: number) => L + ((t - t0) / Math.max(1, s.window)) * (width - L - 8);
  const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${H}" viewBox="0 0 ${width} ${H}" font-family="sans-serif" font-size="11">`, `<rect width="100%" height="100%" fill="#fff"/>`];
  for (let j = 0; j < J; j++) {
    const [lo, hi] = domain[j] ?? [-1, 1];
    const top = j * laneH + 4;
    const Y = (v: number) => top + laneH - 6 - ((v - lo) / (hi - lo)) * (laneH - 12);
    out.push(`<text x="4" y="${top + laneH / 2}">x${j + 1}</text>`, `<text x="${L - 4}" y="${top + 10}" text-anchor="end">${hi}</text>`, `<text x="${L - 4}" y="${top + laneH - 6}" text-anchor="end">${lo}</text>`);
    out.push(`<line x1="${L}" x2="${L}" y1="${top}" y2="${top + laneH - 6}" stroke="${COLORS.axis}"/>`);
    for (const [a, color, w] of [[s.x, COLORS.target, 1.5], [s.xhat, COLORS.readout[j % 3]!, 2]] as const) {
      const d: string[] = [];
      let pen = false;
      s.forEachSample((at) => {
        const v = a[at * J + j]!;
        if (!Number.isFinite(v)) return void (pen = false);
        d.push(`${pen ? 'L' : 'M'}${X(s.t[at]!).toFixed(1)} ${Y(v).toFixed(1)}`);
        pen = true;
      });
      out.push(`<path d="${d.join('')}" fill="none" stroke="${color}" stroke-width="${w}"/>`);
    }
  }
  out.push(`<text x="${L}" y="${H - 6}">−${(s.window * s.dt).toFixed(1)} s</text>`, `<text x="${width - 8}" y="${H - 6}" text-anchor="end">now</text>`, '</svg>');
  return out.join('\n');
}

/** The four canvases stacked into one PNG (as they are drawn, at device resolution). */
export function viewsPng(ids: string[]): Promise<Blob> {
  const cs = ids.map((id) => document.getElementById(id) as HTMLCanvasElement);
  const W = Math.max(...cs.map((c) => c.width));
  const H = cs.reduce((a, c) => a + c.height, 0);
  const out = document.createElement('canvas');
  out.width = W;
  out.height = H;
  const g = out.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, W, H);
  let y = 0;
  for (const c of cs) {
    g.drawImage(c, 0, y);
    y += c.height;
  }
  return new Promise((ok, fail) => out.toBlob((b) => (b ? ok(b) : fail(new Error('the browser made no PNG'))), 'image/png'));
}

/** Offer a blob as a download (a transient link: the same way the model file is saved). */
export function download(blob: Blob, fileName: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
