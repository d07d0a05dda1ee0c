// Tiny profiles and networks whose counts, hops and joules are worked out by hand.
import { validateProfile, type Profile, type Quantity } from '../../src/emulator/profile.js';
import { createNetwork, type NetworkSpec } from '../../src/spec.js';

const fact = <T>(value: T) => ({ value, source: 'test', where: 'test fixture', status: 'assumption' as const });

/** Capabilities of a test chip (defaults: a neuromorphic chip with graded units, parallel rule, no arbiter). */
export function capabilities(o: Partial<{ gradedUnits: boolean; gradedMessages: boolean; learning: boolean; spikeRule: string; spikeDelay: number; arbiter: string }> = {}) {
  const c = { gradedUnits: true, gradedMessages: true, learning: true, spikeRule: 'parallel', spikeDelay: 1, arbiter: 'none', ...o };
  return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, fact(v)]));
}

export const q = (value: number | null, unit: string, status: Quantity['status'] = 'assumption'): Quantity => ({
  value, unit, source: 'test', where: 'test fixture', status, ...(value === null ? { note: 'not given' } : {}),
});

/** 2 x 2 mesh, one unit per core: three neurons on cores 0-2, the basis unit on core 3. */
export function meshProfile(over: Partial<Record<string, unknown>> = {}): Profile {
  return validateProfile({
    kind: 'ebnkit-profile',
    version: 2,
    name: 'test-mesh',
    title: 'test 2x2 mesh',
    description: 'hand-checkable',
    sources: { test: { citation: 'test fixture' } },
    capabilities: capabilities(),
    mesh: { width: q(2, 'count'), height: q(2, 'count'), coresPerNode: q(1, 'count'), cores: q(4, 'count') },
    limits: {
      unitsPerCore: q(1, 'count'), fanIn: q(16, 'count'), fanOut: q(16, 'count'), unitFanOut: q(null, 'count'),
      memory: q(null, 'bit'), weightBits: q(8, 'bit'), stateBits: q(24, 'bit'),
    },
    synapseMemory: { model: 'crossbar' },
    energy: {
      neuronActive: q(10, 'pJ'), neuronInactive: q(5, 'pJ'), dendriteUpdate: q(7, 'pJ'), synapticOp: q(2, 'pJ'),
      synapticUpdate: q(100, 'pJ'), delivery: q(1, 'pJ'), hopEW: q(3, 'pJ'), hopNS: q(4, 'pJ'), staticPower: q(1, 'nW'),
      staticPerCore: q(0.25, 'nW'), hostIO: q(0.5, 'pJ'),
    },
    time: {
      neuronActive: q(2, 'ns'), neuronInactive: q(1, 'ns'), dendriteUpdate: q(1, 'ns'), synapticOp: q(1, 'ns'), synapticUpdate: q(1, 'ns'),
      delivery: q(1, 'ns'), hopEW: q(10, 'ns'), hopNS: q(20, 'ns'), linkPacket: q(5, 'ns'), barrierBase: q(100, 'ns'), barrierPerNode: q(10, 'ns'),
      minStep: q(null, 'ns'),
    },
    ...over,
  });
}

/** A processor running the kernel: 1 MHz, 1 mA at 1 V = 1 nJ per cycle, 1 uA asleep; no measured instruction count unless given. */
export function cpuProfile(over: Partial<Record<string, unknown>> = {}): Profile {
  return validateProfile({
    kind: 'ebnkit-profile',
    version: 2,
    name: 'test-cpu',
    title: 'test processor',
    description: 'hand-checkable',
    sources: { test: { citation: 'test fixture' } },
    capabilities: capabilities({ spikeRule: 'any', spikeDelay: 0, arbiter: 'global' }),
    mesh: { width: q(1, 'count'), height: q(1, 'count'), coresPerNode: q(1, 'count'), cores: q(1, 'count') },
    limits: {
      unitsPerCore: q(null, 'count'), fanIn: q(null, 'count'), fanOut: q(null, 'count'), unitFanOut: q(null, 'count'),
      memory: q(64, 'KiB'), weightBits: q(32, 'bit'), stateBits: q(32, 'bit'),
    },
    synapseMemory: { model: 'kernel-image' },
    cycles: {
      clock: q(1, 'MHz'), activeCurrent: q(1, 'mA'), supplyVoltage: q(1, 'V'), sleepCurrent: q(1, 'uA'),
      instructionsDense: q(null, 'instruction'), instructionsFactored: q(null, 'instruction'),
      reference: { N: 3, J: 1, K: 1, linear: false, source: 'test', where: 'test fixture' },
      cpi: q(1, 'count'), hostIO: q(null, 'pJ'),
      stepOverhead: q(10, 'cycle'), neuronUpdate: q(2, 'cycle'), fastEvent: q(1, 'cycle'), slowEvent: q(3, 'cycle'),
      dendriteEval: q(5, 'cycle'), weightUpdate: q(7, 'cycle'),
      ...(over.cycles as object | undefined),
    },
  });
}

/** Three neurons, one state dimension, one dendrite, no linear terms: B = 1. dt = 1 ms. */
export function threeNeurons(): NetworkSpec {
  return createNetwork({ dims: 1, neurons: 3, dendrites: 1, linear: false, dt: 1e-3, lam: 10, seed: 3 });
}

/** The fixed spike list: steps 0..3, n0 at 0, n2 and n1 at 1, n0 at 3. */
export const SPIKES = { steps: 4, spikeSteps: [0, 1, 1, 3], spikeNeurons: [0, 2, 1, 0] };
