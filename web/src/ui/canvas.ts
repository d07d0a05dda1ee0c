// A canvas that keeps its backing store matched to its CSS size and the
// device pixel ratio, and hands out a context in CSS pixels.
export const COLORS = {
  bg: '#ffffff', grid: '#e6e8eb', axis: '#8a8f95', text: '#555b61',
  target: '#6b6b6b', readout: ['#0072b2', '#d55e00', '#009e73'], rate: '#cc79a7',
  spike: [0x1d, 0x1d, 0x1f], dead: [0xb0, 0x3a, 0x48], select: '#0b5cad',
};

export class Canvas {
  readonly ctx: CanvasRenderingContext2D;
  w = 1;
  h = 1;
  dpr = 1;

  /** `resized`: called when the backing store changed size. Setting a canvas's width clears it (to opaque black with alpha: false), so whoever draws must draw again. */
  constructor(readonly el: HTMLCanvasElement, private readonly resized: () => void = () => {}) {
    const ctx = el.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('this browser has no 2-D canvas');
    this.ctx = ctx;
    new ResizeObserver(() => this.fit()).observe(el);
    this.fit();
  }

  /** Match the backing store to the element's size (only the attributes change: no layout). */
  fit(): void {
    const r = this.el.getBoundingClientRect();
    this.dpr = Math.min(2, window.devicePixelRatio || 1);
    this.w = Math.max(1, r.width);
    this.h = Math.max(1, r.height);
    const W = Math.max(1, Math.round(this.w * this.dpr));
    const H = Math.max(1, Math.round(this.h * this.dpr));
    if (this.el.width === W && this.el.height === H) return;
    this.el.width = W;
    this.el.height = H;
    this.resized();
  }

  /** Clear and return the context scaled to CSS pixels. */
  begin(): CanvasRenderingContext2D {
    const c = this.ctx;
    c.setTransform(1, 0, 0, 1, 0, 0);
    c.fillStyle = COLORS.bg;
    c.fillRect(0, 0, this.el.width, this.el.height);
    c.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    c.font = '11px system-ui, sans-serif';
    c.textBaseline = 'middle';
    return c;
  }
}

/** A linear map from [a0, a1] to [b0, b1]. */
export const scale = (a0: number, a1: number, b0: number, b1: number) => {
  const k = (b1 - b0) / (a1 - a0 || 1);
  return (v: number) => b0 + (v - a0) * k;
};

export function label(c: CanvasRenderingContext2D, s: string, x: number, y: number, align: CanvasTextAlign = 'left'): void {
  c.fillStyle = COLORS.text;
  c.textAlign = align;
  c.fillText(s, x, y);
}

export const fmt = (v: number) => (Math.abs(v) >= 10 || v === 0 ? v.toFixed(0) : v.toFixed(1));
