// ebnkit: learn dynamical systems in efficient balanced spiking networks and
// run them in a tiny fixed-point WebAssembly kernel. Browser-safe: nothing
// here reads files or fetches (Node file helpers live in ebnkit/node).
export { createNetwork, validateSpec, cloneSpec, basisSize, chipOptions, SpecError, SPIKE_POLICIES, NONLINEARITIES, NO_CHIP_OPTIONS } from './spec.js';
export { PARALLEL_DEFAULTS, SOFT_GAIN, softDefault, chipFromRelative, type RelativeChipOptions } from './spike-rule.js';
export type { NetworkSpec, Dendrites, CreateOptions, SpikePolicy, ChipOptions, Nonlinearity } from './spec.js';
export { derive, noiseAmplitude } from './derived.js';
export type { Executor, RunOptions, RunResult, Tunables, ExecutorState } from './executor.js';
export { kill, MAX_RUN_SPIKES, RunawayError } from './executor.js';
export { ReferenceExecutor } from './reference/executor.js';
export { KernelExecutor, KernelError } from './kernel/executor.js';
export type { KernelOptions } from './kernel/executor.js';
export { EXECUTION_MODES, expandSlowWeights } from './kernel/lowrank.js';
export type { ExecutionMode } from './kernel/lowrank.js';
export { decodeSlowWeights } from './slow-weights.js';
export { kernelBytes, kernelModule, kernelModuleSync, kernelVariant, instantiate, KERNEL_SHA256, type KernelVariant } from './kernel/module.js';
export type { KernelExports } from './kernel/module.js';
export { quantize, lutSamples } from './quantize.js';
export type { Quantized, QuantReport, QuantEntry, QuantizeOptions } from './quantize.js';
export { FORMATS, getFormat } from './presets.js';
export type { NumberFormat } from './presets.js';
export { readImage, imageLayout, imageChecksum, ImageError } from './image.js';
export { checkSpecAgainstImage, specWithImageWeights } from './image-spec.js';
export { upgradeModel } from './upgrade.js';
export * as formats from './formats.js';
export { spikeHash, fnvWords } from './checksum.js';
export { Random } from './random.js';
export { smoothNoise } from './signals.js';
export { simulate } from './integrate.js';
export { train, Trainer, TRAIN_DEFAULTS, systemTraining } from './train.js';
export type { TrainOptions, TrainProgress, TrainResult, Chunk } from './train.js';
export {
  freeRun, cycleStats, smoothCycle, movingAverage, trueCycle, normalisedError, evaluateLimitCycle, randomNeurons, mean, median,
} from './evaluate.js';
export type { FreeRun, CycleStats, LimitCycleReport } from './evaluate.js';
export {
  SYSTEMS, SYSTEM_INFO, getSystem, networkFor, vanDerPol, dampedOscillator, linearSystem, idealLinearOs, bistable, lorenz, pendulum, unseenTorque, defineSystem,
} from './systems/index.js';
export type { SystemDefinition } from './systems/index.js';
export { encodeModel, decodeModel, modelToJSON, ModelError, MODEL_VERSION } from './model.js';
export type { Model } from './model.js';
export type { DynamicalSystem, SystemKind } from './systems/index.js';
export * as plot from './plot/index.js';
export * as emulator from './emulator/index.js';
export { assess } from './assess.js';
export type { Assessment, AssessOptions } from './assess.js';
export { robustness } from './robustness.js';
export * from './tape/index.js';
