// The chip options of the `parallel` spike rule in the units a user thinks
// in, and the defaults picked by the remedy study (scripts/spike-rules.ts,
// docs/spike-rules.md).
//
// Why a soft threshold: with a one-step delay every neuron whose decoder is
// aligned with the error crosses threshold in the same step, none sees the
// others' spikes in time, and the population over-corrects by the number of
// aligned neurons; the error then flips sign and the opposite side does the
// same (ping-pong, ~1,700 Hz per neuron in the study). A neuron that fires
// with probability (V - T)/w (Rullan Buxo & Pillow 2020, PLoS Comput Biol
// 16(3): e1007621, "Poisson balanced spiking networks") spreads the volley:
// with w about as large as the number of aligned neurons times a spike's own
// effect |D_i|^2, the expected correction per step matches the error.
//
// Why the default width grows with N/J: of N decoders spread over J
// dimensions, about N/(2J) point along any one error direction, and each of
// them crosses threshold in the same step. A fixed width that spreads 50
// neurons in 2-D leaves 4x as many aligned neurons at N = 200, and they
// ping-pong again (test/spike-rule.test.ts); a width proportional to
// N/(2J) keeps the expected volley the same. SOFT_GAIN = 1.28 gives the
// study's w = 16 |D_i|^2 at N = 50, J = 2 (docs/spike-rules.md).
import type { ChipOptions } from './spec.js';

/** Chip options with the soft-threshold width in units of the mean |D_i|^2 (a spike's effect on its own voltage). */
export interface RelativeChipOptions {
  refractory?: number;
  /** Soft-threshold width / mean |D_i|^2. */
  soft?: number;
  arbitration?: number;
}

/** Defaults of the parallel rule, from the remedy study (docs/spike-rules.md); the soft width's default is softDefault(N, J). */
export const PARALLEL_DEFAULTS: Required<Omit<RelativeChipOptions, 'soft'>> = { refractory: 0, arbitration: 0 };
/** Soft width per aligned neuron, in units of mean |D_i|^2 (16 at N = 50, J = 2). */
export const SOFT_GAIN = 1.28;

/** Default soft-threshold width in units of mean |D_i|^2: SOFT_GAIN x the N/(2J) neurons aligned with one error direction. */
export function softDefault(N: number, J: number): number {
  return (SOFT_GAIN * N) / (2 * J);
}

/**
 * What a user may ask of each option (`ebnkit train --soft/--refractory/
 * --arbitration`, the playground's form and link): inclusive ranges, and
 * whether it must be whole. The spec's own checks (validateSpec) then apply:
 * an arbitration group of at most N neurons, an absolute width of at most 100.
 */
export const CHIP_OPTION_LIMITS: Record<keyof RelativeChipOptions, { min: number; max: number; integer: boolean }> = {
  soft: { min: 0, max: 1000, integer: false },
  refractory: { min: 0, max: 255, integer: true },
  arbitration: { min: 0, max: 65535, integer: true },
};

/** Why a chip option's value is refused (null: accepted), in the CLI's words. */
export function chipOptionProblem(name: keyof RelativeChipOptions, v: number): string | null {
  const l = CHIP_OPTION_LIMITS[name];
  return !Number.isFinite(v) || v < l.min || v > l.max || (l.integer && !Number.isInteger(v)) ? `is not ${l.integer ? 'an integer' : 'a decimal number'} in [${l.min}, ${l.max}]` : null;
}

/** Mean |D_i|^2 of an N x J row-major decoder. */
export function meanDecoderSq(D: ArrayLike<number>, N: number, J: number): number {
  let s = 0;
  for (let i = 0; i < N * J; i++) s += D[i]! ** 2;
  return s / N;
}

/** Absolute chip options (ChipOptions) from relative ones, for an N x J decoder with mean |D_i|^2 = d2; missing fields take PARALLEL_DEFAULTS and softDefault(N, J). */
export function chipFromRelative(o: RelativeChipOptions, d2: number, N: number, J: number): ChipOptions {
  return {
    refractory: o.refractory ?? PARALLEL_DEFAULTS.refractory,
    softWidth: (o.soft ?? softDefault(N, J)) * d2,
    arbitration: o.arbitration ?? PARALLEL_DEFAULTS.arbitration,
  };
}
