// Event and energy counts for a hardware profile: the spikes of the last
// simulated second (alive mask and learning updates included) go through the
// library's emulator (map onto cores, route, price every event), on a
// built-in profile or one from a file (ui/profile-picker.ts).
import { CATEGORIES, CATEGORY_LABELS, emulate, getProfile, spikeRecord, FitError, type Profile } from '../../../src/emulator/index.js';
import type { NetworkSpec } from '../../../src/index.js';
import type { Counters } from '../../../src/formats.js';

export interface EnergyView {
  profile: string;
  title: string;
  /** Simulated seconds priced. */
  seconds: number;
  /** Watts (joules per simulated second), total and by category. */
  power: number;
  joulesPerStep: number;
  categories: { name: string; label: string; power: number; share: number }[];
  dominant: string;
  cores: number;
  missing: string[];
  /** Events per simulated second: the kernel's counts, and packets and hops on the chip's mesh (0 on a processor). */
  events: { spikes: number; neuronUpdates: number; fastEvents: number; slowEvents: number; dendriteEvals: number; weightUpdates: number; packets: number; hops: number };
  error?: string;
  /** What was priced, so it can be priced again elsewhere (the tests do, in Node, with the CLI's profile loader). */
  window: PricedWindow;
}

/** A priced window: steps from `from`, its spikes, the alive mask and the learning updates in it. */
/** A built-in profile's name (throws when unknown) or a validated profile, as a profile. */
const profileOf = (profile: string | Profile): Profile => (typeof profile === 'string' ? getProfile(profile) : profile);

export interface PricedWindow {
  from: number;
  steps: number;
  spikeSteps: number[];
  spikeNeurons: number[];
  alive: number[];
  weightUpdates: number;
}

/** Wall time between two pricings, ms: a window that completes sooner (less 10% for a real-time free run's jitter) is dropped, not priced. */
export const PRICE_EVERY_MS = 1000;
/** The least gap actually enforced: a free run at real time completes its windows about PRICE_EVERY_MS apart, some a little sooner. */
export const PRICE_MIN_GAP_MS = 0.9 * PRICE_EVERY_MS;

/**
 * Collects spikes over a window (a simulated second) and prices them when it
 * is full, about once per PRICE_EVERY_MS of wall time at most (never
 * sooner than PRICE_MIN_GAP_MS after the last): training runs
 * dozens of simulated seconds per wall second, and pricing one (mapping,
 * routing, every event) costs about as much as simulating it, so pricing
 * each would more than double the training time. Windows completed sooner
 * are dropped; a free run in real time is priced every simulated second.
 */
export class EnergyMeter {
  private steps = 0;
  private from = 0;
  private spikeSteps: number[] = [];
  private spikeNeurons: number[] = [];
  private updates0 = 0;
  private lastPriced = -Infinity;
  /** Windows priced and dropped (throttled) since construction. */
  priced = 0;
  dropped = 0;

  private profile: Profile;

  /** `profile`: a built-in profile's name, or a validated profile (a file's, src/emulator/profile.ts). */
  constructor(profile: string | Profile, private readonly windowSteps: number, private readonly now: () => number = () => performance.now(), private readonly everyMs = PRICE_EVERY_MS) {
    this.profile = profileOf(profile);
  }

  /** Price the next windows on this profile (a built-in name throws when unknown). */
  setProfile(profile: string | Profile): void {
    this.profile = profileOf(profile);
  }

  get profileName(): string {
    return this.profile.name;
  }

  restart(from: number, counters: Counters): void {
    this.steps = 0;
    this.from = from;
    this.spikeSteps = [];
    this.spikeNeurons = [];
    this.updates0 = counters.weightUpdates;
  }

  /** Add a chunk's spikes; returns a priced window when one is complete (`spec` is asked for only then). */
  add(steps: number, spikeSteps: ArrayLike<number>, spikeNeurons: ArrayLike<number>, spec: () => NetworkSpec, alive: ArrayLike<number>, counters: Counters): EnergyView | null {
    for (let i = 0; i < spikeSteps.length; i++) {
      this.spikeSteps.push(spikeSteps[i]!);
      this.spikeNeurons.push(spikeNeurons[i]!);
    }
    this.steps += steps;
    if (this.steps < this.windowSteps) return null;
    const t = this.now();
    if (t - this.lastPriced < (PRICE_MIN_GAP_MS / PRICE_EVERY_MS) * this.everyMs) {
      this.dropped++;
      this.restart(this.from + this.steps, counters);
      return null;
    }
    this.lastPriced = t;
    this.priced++;
    const view = price(this.profile, spec(), {
      steps: this.steps,
      spikeSteps: Uint32Array.from(this.spikeSteps),
      spikeNeurons: Uint32Array.from(this.spikeNeurons),
    }, this.from, alive, counters.weightUpdates - this.updates0);
    this.restart(this.from + this.steps, counters);
    return view;
  }
}

/** Price a window of spikes on a profile (a built-in's name, or a validated profile). */
export function price(profile: string | Profile, spec: NetworkSpec, run: { steps: number; spikeSteps: Uint32Array; spikeNeurons: Uint32Array }, from: number, alive: ArrayLike<number>, weightUpdates: number): EnergyView {
  const p = profileOf(profile);
  const seconds = run.steps * spec.dt;
  const window: PricedWindow = { from, steps: run.steps, spikeSteps: Array.from(run.spikeSteps), spikeNeurons: Array.from(run.spikeNeurons), alive: Array.from(alive), weightUpdates };
  const base: EnergyView = {
    profile: p.name, title: p.title, window, seconds, power: NaN, joulesPerStep: NaN, categories: [], dominant: '', cores: 0, missing: [],
    events: { spikes: run.spikeSteps.length / seconds, neuronUpdates: 0, fastEvents: 0, slowEvents: 0, dendriteEvals: 0, weightUpdates: 0, packets: 0, hops: 0 },
  };
  try {
    const e = emulate(spec, p, spikeRecord(run, from, { alive, weightUpdates }));
    const L = e.ledger;
    const k = e.kernelCounts;
    const t = e.traffic;
    const per = (n: number) => n / seconds;
    return {
      ...base,
      power: L.total.perSecond,
      joulesPerStep: L.total.perStep,
      categories: CATEGORIES.map((c) => ({ name: c, label: CATEGORY_LABELS[c], power: L.categories[c].perSecond, share: L.categories[c].share })),
      dominant: CATEGORY_LABELS[L.dominant],
      cores: e.mapping.cores.length,
      missing: L.missing,
      events: {
        spikes: per(run.spikeSteps.length), neuronUpdates: per(k.neuronUpdates), fastEvents: per(k.fastEvents), slowEvents: per(k.slowEvents),
        dendriteEvals: per(k.dendriteEvals), weightUpdates: per(k.weightUpdates),
        packets: t ? per(t.packets.spike + t.packets.graded) : 0, hops: t ? per(t.hops.ew + t.hops.ns) : 0,
      },
    };
  } catch (err) {
    if (err instanceof FitError || err instanceof RangeError) return { ...base, error: (err as Error).message };
    throw err;
  }
}
