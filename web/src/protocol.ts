// Messages between the page and the worker that runs the kernel.
import type { TrainProgress } from '../../src/index.js';
import type { Counters } from '../../src/formats.js';
import type { EnergyView } from './engine/energy.js';
import type { Profile } from '../../src/emulator/index.js';
import type { FrameData } from './engine/frames.js';
import type { RunningStats } from './engine/metrics.js';
import type { Settings, UserSystemSource } from './engine/settings.js';

/**
 * Least wall time between two frames posted to the page, ms (about 30 a
 * second): each frame costs the page's main thread a message, its copy and a
 * redraw, so while training (which runs flat out) one per slice would cost
 * the page about half as much CPU again as the training itself.
 */
export const FRAME_MS = 33;
/**
 * The same while training flat out, ms (20 a second): the views then show
 * seconds of simulated time per frame, so more frames add little to see and
 * cost the page's main thread, compositor and GPU process CPU the training
 * could use (bench/playground.ts: at 66 ms the main thread took 0.37-0.44 s
 * of CPU per 300-s Van der Pol training against 0.57-0.67 s at 33 ms).
 */
export const TRAINING_FRAME_MS = 50;

export type Phase = 'idle' | 'training' | 'free';

/** Simulated seconds per wall second; 0 = as fast as the kernel goes; 'auto' = fast while training, real time free-running. */
export type Speed = number | 'auto';

export type ToWorker =
  /** Build a fresh network; `train`: and start training it (not if the settings are refused). */
  | { type: 'configure'; settings: Settings; train?: boolean }
  | { type: 'train' }
  /** `run`: start from that free run's start state (run B and its A start alike). */
  | { type: 'freeRun'; run?: number }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'speed'; speed: Speed }
  | { type: 'alive'; neurons: number[]; alive: boolean }
  | { type: 'killFraction'; fraction: number }
  | { type: 'noise'; sigma: number }
  | { type: 'kick' }
  /** Price on a built-in profile (`name`), or on a profile from a file (validated by the page with the CLI's parser). */
  | { type: 'profile'; name: string; profile?: Profile }
  | { type: 'save' }
  /** `format`: run the model in that number format (run B in a chip's format). */
  | { type: 'load'; bytes: ArrayBuffer; fileName: string; format?: string };

export interface NetInfo {
  system: { name: string; description: string; kind: string; dims: number; domain: [number, number][]; timeScale: number; custom?: UserSystemSource };
  N: number;
  J: number;
  K: number;
  B: number;
  dt: number;
  format: string;
  policy: string;
  /** Kernel execution mode: dense (the local form a chip runs) or lowrank (what the CLI trains several systems in: faster, same network). */
  mode: string;
  /** The parallel rule's options as built (absolute soft width) and as asked (relative to |D_i|^2). */
  chip?: { softWidth: number; refractory: number; arbitration: number; relative: { soft: number; refractory: number; arbitration: number } };
  /** Which build of the kernel runs: simd (WebAssembly SIMD128) or scalar. */
  kernel: string;
  seed: number;
  /** Seconds of simulated time the live views show. */
  window: number;
  /** The true limit cycle (limit-cycle systems). */
  truth?: { amplitude: number; period: number };
  /** null for a model loaded from a file (its image was not quantized here). */
  quant: { clipped: number; maxAbsError: number } | null;
  /** Trained (or loaded from a file) rather than fresh. */
  trained: boolean;
  trainingSeconds: number;
  /** The file it came from, when loaded. */
  file?: string;
  /** FNV-1a of the image's arrays (decoders, thresholds, fast and learned slow weights, LUT): the learned bits, whatever the tunables. */
  weightsHash: number;
}

export interface Fingerprint {
  spikeHash: number;
  stateHash: number;
  steps: number;
}

/** One tick's worth of simulation, sub-sampled for drawing. */
export interface Frame {
  phase: Phase;
  leading: boolean;
  /** Samples (executor step t, target x, readout xhat; a NaN row marks a break) and spikes. */
  data: FrameData;
  /** Executor steps since reset after this frame. */
  steps: number;
  /** Simulated seconds in this phase. */
  simulated: number;
  stats: RunningStats;
  alive: Uint8Array;
  counters: Counters;
  fingerprint: Fingerprint;
  /** While training: where it is, and the trials finished since the last frame. */
  progress?: { trials: number; fraction: number; simulated: number; total: number; finished: TrainProgress[] };
}

/** What happened to a free run after its start, for replaying it elsewhere (bit for bit). */
export type FreeOp =
  | { step: number; kind: 'alive'; neurons: number[]; alive: boolean }
  | { step: number; kind: 'noise'; sigma: number }
  /** `steps` of feedback towards the constant state x (a kick), from `step`. */
  | { step: number; kind: 'kick'; x: number[]; steps: number };

export interface FreeLog {
  x0: number[];
  leadSteps: number;
  k: number;
  noise: number;
  ops: FreeOp[];
}

/** The worker's own account of the current phase, ms: in kernel steps (training or free run, with pricing), in gathering and posting frames, wall since the phase began. */
export interface WorkerTiming {
  stepMs: number;
  frameMs: number;
  slices: number;
  wallMs: number;
}

export type FromWorker =
  | { type: 'configured'; info: NetInfo }
  | { type: 'frame'; frame: Frame }
  | { type: 'phase'; phase: Phase; paused: boolean; info: NetInfo; log?: FreeLog; fingerprint: Fingerprint; note?: string; timing: WorkerTiming }
  | { type: 'energy'; energy: EnergyView }
  | { type: 'model'; bytes: ArrayBuffer; fileName: string; weightsHash: number; module?: { fileName: string; text: string } }
  | { type: 'loaded'; info: NetInfo; settings: Settings }
  | { type: 'log'; log: FreeLog }
  | { type: 'error'; message: string; field?: string; during: string };
