// The live views and their drawing loop: every animation frame while the
// network runs (and once after anything changes while it does not).
import { Canvas } from './canvas.js';
import { $ } from './dom.js';
import { drawLearning } from './draw-learning.js';
import { drawPhase } from './draw-phase.js';
import { drawRaster, rowAt } from './draw-raster.js';
import { drawTraces } from './draw-traces.js';
import { traceHover } from './hover.js';
import { DRAW_SAMPLES, type PlaygroundState } from './hooks.js';
import type { Store } from './store.js';

export class Views {
  // a resized canvas is cleared: draw it again at once, not at the next run frame
  private traces = new Canvas($<HTMLCanvasElement>('traces'), () => this.redraw());
  private phase = new Canvas($<HTMLCanvasElement>('phase'), () => this.redraw());
  readonly raster = new Canvas($<HTMLCanvasElement>('raster'), () => this.redraw());
  private learning = new Canvas($<HTMLCanvasElement>('learning'), () => this.redraw());
  private axesSelect = $<HTMLSelectElement>('axes');
  dirty = true;
  /** The fraction of the held window the traces show (zoom: 1, 1/2, 1/4, 1/8). */
  zoom = 1;
  /** Phase plane: 1 = the domain, 2 or 4 = magnified about its centre, 0 = fit to the samples in view. */
  phaseZoom = 1;
  /** The fraction of the window the raster shows. */
  rasterZoom = 1;
  selected = 0;
  private rasterFocused = false;
  domain: [number, number][] = [[-1, 1], [-1, 1]];
  trainingSeconds = 0;

  /** Run B's samples (ui/run-b.ts), drawn dashed on the traces; null when there is no run B. */
  storeB: () => Store | null = () => null;

  constructor(private readonly store: Store, private readonly state: PlaygroundState, onToggle: (neuron: number) => void) {
    const r = this.raster.el;
    r.addEventListener('click', (e) => {
      const y = e.clientY - r.getBoundingClientRect().top;
      this.selected = rowAt(this.raster, store, y);
      onToggle(this.selected);
      this.touch();
    });
    r.addEventListener('focus', () => ((this.rasterFocused = true), this.touch()));
    r.addEventListener('blur', () => ((this.rasterFocused = false), this.touch()));
    r.addEventListener('keydown', (e) => {
      const N = store.N;
      const moves: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, PageUp: -10, PageDown: 10 };
      if (e.key in moves) this.selected = Math.max(0, Math.min(N - 1, this.selected + moves[e.key]!));
      else if (e.key === 'Home') this.selected = 0;
      else if (e.key === 'End') this.selected = N - 1;
      else if (e.key === 'Enter' || e.key === ' ') onToggle(this.selected);
      else return;
      e.preventDefault();
      this.describeRaster();
      this.touch();
    });
    this.axesSelect.addEventListener('change', () => this.touch());
    const pz = $<HTMLSelectElement>('phase-zoom');
    pz.addEventListener('change', () => ((this.phaseZoom = Number(pz.value)), this.touch()));
    const rz = $<HTMLSelectElement>('raster-zoom');
    rz.addEventListener('change', () => ((this.rasterZoom = Number(rz.value)), this.touch()));
    const zoom = $<HTMLSelectElement>('zoom');
    zoom.addEventListener('change', () => ((this.zoom = Number(zoom.value)), this.touch()));
    const t = this.traces.el;
    const hover = $('hover');
    t.addEventListener('pointermove', (e) => {
      const r = t.getBoundingClientRect();
      hover.textContent = traceHover(this.traces, store, this.span(), e.clientX - r.left, e.clientY - r.top);
    });
    t.addEventListener('pointerleave', () => (hover.textContent = ''));
    window.addEventListener('resize', () => this.touch());
    const loop = () => {
      this.frame();
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  }

  touch(): void {
    this.dirty = true;
  }

  /** Draw now (after a resize cleared a canvas). */
  private redraw(): void {
    if (!this.traces || !this.phase || !this.raster || !this.learning) return; // still constructing: the first frame draws
    this.dirty = true;
    this.frame();
  }

  describeRaster(): void {
    const i = this.selected;
    const alive = this.store.alive[i] ? 'alive' : 'dead';
    this.raster.el.setAttribute('aria-label', `Spike raster of ${this.store.N} neurons: neuron ${i} selected (${alive}); ↑ and ↓ choose, Enter kills or revives`);
  }

  /** Axes choices for the phase plane (only a 3-D system offers a choice). */
  setDims(J: number): void {
    const pairs: [number, number][] = J >= 3 ? [[0, 2], [0, 1], [1, 2]] : [[0, 1]];
    this.axesSelect.replaceChildren(...pairs.map(([a, b]) => new Option(`x${a + 1} – x${b + 1}`, `${a},${b}`)));
    ($('axes').closest('label') as HTMLElement).hidden = J < 3;
    for (const k of Array.from(document.querySelectorAll<HTMLElement>('.dimkey'))) k.hidden = Number(k.dataset.j) > J;
  }

  /** Steps the traces show. */
  span(): number {
    return Math.max(1, Math.round(this.store.window * this.zoom));
  }

  private axes(): [number, number] {
    const [a, b] = this.axesSelect.value.split(',').map(Number);
    return [a ?? 0, b ?? 1];
  }

  /** Draw when something changed (new data from the worker, a resize, a click), at most once per animation frame: a running network with no new frame is not redrawn. */
  private frame(): void {
    if (!this.dirty) return;
    this.dirty = false;
    const t0 = performance.now();
    const tr = drawTraces(this.traces, this.store, this.domain, this.span(), this.storeB());
    const ph = drawPhase(this.phase, this.store, this.domain, this.axes(), this.phaseZoom, this.storeB());
    const raster = drawRaster(this.raster, this.store, this.selected, this.rasterFocused, Math.max(1, Math.round(this.store.window * this.rasterZoom)));
    drawLearning(this.learning, this.store.history, this.trainingSeconds);
    const ms = performance.now() - t0;
    this.state.lastDraw = { tracePoints: tr.points, tracePointsB: tr.pointsB, phasePoints: ph.points, phasePointsB: ph.pointsB, phaseBox: ph.box, ...raster };
    this.state.frames++;
    this.state.drawMs += ms;
    this.state.maxDrawMs = Math.max(this.state.maxDrawMs, ms);
    const d = this.state.drawSamples;
    d.push(ms);
    if (d.length > DRAW_SAMPLES) d.splice(0, d.length - DRAW_SAMPLES);
  }
}
