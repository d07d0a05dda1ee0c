// A target dynamical system dx/dt = F(x) + c(t). The network learns
// f(x) = F(x) + lam*x (DESIGN.md section 2); the host integrates F in float64.

export type SystemKind = 'linear' | 'limit-cycle' | 'fixed-points' | 'chaotic' | 'driven' | 'conservative';
export const SYSTEM_KINDS: readonly SystemKind[] = ['linear', 'limit-cycle', 'fixed-points', 'chaotic', 'driven', 'conservative'];

export interface DynamicalSystem {
  name: string;
  description: string;
  kind: SystemKind;
  dims: number;
  /** Writes F(x) into out. */
  field(x: ArrayLike<number>, out: Float64Array): void;
  /** Box the dendrites cover and the training keeps the state inside. */
  domain: [number, number][];
  /** Box start states are drawn from. */
  starts: [number, number][];
  /** Standard deviation of the exploratory input c during training (per dimension). */
  inputStd: number;
  /** Correlation time of the exploratory input, s. */
  inputTau: number;
  /** A time that covers the system's characteristic behaviour (e.g. a period), s. */
  timeScale: number;
  /** Network options that learn this system well (merged into createNetwork's by networkFor). */
  network?: Record<string, unknown>;
  /** Kernel execution mode that learns this system well (default dense). */
  mode?: 'dense' | 'lowrank';
  /** Training options that learn this system well (merged under the caller's by train). */
  training?: Record<string, number>;
  /** Where the state may be reset from for evaluation (defaults to `starts`). */
  evalStarts?: [number, number][];
  /** For driven systems: the input that defines the system's use (e.g. torque commands). */
  command?: (rnd: import('../random.js').Random, steps: number, dt: number) => Float64Array;
  /** Conservative systems: a quantity the true flow keeps constant (e.g. energy). */
  invariant?: (x: number[]) => number;
  /**
   * One training trial's target and input (steps x J each) from x0: set by the
   * automatic configuration (confined exploration, src/auto/explore.ts); without
   * it the trainer drives the system with smooth noise of inputStd.
   */
  explore?: (rnd: import('../random.js').Random, x0: number[], steps: number, dt: number) => { x: Float64Array; c: Float64Array };
  /** Normalisation from user units (src/auto/normalise.ts); the system itself is in normalised units. */
  transform?: import('../auto/normalise.js').Transform;
  /** What the automatic configuration chose and why (printed by train, saved in the model). */
  auto?: import('../auto/configure.js').AutoConfig;
  /** The same definition configured again with some settings fixed (the self-check's search). */
  reconfigure?: (settings: import('../auto/configure.js').UserSettings) => DynamicalSystem;
}
