// The playground's engine in Node: chunked training equals the library's
// train() bit for bit, a free run with kills and noise replays bit for bit,
// and saved models open in the library (and in the page's loader).
import { describe, expect, it } from 'vitest';
import { decodeModel, getSystem, KernelExecutor, Random, vanDerPol } from '../../src/index.js';
import { trainingMode } from '../../src/training-network.js';
import { EnergyMeter } from '../../web/src/engine/energy.js';
import { Session } from '../../web/src/engine/session.js';
import { DEFAULT_SETTINGS, EXAMPLE_CUSTOM, validateSettings, type Settings } from '../../web/src/engine/settings.js';
import { replayFree, trainInNode, weightsHash } from './lib/replay.js';

const small: Settings = { ...DEFAULT_SETTINGS, N: 20, K: 30, seconds: 4, dt: 5e-4 };

function runSession(s: Settings, chunk: () => number): Session {
  const ses = Session.create(s);
  ses.startTraining();
  while (ses.phase === 'training') ses.step(chunk());
  return ses;
}

describe('playground engine', () => {
  it('chunked training (odd chunk sizes) learns exactly the bits train() learns', () => {
    const rnd = new Random(5);
    const ses = runSession(small, () => 1 + rnd.int(700));
    const ex = trainInNode(vanDerPol(), small);
    expect(ses.fingerprint()).toEqual(ex.fingerprint());
    expect(ses.weightsHash()).toBe(weightsHash(ex));
    expect(ses.trainingSeconds).toBeCloseTo(4, 9);
  });

  it('trains in the execution mode the CLI picks for the system (lowrank for Van der Pol), through the same builder', () => {
    const sys = getSystem('vanderpol');
    expect(trainingMode(sys)).toBe('lowrank');
    const ses = Session.create(DEFAULT_SETTINGS);
    expect(ses.ex.mode).toBe('lowrank');
    expect(ses.info().mode).toBe('lowrank');
    expect(Session.create({ ...DEFAULT_SETTINGS, system: { builtin: 'linear' } }).ex.mode).toBe(trainingMode(getSystem('linear')));
  });

  it('prices energy at most once per wall second while training (not every chunk or simulated second)', () => {
    // a frozen clock: training is "instant", so only the first simulated second is priced
    const frozen = Session.create({ ...small, seconds: 6 }, { now: () => 0 });
    frozen.startTraining();
    let priced = 0;
    while (frozen.phase === 'training') if (frozen.step(512)?.energy) priced++;
    expect(priced).toBe(1);
    expect(frozen.energy.dropped).toBeGreaterThanOrEqual(4);
    // a clock that moves a second per look: every simulated second is priced
    let t = 0;
    const slow = Session.create({ ...small, seconds: 6 }, { now: () => (t += 1000) });
    slow.startTraining();
    priced = 0;
    while (slow.phase === 'training') if (slow.step(512)?.energy) priced++;
    expect(priced).toBeGreaterThanOrEqual(5);
    expect(slow.energy.dropped).toBe(0);
    // the meter alone: windows that complete within the interval are dropped
    const m = new EnergyMeter('loihi', 10, () => 5, 1000);
    const counters = Session.create(small).ex.counters();
    m.restart(0, counters);
    const none = new Uint32Array(0);
    const spec = () => Session.create(small).ex.toSpec();
    const alive = new Uint8Array(20).fill(1);
    expect(m.add(10, none, none, spec, alive, counters)).not.toBeNull();
    expect(m.add(10, none, none, spec, alive, counters)).toBeNull();
    expect(m.dropped).toBe(1);
  });

  it('a free run with kills, revivals and noise replays bit for bit from its log', () => {
    const ses = runSession(small, () => 512);
    ses.startFree();
    const go = (n: number) => { for (let i = 0; i < n; i++) ses.step(300); };
    go(5);
    ses.killFraction(0.5);
    go(3);
    ses.setNoise(0.002);
    ses.setAlive([ses.log!.ops[0]!.kind === 'alive' ? (ses.log!.ops[0] as { neurons: number[] }).neurons[0]! : 0], true);
    go(4);
    ses.setNoise(0);
    go(2);
    expect(ses.log!.ops.map((o) => o.kind)).toEqual(['alive', 'noise', 'alive', 'noise']);
    const fp = ses.fingerprint();
    const ex = trainInNode(vanDerPol(), small);
    expect(replayFree(ex, vanDerPol(), ses.log!, fp.steps)).toEqual(fp);
  });

  it('kill-half kills the same neurons as the CLI assessment', () => {
    const ses = Session.create(small);
    ses.killFraction(0.5);
    const dead = [...ses.alive()].flatMap((a, i) => (a ? [] : [i])).sort((a, b) => a - b);
    const cli = new Random(small.seed + 100).sample(small.N, small.N / 2).sort((a, b) => a - b);
    expect(dead).toEqual(cli);
  });

  it('saves a model the library decodes and the page reopens with the same bits', () => {
    const ses = runSession(small, () => 1000);
    const saved = ses.save();
    const m = decodeModel(saved.bytes);
    expect(m.meta).toMatchObject({ system: 'vanderpol', kind: 'limit-cycle', trainingSeconds: 4, seed: 1, format: 'q24' });
    expect(new KernelExecutor(m.spec, {}, m.image).image().subarray(96)).toEqual(ses.ex.image().subarray(96));
    const back = Session.load(saved.bytes, saved.fileName, DEFAULT_SETTINGS);
    expect(back.weightsHash()).toBe(ses.weightsHash());
    expect(back.settings).toMatchObject({ N: 20, K: 30, dt: 5e-4, seconds: 4 });
  });

  it('a typed vector field trains, saves its source, and reloads from the file alone', () => {
    const s: Settings = { ...small, system: { custom: { ...EXAMPLE_CUSTOM, f: EXAMPLE_CUSTOM.f.slice(0, 2), domain: EXAMPLE_CUSTOM.domain.slice(0, 2) } }, seconds: 2 };
    const ses = runSession(s, () => 800);
    const saved = ses.save();
    expect(saved.module?.fileName).toBe('hopf.system.mjs');
    expect(decodeModel(saved.bytes).meta).toMatchObject({ system: 'hopf', userSystem: { name: 'hopf', dims: 2 }, systemModule: './hopf.system.mjs' });
    const back = Session.load(saved.bytes, saved.fileName, DEFAULT_SETTINGS);
    expect(back.sys.name).toBe('hopf');
    expect(back.weightsHash()).toBe(ses.weightsHash());
  });

  it('settings outside their ranges are refused field by field', () => {
    expect(validateSettings(DEFAULT_SETTINGS)).toEqual({});
    const e = validateSettings({ ...DEFAULT_SETTINGS, N: 0, K: 1.5, dt: 1e-2, format: 'f64', k: 500 });
    expect(Object.keys(e).sort()).toEqual(['K', 'N', 'dtMs', 'format']);
    expect(validateSettings({ ...DEFAULT_SETTINGS, k: 500 }).k).toMatch(/k × dt must stay below 0.1/);
  });
});
