// The spike raster, drawn as pixels (fast at thousands of spikes): one row
// per neuron, dead rows shaded, the keyboard-selected row outlined.
import { Canvas, COLORS } from './canvas.js';
import type { Store } from './store.js';

let image: ImageData | null = null;

export function drawRaster(cv: Canvas, s: Store, selected: number, focused: boolean): void {
  const ctx = cv.ctx;
  const W = cv.el.width, H = cv.el.height;
  if (!image || image.width !== W || image.height !== H) image = ctx.createImageData(W, H);
  const px = new Uint32Array(image.data.buffer);
  const rgba = (r: number, g: number, b: number) => (255 << 24) | (b << 16) | (g << 8) | r; // little-endian RGBA
  px.fill(rgba(255, 255, 255));
  const N = Math.max(1, s.N);
  const rowH = H / N;
  const dead = rgba(COLORS.dead[0]!, COLORS.dead[1]!, COLORS.dead[2]!);
  for (let i = 0; i < N; i++) {
    if (s.alive[i]) continue;
    const y0 = Math.floor(i * rowH), y1 = Math.max(y0 + 1, Math.floor((i + 1) * rowH));
    px.fill(dead, y0 * W, y1 * W);
  }
  const ink = rgba(COLORS.spike[0]!, COLORS.spike[1]!, COLORS.spike[2]!);
  const t0 = s.now - s.window;
  const kx = W / Math.max(1, s.window);
  const dot = Math.max(1, Math.round(cv.dpr * 1.5));
  const tall = Math.max(1, Math.floor(rowH) - (rowH > 3 ? 1 : 0));
  for (let q = 0; q < s.sLen; q++) {
    const at = (s.sHead + q) % s.spikeT.length;
    const x = Math.floor((s.spikeT[at]! - t0) * kx);
    const y = Math.floor(s.spikeN[at]! * rowH);
    if (x < 0 || x >= W) continue;
    for (let dy = 0; dy < tall && y + dy < H; dy++) {
      const row = (y + dy) * W;
      for (let dx = 0; dx < dot && x + dx < W; dx++) px[row + x + dx] = ink;
    }
  }
  ctx.putImageData(image, 0, 0);
  if (focused && selected >= 0 && selected < N) {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.strokeStyle = COLORS.select;
    ctx.lineWidth = 2 * cv.dpr;
    ctx.strokeRect(1, Math.floor(selected * rowH), W - 2, Math.max(2, rowH));
  }
}

/** The neuron under a pointer position (CSS pixels from the canvas's top). */
export function rowAt(cv: Canvas, s: Store, y: number): number {
  return Math.max(0, Math.min(s.N - 1, Math.floor((y / cv.h) * s.N)));
}
