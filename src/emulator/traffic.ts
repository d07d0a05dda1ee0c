// Spikes as address events on the mesh, and what every core does each step.
//
// Each spike of neuron i is one multicast packet from i's core to every core
// holding a unit that takes neuron spikes as input (neurons: fast synapses;
// basis units: dendritic input). Each basis unit (and each slow sum on the
// factored path) sends one graded packet per step to the cores of its targets.
// Per step: packets, hops (E-W and N-S), copies delivered into cores, load of
// every link, the busiest link; per core: unit updates and synaptic events.
import type { Mapping } from './mapping.js';
import { linkName, multicast, type Mesh, type Multicast } from './mesh.js';
import { unitBase, type Group } from './network.js';
import { qreq, qv, type Profile } from './profile.js';

export interface SpikeRecord {
  /** Steps emulated. */
  steps: number;
  /** Step (0 .. steps-1) and neuron of every spike. */
  spikeSteps: ArrayLike<number>;
  spikeNeurons: ArrayLike<number>;
  /** Alive neurons (default: all). */
  alive?: ArrayLike<number>;
  /** Learning weight updates during these steps (from the executor's counters). */
  weightUpdates?: number;
  /** Spiking-dendrite form: mean basis-unit spikes per step (capability.ts, dendriteSpikes). */
  dendriteSpikesPerStep?: number;
}

export interface CoreEvents {
  core: number;
  neuronActive: number;
  neuronInactive: number;
  /** Basis and slow-sum unit updates. */
  unitUpdates: number;
  /** Spike x alive neuron on this core (fast connections, reset included). */
  fastOps: number;
  /** Spike x basis unit on this core (dendritic input). */
  dendriticOps: number;
  /** Graded slow-path synaptic events into units on this core. */
  slowOps: number;
  learning: number;
  /** Packets sent from this core (spikes and graded). */
  packetsOut: number;
  /** Synaptic events plus unit updates: the busiest core has the most. */
  work: number;
}

export interface Traffic {
  steps: number;
  spikes: number;
  packets: { spike: number; graded: number };
  hops: { ew: number; ns: number };
  /** Copies delivered into cores (one per destination core per packet). */
  deliveries: number;
  perStep: {
    spikes: Uint32Array;
    packets: Float64Array;
    hops: Float64Array;
    deliveries: Float64Array;
    maxLinkLoad: Uint32Array;
  };
  /** Total packets per directed link (ids from mesh.ts). */
  linkLoad: Map<number, number>;
  busiestLink: { link: string; packets: number; perStepMax: number } | null;
  busiestCore: { core: number; work: number } | null;
  cores: CoreEvents[];
  totals: Omit<CoreEvents, 'core' | 'work'>;
}

export interface Latency {
  /** Per step, seconds (compute + network + serialisation + barrier, at least the fixed tick); null if the profile lacks times. */
  perStep: Float64Array | null;
  mean: number | null;
  max: number | null;
  /** Which parts were modelled. */
  model: string;
  /** Whether every step finished within dt. */
  realTime: boolean | null;
  /** Wall time the chip spends for the run (sum of max(dt, step time)). */
  wallTime: number;
}

interface Route {
  mc: Multicast;
  deliveries: number;
  /** Seconds to the farthest destination (null when hop times are unknown). */
  latency: number | null;
}

export function routeSpikes(map: Mapping, p: Profile, rec: SpikeRecord, dt: number): { traffic: Traffic; latency: Latency } {
  const shape = map.shape;
  const N = shape.N;
  const mesh: Mesh = { width: qreq(p.mesh.width, 'count', 'mesh.width'), height: qreq(p.mesh.height, 'count', 'mesh.height') };
  const nCores = map.cores.length;
  const alive = rec.alive ?? new Uint8Array(N).fill(1);
  const aliveOn = new Float64Array(nCores);
  let aliveTotal = 0;
  for (let i = 0; i < N; i++)
    if (alive[i]) {
      aliveOn[map.unitCore[i]!]!++;
      aliveTotal++;
    }
  const t = p.time;
  const tv = (k: keyof NonNullable<Profile['time']>) => (t ? qv(t[k], 'time') : null);
  const tEW = tv('hopEW');
  const tNS = tv('hopNS');
  const tDel = tv('delivery');

  // one route per (core, group): all units of a group on a core share their destinations
  const routes = new Map<string, Route>();
  const routeOf = (g: Group, k: number): Route => {
    const u = unitBase(shape, g) + k;
    const c = map.unitCore[u]!;
    const key = `${c}|${g}`;
    let r = routes.get(key);
    if (!r) {
      const src = map.cores[c]!;
      const dests = Array.from(map.unitDest[u]!, (d) => ({ x: map.cores[d]!.x, y: map.cores[d]!.y }));
      const mc = multicast(mesh, src.x, src.y, dests);
      const lat = tEW !== null && tNS !== null && tDel !== null ? Math.max(0, ...mc.far.map((f) => f.ew * tEW + f.ns * tNS)) + tDel : null;
      r = { mc, deliveries: map.unitDest[u]!.length, latency: lat };
      routes.set(key, r);
    }
    return r;
  };

  // graded packets: the same every step. Spiking dendrites send a packet only
  // when they fire: their packets, hops and slow events scale by the mean
  // fraction of basis units firing per step (exact in total when every basis
  // unit shares its core's routes, as all-to-all groups on one core do).
  let act = 1;
  if (shape.dendrites === 'spiking') {
    if (rec.dendriteSpikesPerStep === undefined) throw new RangeError('spiking dendrites: the record needs dendriteSpikesPerStep (see capability.ts dendriteSpikes)');
    act = shape.B > 0 ? rec.dendriteSpikesPerStep / shape.B : 0;
  }
  const gradedGroups: Group[] = shape.slowPath === 'dense' ? ['basis'] : ['basis', 'slowsum'];
  const base = new Map<number, number>();
  let gPackets = 0;
  let gEW = 0;
  let gNS = 0;
  let gDeliv = 0;
  let gLatency: number | null = 0;
  for (const g of gradedGroups)
    for (let k = 0; k < shape.size[g]; k++) {
      const r = routeOf(g, k);
      const w = g === 'basis' ? act : 1;
      gPackets += w;
      gEW += w * r.mc.hopsEW;
      gNS += w * r.mc.hopsNS;
      gDeliv += w * r.deliveries;
      for (const l of r.mc.links) base.set(l, (base.get(l) ?? 0) + 1);
      gLatency = gLatency === null || r.latency === null ? null : Math.max(gLatency, r.latency);
    }
  let baseMax = 0;
  for (const v of base.values()) baseMax = Math.max(baseMax, v);

  // per-core static structure
  const basisOn = new Float64Array(nCores);
  const sumOn = new Float64Array(nCores);
  for (let c = 0; c < nCores; c++) {
    basisOn[c] = map.cores[c]!.units.basis;
    sumOn[c] = map.cores[c]!.units.slowsum;
  }
  const slowPerStep = new Float64Array(nCores);
  for (let c = 0; c < nCores; c++)
    slowPerStep[c] = shape.slowPath === 'dense' ? aliveOn[c]! * shape.B * act : sumOn[c]! * shape.B * act + aliveOn[c]! * shape.J;

  const steps = rec.steps;
  const per = {
    spikes: new Uint32Array(steps),
    packets: new Float64Array(steps),
    hops: new Float64Array(steps),
    deliveries: new Float64Array(steps),
    maxLinkLoad: new Uint32Array(steps),
  };
  const linkLoad = new Map<number, number>();
  for (const [l, v] of base) linkLoad.set(l, v * steps);
  const active = new Float64Array(nCores);
  const spikesBy = new Int32Array(steps + 1); // CSR of spikes by step
  for (let q = 0; q < rec.spikeSteps.length; q++) {
    const s = rec.spikeSteps[q]!;
    if (!(s >= 0 && s < steps)) throw new RangeError(`spikeSteps[${q}] = ${s} is outside [0, ${steps - 1}]`);
    const n = rec.spikeNeurons[q]!;
    if (!(n >= 0 && n < N)) throw new RangeError(`spikeNeurons[${q}] = ${n} is not a neuron in [0, ${N - 1}]`);
    spikesBy[s + 1]!++;
  }
  for (let s = 0; s < steps; s++) spikesBy[s + 1]! += spikesBy[s]!;
  const order = new Int32Array(rec.spikeSteps.length);
  const fill = spikesBy.slice(0, steps);
  for (let q = 0; q < rec.spikeSteps.length; q++) order[fill[rec.spikeSteps[q]!]!++] = rec.spikeNeurons[q]!;

  // time model (null parts make the latency unknown)
  const tA = tv('neuronActive');
  const tI = tv('neuronInactive');
  const tD = tv('dendriteUpdate');
  const tS = tv('synapticOp');
  const tU = tv('synapticUpdate');
  const tLink = tv('linkPacket');
  const bBase = tv('barrierBase');
  const bNode = tv('barrierPerNode');
  const minStep = tv('minStep');
  const learnPerStep = (rec.weightUpdates ?? 0) / Math.max(1, steps);
  const timed = tA !== null && tI !== null && tD !== null && tS !== null && tLink !== null && bBase !== null && bNode !== null && tEW !== null && tNS !== null && tDel !== null && (learnPerStep === 0 || tU !== null);
  const lat = timed ? new Float64Array(steps) : null;
  const stepActive = new Float64Array(nCores);
  const touched = new Map<number, number>();
  let sEW = 0;
  let sNS = 0;
  let sDeliv = 0;
  for (let s = 0; s < steps; s++) {
    const a = spikesBy[s]!;
    const b = spikesBy[s + 1]!;
    touched.clear();
    stepActive.fill(0);
    let hops = gEW + gNS;
    let deliv = gDeliv;
    let net = gLatency ?? 0;
    for (let q = a; q < b; q++) {
      const i = order[q]!;
      const c = map.unitCore[i]!;
      stepActive[c]!++;
      const r = routeOf('neuron', i);
      hops += r.mc.hopsEW + r.mc.hopsNS;
      sEW += r.mc.hopsEW;
      sNS += r.mc.hopsNS;
      deliv += r.deliveries;
      sDeliv += r.deliveries;
      if (r.latency !== null) net = Math.max(net, r.latency);
      for (const l of r.mc.links) touched.set(l, (touched.get(l) ?? 0) + 1);
    }
    let maxLoad = baseMax;
    for (const [l, v] of touched) {
      const tot = v + (base.get(l) ?? 0);
      if (tot > maxLoad) maxLoad = tot;
      linkLoad.set(l, (linkLoad.get(l) ?? 0) + v);
    }
    const n = b - a;
    per.spikes[s] = n;
    per.packets[s] = n + gPackets;
    per.hops[s] = hops;
    per.deliveries[s] = deliv;
    per.maxLinkLoad[s] = maxLoad;
    for (let c = 0; c < nCores; c++) active[c]! += stepActive[c]!;
    if (lat) {
      let compute = 0;
      for (let c = 0; c < nCores; c++) {
        const ops = n * (aliveOn[c]! + basisOn[c]!) + slowPerStep[c]!;
        const learnC = aliveTotal > 0 ? (learnPerStep * aliveOn[c]!) / aliveTotal : 0;
        const tc =
          (aliveOn[c]! - stepActive[c]!) * tI! + stepActive[c]! * tA! + (basisOn[c]! + sumOn[c]!) * tD! + ops * tS! + (learnC > 0 ? learnC * tU! : 0);
        compute = Math.max(compute, tc);
      }
      lat[s] = Math.max(compute + net + maxLoad * tLink! + bBase! + bNode! * map.nodesUsed, minStep ?? 0);
    }
  }

  const spikes = rec.spikeSteps.length;
  const learning = rec.weightUpdates ?? 0;
  const cores: CoreEvents[] = map.cores.map((cc, c) => {
    const fastOps = spikes * aliveOn[c]!;
    const dendriticOps = spikes * basisOn[c]!;
    const slowOps = steps * slowPerStep[c]!;
    const unitUpdates = steps * (basisOn[c]! + sumOn[c]!);
    const neuronActive = active[c]!;
    const neuronInactive = steps * aliveOn[c]! - neuronActive;
    const learn = aliveTotal > 0 ? (learning * aliveOn[c]!) / aliveTotal : 0;
    return {
      core: cc.core, neuronActive, neuronInactive, unitUpdates, fastOps, dendriticOps, slowOps, learning: learn,
      packetsOut: (basisOn[c]! * act + (shape.slowPath === 'dense' ? 0 : sumOn[c]!)) * steps + neuronActive,
      work: neuronActive + neuronInactive + unitUpdates + fastOps + dendriticOps + slowOps + learn,
    };
  });
  const sum = (k: keyof CoreEvents) => cores.reduce((acc, c) => acc + (c[k] as number), 0);
  let busiestLink: Traffic['busiestLink'] = null;
  for (const [l, v] of linkLoad)
    if (!busiestLink || v > busiestLink.packets) busiestLink = { link: linkName(mesh, l), packets: v, perStepMax: 0 };
  if (busiestLink) busiestLink.perStepMax = per.maxLinkLoad.reduce((m, v) => Math.max(m, v), 0);
  const busiest = cores.reduce<CoreEvents | null>((m, c) => (!m || c.work > m.work ? c : m), null);
  const traffic: Traffic = {
    steps,
    spikes,
    packets: { spike: spikes, graded: gPackets * steps },
    hops: { ew: sEW + gEW * steps, ns: sNS + gNS * steps },
    deliveries: sDeliv + gDeliv * steps,
    perStep: per,
    linkLoad,
    busiestLink,
    busiestCore: busiest ? { core: busiest.core, work: busiest.work } : null,
    cores,
    totals: {
      neuronActive: sum('neuronActive'), neuronInactive: sum('neuronInactive'), unitUpdates: sum('unitUpdates'),
      fastOps: sum('fastOps'), dendriticOps: sum('dendriticOps'), slowOps: sum('slowOps'), learning: sum('learning'), packetsOut: sum('packetsOut'),
    },
  };

  let latency: Latency;
  if (lat) {
    let m = 0;
    let mx = 0;
    let wall = 0;
    for (let s = 0; s < steps; s++) {
      m += lat[s]!;
      mx = Math.max(mx, lat[s]!);
      wall += Math.max(dt, lat[s]!);
    }
    latency = { perStep: lat, mean: steps ? m / steps : 0, max: mx, realTime: mx <= dt, wallTime: wall, model: 'max core compute + farthest route + busiest link serialisation + barrier' + (minStep ? ', at least the fixed tick' : '') };
  } else if (minStep !== null) {
    const step = Math.max(dt, minStep);
    latency = { perStep: null, mean: minStep, max: minStep, realTime: minStep <= dt, wallTime: steps * step, model: 'fixed tick only (per-operation times not published)' };
  } else {
    latency = { perStep: null, mean: null, max: null, realTime: null, wallTime: steps * dt, model: 'unknown (the profile gives no times)' };
  }
  return { traffic, latency };
}
