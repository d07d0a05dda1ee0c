// The neuromorphic emulator (DESIGN.md section 5): hardware profiles as data,
// placement onto cores, address-event routing on a 2-D mesh, an energy ledger,
// and "fit to chip" (quantize to the chip's bit widths, run, measure, price).
// Browser-safe: nothing here reads files (see load-node.ts for profile files).
export { validateProfile, parseProfile, qv, qrange, ProfileError, QUANTITY_STATUSES, SPIKE_RULES } from './profile.js';
export type { Profile, Quantity, QuantityStatus, Source, SynapseMemoryModel, Capabilities, CostModel, Fact, SpikeRule, Arbiter } from './profile.js';
export { getProfile, builtinProfiles, BUILTIN_PROFILE_NAMES } from './builtin-profiles.js';
export { formatForProfile, CUSTOM_FORMAT_ID } from './format.js';
export { networkShape, shapeOf, kernelMemoryBytes, SLOW_PATHS } from './network.js';
export type { NetworkShape, SlowPath, Group, DendriteForm } from './network.js';
export { mapNetwork, placeShape, fitSuggestions, rowBits, FitError } from './mapping.js';
export type { Mapping, MapOptions, CoreAlloc, Suggestion, LimitName } from './mapping.js';
export { multicast, linkId, linkName } from './mesh.js';
export type { Mesh, Multicast } from './mesh.js';
export { routeSpikes } from './traffic.js';
export type { SpikeRecord, Traffic, Latency, CoreEvents } from './traffic.js';
export { eventLedger, kernelCounts, CATEGORIES, CATEGORY_LABELS } from './ledger.js';
export type { Ledger, LedgerLine, Category, CategoryTotal, CoreEnergy, KernelCounts, ProcessorOptions, Range } from './ledger.js';
export { processorLedger, perOperationCycles } from './processor.js';
export { runnableForm, dendriteSpikes, ruleCheck, chipPolicy } from './capability.js';
export type { RunnableForm, RuleCheck } from './capability.js';
export { emulate, spikeRecord, freeRunRecord } from './emulate.js';
export type { Emulation, EmulateOptions } from './emulate.js';
export { factorSlowWeights } from './factor.js';
export type { Factored } from './factor.js';
export { fitToChip, evaluateOn } from './fit.js';
export type { FitOptions, FitResult, Accuracy, EvaluateOptions } from './fit.js';
export { formatLedger, formatMapping, formatTraffic, energyFigure } from './report.js';
export { si } from './units.js';
