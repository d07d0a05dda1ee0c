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
  /** Most spikes this run may fire before it throws RunawayError (default and upper limit MAX_RUN_SPIKES). */
  maxSpikes?: number;
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
  if (o.maxSpikes !== undefined && !(Number.isInteger(o.maxSpikes) && o.maxSpikes >= 1 && o.maxSpikes <= MAX_RUN_SPIKES))
    throw new RangeError(`maxSpikes: ${o.maxSpikes} is not an integer in [1, ${MAX_RUN_SPIKES}]`);
}

/** Kill a set of neurons (e.g. a random half) on any executor. */
export function kill(e: Executor, neurons: Iterable<number>): void {
  for (const i of neurons) e.setAlive(i, false);
}

/** Most spikes one run() may return: far above any working network (1,024 neurons at 15 Hz for 2,000 s), far below what exhausts memory. */
export const MAX_RUN_SPIKES = 2 ** 25;

/** A run fired more spikes than MAX_RUN_SPIKES: the network is running away (e.g. ping-pong under the parallel rule). */
export class RunawayError extends Error {
  override name = 'RunawayError';
  constructor(
    readonly spikes: number,
    readonly neurons: number,
    readonly seconds: number,
  ) {
    super(`one run fired more than ${spikes.toLocaleString('en-US')} spikes (${Math.round(spikes / neurons / seconds)} Hz per neuron over the ${seconds.toFixed(1)} s run so far): the network is running away, and its spikes would exhaust memory`);
  }
}

/**
 * The (step, neuron) list of one run, in typed arrays that double as they
 * fill (a plain array of 169 million spikes crashed V8 with a fatal error
 * instead of an exception); refuses to grow past `max` (MAX_RUN_SPIKES).
 */
export class SpikeLog {
  private steps: Uint32Array;
  private neurons: Uint32Array;
  length = 0;
  constructor(
    private readonly N: number,
    private readonly dt: number,
    private readonly t0: number,
    private readonly max = MAX_RUN_SPIKES,
  ) {
    this.steps = new Uint32Array(Math.min(1024, max));
    this.neurons = new Uint32Array(this.steps.length);
  }
  push(step: number, neuron: number): void {
    if (this.length === this.steps.length) {
      if (this.length >= this.max) throw new RunawayError(this.length, this.N, (step - this.t0 + 1) * this.dt);
      const grow = (a: Uint32Array) => {
        const b = new Uint32Array(Math.min(2 * a.length, this.max));
        b.set(a);
        return b;
      };
      this.steps = grow(this.steps);
      this.neurons = grow(this.neurons);
    }
    this.steps[this.length] = step;
    this.neurons[this.length++] = neuron;
  }
  result(): { spikeSteps: Uint32Array; spikeNeurons: Uint32Array } {
    return { spikeSteps: this.steps.slice(0, this.length), spikeNeurons: this.neurons.slice(0, this.length) };
  }
}
