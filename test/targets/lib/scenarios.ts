// The tapes every runtime replays: the golden scenarios of
// test/golden/scenarios.ts, recorded from the real host, and the firmware's
// Van der Pol scenario (a trained N = 50 network run free for one simulated
// second, then a short learning run with feedback from stored targets).
import { SCENARIOS } from '../../golden/scenarios.js';
import type { ExecutionMode } from '../../../src/kernel/lowrank.js';
import { KernelExecutor } from '../../../src/kernel/executor.js';
import { simulate } from '../../../src/integrate.js';
import { networkFor, vanDerPol } from '../../../src/systems/index.js';
import { train, type TrainOptions } from '../../../src/train.js';
import { ABI, recordTape, type Op, type RecordOptions, type Recording } from './tape.js';

export const GOLDEN_NAMES = Object.keys(SCENARIOS);

/** Record every golden scenario (its Node result comes with it). */
export function recordGoldens(o: RecordOptions = {}): Recording[] {
  return GOLDEN_NAMES.map((name) => {
    const rec = recordTape(name, () => SCENARIOS[name]!(), o);
    // the recorder reads the kernel itself; it must agree with the executor's own fingerprint
    const m = rec.result.marks.at(-1)!;
    if (m.spikeHash !== rec.value.spikeHash || m.stateHash !== rec.value.stateHash)
      throw new Error(`tape ${name}: recorder fingerprint ${m.spikeHash}/${m.stateHash} != executor ${rec.value.spikeHash}/${rec.value.stateHash}`);
    return rec;
  });
}

/**
 * The firmware scenario. Every option is explicit so the image does not move
 * when TRAIN_DEFAULTS are tuned (the network itself still comes from
 * networkFor(vanDerPol(), {seed: 1}), as users get it).
 */
export const VDP = {
  seed: 1,
  train: {
    duration: 60, trialLength: 2, settle: 0.05, k: 100, eta: 20,
    annealAt: 2 / 3, annealEta: 0.1, annealK: 0.5, seed: 1,
  } satisfies TrainOptions,
  block: 50,
  /** Feedback from stored targets to put the network on its cycle (0.1 s). */
  settleSteps: 200,
  /** Free run, no input, no feedback: one simulated second at dt = 0.5 ms. */
  freeSteps: 2000,
  /** On-device learning, feedback and plasticity on, from stored targets (0.25 s). */
  learnSteps: 500,
  k: 100,
  eta: 20,
  /** Start of the target trajectory: on the Van der Pol limit cycle. */
  x0: [2.0, 0.0],
} as const;

export interface VdpScenario {
  recording: Recording;
  image: Uint8Array;
  N: number;
  K: number;
  trainSeconds: number;
  dt: number;
}

/** The firmware scenario: train Van der Pol, then record settle, free run and on-device learning. */
export function recordVdp(o: RecordOptions & { mode?: ExecutionMode } = {}): VdpScenario {
  const sys = vanDerPol();
  // N = 50 as the firmware's RAM is sized for (the automatic choice for Van der Pol is 110)
  const spec = networkFor(sys, { seed: VDP.seed, neurons: 50 });
  const trainer = new KernelExecutor(spec, o.mode ? { mode: o.mode } : {});
  const t0 = performance.now();
  train(trainer, sys, VDP.train);
  const trainSeconds = (performance.now() - t0) / 1000;
  const image = trainer.image();
  const J = spec.J;
  const recording = recordTape(`vanderpol-firmware${o.mode ? `-${o.mode}` : ''}`, (mark) => {
    const ex = KernelExecutor.fromImage(image, spec, { blockSteps: VDP.block });
    ex.setTunables({ k: VDP.k, eta: VDP.eta });
    const total = VDP.settleSteps + VDP.freeSteps + VDP.learnSteps;
    const { x } = simulate(sys, VDP.x0, total, spec.dt);
    ex.run({ steps: VDP.settleSteps, x, feedback: true });
    ex.run({ steps: VDP.freeSteps });
    mark('free');
    ex.run({ steps: VDP.learnSteps, x: x.subarray((VDP.settleSteps + VDP.freeSteps) * J), feedback: true, learn: true });
    mark('learn');
  }, o);
  return { recording, image, N: spec.N, K: spec.dendrites.K, trainSeconds, dt: spec.dt };
}

/**
 * The C data the firmware keeps in flash, taken from the recorded tape so the
 * firmware and the Node run cannot disagree about inputs: the image, the
 * block size, k*dt and eta*dt as the host wrote them, and the Q7.24 targets
 * of the settle and learning phases.
 */
export function vdpHeader(v: VdpScenario): string {
  const ops = v.recording.tape.ops;
  const one = <K extends Op['op']>(k: K) => ops.filter((o): o is Extract<Op, { op: K }> => o.op === k);
  const reserve = one('reserve')[0]!, open = one('open')[0]!;
  const params = one('setParam');
  const kdt = params.find((p) => p.word === 14)!, lr = params.find((p) => p.word === 15)!;
  const runs = one('run');
  const xs = runs.filter((r) => r.x).map((r) => r.x!);
  const targets = new Int32Array(xs.reduce((s, x) => s + x.length, 0));
  let at = 0;
  for (const x of xs) { targets.set(x, at); at += x.length; }
  const J = new DataView(reserve.image.buffer, reserve.image.byteOffset).getUint32(4 * ABI.H_J, true);
  if (targets.length !== (VDP.settleSteps + VDP.learnSteps) * J) throw new Error('vdp tape: unexpected target count');
  const rows = (a: ArrayLike<number>, fmt: (n: number) => string, per: number) => {
    const out: string[] = [];
    for (let i = 0; i < a.length; i += per) out.push('  ' + Array.from({ length: Math.min(per, a.length - i) }, (_, k) => fmt(a[i + k]!)).join(','));
    return out.join(',\n');
  };
  return `/* Generated by test/targets/lib/scenarios.ts (vdpHeader) from the recorded
 * Node run of the firmware scenario. Do not edit. */
#ifndef VDP_DATA_H
#define VDP_DATA_H
#include <stdint.h>
#define VDP_N ${v.N}u
#define VDP_J ${J}u
#define VDP_K ${v.K}u
#define VDP_BLOCK ${open.steps}u
#define VDP_CAP ${open.cap}u
#define VDP_KDT 0x${kdt.value.toString(16)}u /* k*dt, UQ0.32 (k = ${VDP.k}/s) */
#define VDP_LR 0x${lr.value.toString(16)}u /* eta*dt, UQ0.32 (eta = ${VDP.eta}) */
#define VDP_SETTLE_STEPS ${VDP.settleSteps}u
#define VDP_FREE_STEPS ${VDP.freeSteps}u
#define VDP_LEARN_STEPS ${VDP.learnSteps}u
#define VDP_IMAGE_BYTES ${reserve.bytes}u
/* what the Node host computed for the same run (KernelExecutor.fingerprint()) */
${v.recording.result.marks.map((m) => `#define VDP_NODE_${m.label.toUpperCase()}_SPIKE_HASH ${m.spikeHash}u\n#define VDP_NODE_${m.label.toUpperCase()}_STATE_HASH ${m.stateHash}u`).join('\n')}
/* trained network image (ebnkit ABI v1), kept in flash */
static const uint8_t vdp_image[${reserve.bytes}] __attribute__((aligned(4))) = {
${rows(reserve.image, (b) => '0x' + b.toString(16).padStart(2, '0'), 24)}
};
/* Q7.24 targets x, VDP_J per step: settle phase, then learning phase */
static const int32_t vdp_targets[${targets.length}] = {
${rows(targets, (w) => String(w), 12)}
};
#endif
`;
}
