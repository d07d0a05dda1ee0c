// The numbers panel, the kernel's event counters and the energy table.
import type { Counters } from '../../../src/formats.js';
import type { EnergyView } from '../engine/energy.js';
import type { Frame, NetInfo } from '../protocol.js';
import { el, fillList } from './dom.js';

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)}%` : '–');
const num = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : '–');
const int = (v: number) => Math.round(v).toLocaleString('en-US');
export const hex = (v: number) => (v >>> 0).toString(16).padStart(8, '0');

/** SI prefixes for watts and joules. */
export function si(v: number, unit: string): string {
  if (!Number.isFinite(v)) return '–';
  if (v === 0) return `0 ${unit}`;
  const p = [[1e-15, 'f'], [1e-12, 'p'], [1e-9, 'n'], [1e-6, 'µ'], [1e-3, 'm'], [1, ''], [1e3, 'k']] as const;
  let best: readonly [number, string] = p[0];
  for (const q of p) if (Math.abs(v) >= q[0]) best = q;
  return `${(v / best[0]).toPrecision(3)} ${best[1]}${unit}`;
}

export function statsRows(f: Frame, info: NetInfo): [string, string][] {
  const s = f.stats;
  const alive = f.alive.reduce((a, b) => a + b, 0);
  const rows: [string, string][] = [
    ['phase', f.phase === 'training' ? 'training (feedback on, learning)' : f.leading ? 'free run: lead-in with feedback' : f.phase === 'free' ? 'free run (feedback and learning off)' : 'stopped (nothing running; the numbers are from the last run)'],
    ['simulated', `${num(f.simulated, 1)} s`],
    ['readout error', `${pct(s.error)} of the domain (last ${num(s.windowSeconds, 1)} s)`],
    ['rate', `${num(s.rate, 1)} Hz per alive neuron`],
    ['alive', `${alive} of ${info.N} neurons`],
    ['kernel', `${info.format}, ${info.policy} rule, ${info.mode} execution, ${info.kernel} kernel`],
    ['spikes', `${int(s.spikesPerSecond)} per second`],
  ];
  if (info.truth) {
    const a = s.amplitude, p = s.period, T = info.truth.period;
    // crossings closer than a quarter of the true period, or further than four
    // times it, are chatter or drift, not the system's cycle: say so rather than
    // print "period 0.001 s, 99.9% off" as if it were a result
    const cycle = Number.isFinite(p) && p > T / 4 && p < 4 * T;
    const none = `no cycle like the true one (the readout crosses its middle every ${num(p, 3)} s: chatter, not an oscillation; true ${num(T, 3)} s)`;
    rows.push(
      ['amplitude', !Number.isFinite(a) ? '– (needs three cycles of free run)' : cycle ? `${num(a)} (true ${num(info.truth.amplitude)}, ${pct(Math.abs(a - info.truth.amplitude) / info.truth.amplitude)} off)` : '– (no cycle)'],
      ['period', !Number.isFinite(p) ? '–' : cycle ? `${num(p, 3)} s (true ${num(T, 3)} s, ${pct(Math.abs(p - T) / T)} off)` : none],
    );
  }
  rows.push(['spike hash', `${hex(f.fingerprint.spikeHash)} after ${int(f.fingerprint.steps)} steps`]);
  return rows;
}

export function counterRows(c: Counters, dt: number): [string, string][] {
  const T = c.steps * dt || 1;
  const r = (v: number) => `${int(v)} (${int(v / T)}/s)`;
  return [
    ['steps', int(c.steps)],
    ['neuron updates', r(c.neuronUpdates)],
    ['spikes', r(c.spikes)],
    ['fast synaptic', r(c.fastEvents)],
    ['slow synaptic', r(c.slowEvents)],
    ['dendrite evals', r(c.dendriteEvals)],
    ['weight updates', r(c.weightUpdates)],
  ];
}

/** `merge`: adds a kept reference run's values to the rows (ui/reference.ts). */
export function renderStats(dl: HTMLElement, counters: HTMLElement, f: Frame, info: NetInfo, merge: (rows: [string, string][]) => [string, string][] = (r) => r): void {
  fillList(dl, merge(statsRows(f, info)));
  fillList(counters, counterRows(f.counters, info.dt));
}

export function renderEnergy(box: HTMLElement, e: EnergyView): void {
  if (e.error) {
    box.replaceChildren(el('p', { class: 'error' }, `${e.title}: ${e.error}`));
    return;
  }
  const head = el('p', {}, `${e.title}: ${si(e.power, 'W')} (${si(e.joulesPerStep, 'J')} per step) on ${e.cores} core${e.cores === 1 ? '' : 's'}; most goes to ${e.dominant}.`);
  const table = el('table');
  const cap = el('caption', { class: 'visually-hidden' }, 'Power by category');
  const thead = el('thead');
  const hr = el('tr');
  hr.append(el('th', { scope: 'col' }, 'where'), el('th', { scope: 'col' }, 'power'), el('th', { scope: 'col' }, 'share'));
  thead.append(hr);
  const body = el('tbody');
  for (const c of e.categories) {
    const tr = el('tr');
    tr.append(el('td', {}, c.label), el('td', { class: 'num' }, si(c.power, 'W')), el('td', { class: 'num' }, pct(c.share)));
    body.append(tr);
  }
  table.append(cap, thead, body);
  const ev = e.events;
  const events = el('p', { class: 'hint' }, `per simulated second: ${int(ev.spikes)} spikes, ${int(ev.fastEvents)} fast and ${int(ev.slowEvents)} slow synaptic events, ${int(ev.dendriteEvals)} dendrite evaluations, ${int(ev.weightUpdates)} weight updates` + (ev.packets ? `, ${int(ev.packets)} packets over ${int(ev.hops)} hops.` : '.'));
  box.replaceChildren(head, table, events, ...(e.missing.length ? [el('p', { class: 'hint' }, `not priced (the profile gives no cost): ${e.missing.join('; ')}`)] : []));
}
