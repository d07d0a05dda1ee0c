// One call from spikes to a priced chip run: choose the form the chip can
// compute, map the network, route its spikes, price the events. Spikes may
// come from any executor (kernel or float reference): only step indices,
// neuron ids and the alive mask are used.
import type { FreeRun } from '../evaluate.js';
import type { RunResult } from '../executor.js';
import type { NetworkSpec } from '../spec.js';
import { dendriteSpikes, ruleCheck, runnableForm, type RuleCheck, type RunnableForm } from './capability.js';
import { eventLedger, kernelCounts, type KernelCounts, type Ledger, type ProcessorOptions } from './ledger.js';
import { mapNetwork, type MapOptions, type Mapping } from './mapping.js';
import { processorLedger } from './processor.js';
import type { Profile } from './profile.js';
import { routeSpikes, type Latency, type SpikeRecord, type Traffic } from './traffic.js';

export interface EmulateOptions extends MapOptions, ProcessorOptions {}

export interface Emulation {
  profile: string;
  /** The form priced: the requested one, or the runnable form the chip needs instead. */
  form: RunnableForm;
  /** The network's spike rule against the chip's. */
  rule: RuleCheck;
  mapping: Mapping;
  /** Mesh traffic (null on a processor profile, which has no mesh). */
  traffic: Traffic | null;
  latency: Latency;
  ledger: Ledger;
  /** The counts the kernel's own counters would show for these spikes. */
  kernelCounts: KernelCounts;
}

export function emulate(spec: NetworkSpec, p: Profile, rec: SpikeRecord, o: EmulateOptions = {}): Emulation {
  const form = runnableForm(p, o.slowPath ?? 'dense');
  const mapping = mapNetwork(spec, p, { ...o, slowPath: form.slowPath, dendrites: form.dendrites });
  const rule = ruleCheck(p, spec.policy, mapping.cores.length);
  if (p.cycles) {
    const { ledger, latency, counts } = processorLedger(p, mapping, rec, spec.dt, o);
    return { profile: p.name, form, rule, mapping, traffic: null, latency, ledger, kernelCounts: counts };
  }
  const r = form.dendrites === 'spiking' ? { ...rec, dendriteSpikesPerStep: dendriteSpikes(spec, rec).perStep } : rec;
  const { traffic, latency } = routeSpikes(mapping, p, r, spec.dt);
  const ledger = eventLedger(p, mapping, traffic, latency, spec.dt);
  return { profile: p.name, form, rule, mapping, traffic, latency, ledger, kernelCounts: kernelCounts(mapping, rec) };
}

/** A spike record from an executor's run() result; `from` = the step index (since reset) of its first step. */
export function spikeRecord(run: Pick<RunResult, 'steps' | 'spikeSteps' | 'spikeNeurons'>, from = 0, extra: Pick<SpikeRecord, 'alive' | 'weightUpdates'> = {}): SpikeRecord {
  return { steps: run.steps, spikeSteps: Uint32Array.from(run.spikeSteps, (s) => s - from), spikeNeurons: run.spikeNeurons, ...extra };
}

/** The free-running part of evaluate.freeRun (lead-in with feedback excluded). */
export function freeRunRecord(fr: FreeRun, alive?: ArrayLike<number>): SpikeRecord {
  const steps = fr.xhat.length / fr.J;
  return spikeRecord({ steps, spikeSteps: fr.spikeSteps, spikeNeurons: fr.spikeNeurons }, fr.start, alive ? { alive } : {});
}
