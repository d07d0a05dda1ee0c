// The spike raster, drawn as pixels (fast at thousands of spikes): one row
// per neuron, dead rows hatched, the keyboard-selected row outlined, with a
// neuron axis on the left and a time axis below. Before any network exists
// it is blank with a note (a shaded raster would read as "all dead").
import { Canvas, COLORS, label } from './canvas.js';
import type { Store } from './store.js';

/** Margins in CSS pixels: neuron numbers on the left, seconds below. */
export const RASTER_LEFT = 30;
export const RASTER_BOTTOM = 16;

let image: ImageData | null = null;

export interface RasterWork {
  /** Spike marks drawn, and spikes held in the window. */
  spikeMarks: number;
  spikesInWindow: number;
  /** Seconds of simulated time shown. */
  rasterSeconds: number;
}

/** `span`: the steps shown, ending now (a zoom into the window held: the last half, quarter, eighth). */
export function drawRaster(cv: Canvas, s: Store, selected: number, focused: boolean, span = s.window): RasterWork {
  const c = cv.begin();
  if (s.N === 0) {
    label(c, 'spikes appear here once a network is built', cv.w / 2, cv.h / 2, 'center');
    return { spikeMarks: 0, spikesInWindow: 0, rasterSeconds: 0 };
  }
  const ox = Math.round(RASTER_LEFT * cv.dpr);
  const W = Math.max(1, cv.el.width - ox), H = Math.max(1, cv.el.height - Math.round(RASTER_BOTTOM * cv.dpr));
  if (!image || image.width !== W || image.height !== H) image = c.createImageData(W, H);
  const px = new Uint32Array(image.data.buffer);
  const rgba = (r: number, g: number, b: number) => (255 << 24) | (b << 16) | (g << 8) | r; // little-endian RGBA
  px.fill(rgba(255, 255, 255));
  const N = s.N;
  const rowH = H / N;
  // dead rows: diagonal hatching in a dark red (4:1 against white) so that they read at a glance
  const dead = rgba(COLORS.dead[0]!, COLORS.dead[1]!, COLORS.dead[2]!);
  for (let i = 0; i < N; i++) {
    if (s.alive[i]) continue;
    const y0 = Math.floor(i * rowH), y1 = Math.max(y0 + 1, Math.floor((i + 1) * rowH));
    for (let y = y0; y < y1; y++) for (let x = (8 - (y % 8)) % 8; x < W; x += 8) px.fill(dead, y * W + x, y * W + Math.min(W, x + 3));
  }
  const ink = rgba(COLORS.spike[0]!, COLORS.spike[1]!, COLORS.spike[2]!);
  const t0 = s.now - span;
  const kx = W / Math.max(1, span);
  const dot = Math.max(1, Math.round(cv.dpr * 1.5));
  const tall = Math.max(1, Math.floor(rowH) - (rowH > 3 ? 1 : 0));
  let marks = 0;
  for (let q = 0; q < s.sLen; q++) {
    const at = (s.sHead + q) % s.spikeT.length;
    const x = Math.floor((s.spikeT[at]! - t0) * kx);
    const y = Math.floor(s.spikeN[at]! * rowH);
    if (x < 0 || x >= W) continue;
    marks++;
    for (let dy = 0; dy < tall && y + dy < H; dy++) {
      const row = (y + dy) * W;
      for (let dx = 0; dx < dot && x + dx < W; dx++) px[row + x + dx] = ink;
    }
  }
  c.putImageData(image, ox, 0);
  const h = H / cv.dpr, left = RASTER_LEFT;
  c.strokeStyle = COLORS.axis;
  c.lineWidth = 1;
  c.strokeRect(left - 0.5, 0.5, cv.w - left, h);
  label(c, '0', left - 4, Math.min(8, rowH / cv.dpr / 2 + 2), 'right');
  label(c, String(N - 1), left - 4, h - 6, 'right');
  const seconds = span * s.dt;
  label(c, `−${seconds.toFixed(seconds < 1 ? 2 : 1)} s`, left, h + 8, 'left');
  label(c, 'now', cv.w - 2, h + 8, 'right');
  if (focused && selected >= 0 && selected < N) {
    c.strokeStyle = COLORS.select;
    c.lineWidth = 2;
    c.strokeRect(left + 1, (selected * rowH) / cv.dpr, cv.w - left - 2, Math.max(2, rowH / cv.dpr));
  }
  return { spikeMarks: marks, spikesInWindow: s.sLen, rasterSeconds: seconds };
}

/** The neuron under a pointer position (CSS pixels from the canvas's top). */
export function rowAt(cv: Canvas, s: Store, y: number): number {
  const h = cv.h - RASTER_BOTTOM;
  return Math.max(0, Math.min(s.N - 1, Math.floor((y / h) * s.N)));
}
