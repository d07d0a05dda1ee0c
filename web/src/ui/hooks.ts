// What the page exposes on window.ebnkitPlayground: the numbers its tests
// (and anyone curious, from the console) read. Nothing here drives the page.
import type { TrainProgress } from '../../../src/index.js';
import type { EnergyView } from '../engine/energy.js';
import type { RunningStats } from '../engine/metrics.js';
import type { Settings } from '../engine/settings.js';
import type { RunBState } from './run-b.js';
import type { SweepView } from './sweep-viewer.js';
import type { FreeLog, Fingerprint, NetInfo, Phase, WorkerTiming } from '../protocol.js';

export interface PlaygroundState {
  ready: boolean;
  /** Frames drawn, and milliseconds spent drawing them. */
  frames: number;
  drawMs: number;
  maxDrawMs: number;
  /** The work of the last frame drawn: path points and spike marks (bounded by the canvases' widths and the spikes in view). */
  lastDraw: { tracePoints: number; tracePointsB: number; phasePoints: number; phasePointsB: number; phaseBox: [[number, number], [number, number]]; spikeMarks: number; spikesInWindow: number; rasterSeconds: number } | null;
  /** Milliseconds of the last frames drawn (the page's own timer; the most recent DRAW_SAMPLES), for percentiles. */
  drawSamples: number[];
  /** The last training: wall ms from pressing Train (network build included) to the worker's "training finished"; null while none has finished. */
  trainWallMs: number | null;
  /** The worker's account of the last phase (protocol.ts WorkerTiming), from its last phase message. */
  workerTiming: WorkerTiming | null;
  /** Main-thread tasks over 50 ms (PerformanceObserver 'longtask'): how many, and the longest, ms. Printed by tests, never asserted (they move with load). */
  longTasks: { count: number; maxMs: number };
  /** The last long tasks: [start, duration] in ms of the page's clock (performance.now), most recent 50. */
  longTaskLog: [number, number][];
  /** Frames of data received from the worker. */
  framesReceived: number;
  /** Energy pricings received from the worker (at most one per wall second: engine/energy.ts). */
  energyCount: number;
  phase: Phase;
  paused: boolean;
  /** Bumped each time a phase starts. */
  phaseCount: number;
  settings: Settings | null;
  info: NetInfo | null;
  stats: RunningStats | null;
  alive: number;
  simulated: number;
  progress: { fraction: number; trials: number; simulated: number } | null;
  history: TrainProgress[];
  fingerprint: Fingerprint | null;
  log: FreeLog | null;
  energy: EnergyView | null;
  errors: { message: string; field?: string; during: string }[];
  /** Run B (ui/run-b.ts): the second run beside this one, in its own worker; null when there is none. */
  runB: RunBState | null;
  /** The sweep store opened in the viewer (ui/sweep-viewer.ts), or null. */
  sweep: SweepView | null;
  /** The hardware profile chosen (a built-in's name; `file` for a profile from a file, ui/profile-picker.ts). */
  profile: { name: string; file?: string };
  /** The last link made by "Copy link to this setup". */
  shareUrl: string;
  lastModel: { fileName: string; bytes: number; weightsHash: number; module?: string } | null;
}

/** How many per-frame drawing times the page keeps. */
export const DRAW_SAMPLES = 4000;

export function exposeState(): PlaygroundState {
  const s: PlaygroundState = {
    ready: false, frames: 0, drawMs: 0, maxDrawMs: 0, drawSamples: [], trainWallMs: null, workerTiming: null, lastDraw: null, longTasks: { count: 0, maxMs: 0 }, longTaskLog: [], framesReceived: 0, energyCount: 0, phase: 'idle', paused: false, phaseCount: 0,
    settings: null, info: null, stats: null, alive: 0, simulated: 0, progress: null, history: [], fingerprint: null, log: null,
    energy: null, errors: [], profile: { name: 'loihi' }, lastModel: null, shareUrl: '', runB: null, sweep: null,
  };
  (window as unknown as { ebnkitPlayground: PlaygroundState }).ebnkitPlayground = s;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        s.longTasks.count++;
        s.longTasks.maxMs = Math.max(s.longTasks.maxMs, e.duration);
        s.longTaskLog.push([e.startTime, e.duration]);
        if (s.longTaskLog.length > 50) s.longTaskLog.shift();
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task timing in this browser: the counts stay at 0
  }
  return s;
}
