// The interface every executor of a NetworkSpec implements (reference,
// kernel), so one conformance suite and one training loop drive them all.
import type { Counters } from './formats.js';
import type { NetworkSpec } from './spec.js';

export interface RunOptions {
  steps: number;
  /** Input c(t), steps x J row-major; omitted = zero. */
  c?: ArrayLike<number>;
  /** Target x(t), steps x J; required when feedback or learn is on. */
  x?: ArrayLike<number>;
  feedback?: boolean;
  learn?: boolean;
  /** Return the readout xhat at phase 1 of every step. */
  record?: boolean;
}

export interface RunResult {
  steps: number;
  /** Step index (since reset) and neuron of every spike, in firing order. */
  spikeSteps: Uint32Array;
  spikeNeurons: Uint32Array;
  /** steps x J readout, when record was asked for. */
  xhat?: Float64Array;
}

export interface Tunables {
  k?: number;
  eta?: number;
  noise?: number;
}

export interface ExecutorState {
  V: Float64Array;
  r: Float64Array;
  alive: Uint8Array;
  /** Steps since reset. */
  t: number;
}

export interface Executor {
  readonly kind: 'reference' | 'kernel';
  readonly N: number;
  readonly J: number;
  readonly dt: number;
  reset(seed?: number): void;
  run(o: RunOptions): RunResult;
  setAlive(i: number, alive: boolean): void;
  setTunables(t: Tunables): void;
  state(): ExecutorState;
  counters(): Counters;
  /** The network as it is now (learned slow weights, current k/eta/noise). */
  toSpec(): NetworkSpec;
}

export function checkRun(e: Pick<Executor, 'J'>, o: RunOptions): void {
  if (!Number.isInteger(o.steps) || o.steps < 0) throw new RangeError(`steps: ${o.steps} is not a non-negative integer`);
  const need = o.steps * e.J;
  if (o.c && o.c.length < need) throw new RangeError(`c: has ${o.c.length} values; expected steps*J = ${need}`);
  if ((o.feedback || o.learn) && !o.x) throw new RangeError('x: a target is required when feedback or learn is on');
  if (o.x && o.x.length < need) throw new RangeError(`x: has ${o.x.length} values; expected steps*J = ${need}`);
}

/** Kill a set of neurons (e.g. a random half) on any executor. */
export function kill(e: Executor, neurons: Iterable<number>): void {
  for (const i of neurons) e.setAlive(i, false);
}
