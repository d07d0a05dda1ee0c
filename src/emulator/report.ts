// Text and SVG views of an emulation: the mapping, the ledger line by line,
// and a breakdown chart of where the energy goes.
import { barChart, figure, type Panel } from '../plot/index.js';
import { CATEGORIES, CATEGORY_LABELS, type Ledger } from './ledger.js';
import type { Mapping } from './mapping.js';
import type { Latency, Traffic } from './traffic.js';
import { si } from './units.js';

/** "min / typical / max W", with ">=" when some events are not priced (a lower bound). */
export function powerRange(l: Ledger): string {
  const [a, b, c] = l.range.perSecond;
  if (l.lowerBound && c === 0) return 'not priced (no published costs)';
  const ge = l.lowerBound ? '>= ' : '';
  return a === c ? `${ge}${si(b, 'W')}` : `${ge}${si(a, 'W')} / ${si(b, 'W')} / ${si(c, 'W')}`;
}

const pct = (v: number | null) => (v === null ? '-' : `${(100 * v).toFixed(1)}%`);
const int = (v: number) => Math.round(v).toLocaleString('en-US');

export function formatMapping(m: Mapping): string {
  const s = m.shape;
  const head = `${m.cores.length} core${m.cores.length > 1 ? 's' : ''} of ${m.coresAvailable} on ${m.nodesUsed} mesh node${m.nodesUsed > 1 ? 's' : ''}; ${s.N} neurons, ${s.B} basis units (${s.K} dendrites${s.linear ? ` + ${s.J} readouts` : ''})${s.size.slowsum ? `, ${s.size.slowsum} slow sums` : ''}, slow path ${s.slowPath}`;
  if (m.kernelBytes !== undefined) return `${head}\n  kernel memory ${int(m.kernelBytes)} bytes (${pct(m.cores[0]!.utilisation.memory)} of RAM)`;
  const rows = m.cores.slice(0, 8).map(
    (c) =>
      `  core ${String(c.core).padEnd(4)} (${c.x},${c.y})  units ${c.units.neuron}n+${c.units.basis}b${c.units.slowsum ? `+${c.units.slowsum}s` : ''} ${pct(c.utilisation.units)}  fan-in ${c.fanIn} ${pct(c.utilisation.fanIn)}  fan-out ${c.fanOut} ${pct(c.utilisation.fanOut)}  synapse memory ${int(c.memoryBits)} bits ${pct(c.utilisation.memory)}`,
  );
  if (m.cores.length > 8) rows.push(`  ... ${m.cores.length - 8} more cores`);
  return [head, ...rows].join('\n');
}

export function formatTraffic(t: Traffic | null, lat: Latency, dt: number): string {
  const lines: string[] = [];
  if (t) {
    const steps = Math.max(1, t.steps);
    lines.push(
      `packets    ${int(t.packets.spike)} spike + ${int(t.packets.graded)} graded (${((t.packets.spike + t.packets.graded) / steps).toFixed(1)} per step); hops ${int(t.hops.ew)} E-W + ${int(t.hops.ns)} N-S; ${int(t.deliveries)} copies delivered`,
      `busiest    ${t.busiestLink ? `link ${t.busiestLink.link}: ${int(t.busiestLink.packets)} packets (max ${t.busiestLink.perStepMax} in one step)` : 'no link used (one node)'}; core ${t.busiestCore?.core ?? '-'} with ${int(t.busiestCore?.work ?? 0)} events`,
    );
  }
  lines.push(
    lat.mean === null
      ? `latency    not modelled (${lat.model})`
      : `latency    mean ${si(lat.mean, 's')}, max ${si(lat.max!, 's')} per step vs dt ${si(dt, 's')}: ${lat.realTime ? 'real time' : `${(lat.max! / dt).toFixed(2)}x slower than real time`} (${lat.model})`,
  );
  return lines.join('\n');
}

export function formatLedger(l: Ledger, detail = true): string {
  const out = [
    `energy     ${powerRange(l)} per simulated second (min / typical / max) = ${si(l.total.perStep, 'J')} per step typical (${l.steps} steps, ${l.simulatedSeconds.toFixed(2)} s simulated)`,
    ...(l.cycles ? [`cycles     ${int(l.cycles.range[0])} / ${int(l.cycles.perStep)} / ${int(l.cycles.range[2])} per step: ${l.cycles.source}; ${l.cycles.energyPerCycle === null ? 'energy per cycle not given' : `${si(l.cycles.energyPerCycle, 'J')} per cycle`}`] : []),
    ...(l.alternatives ? [`averages   whole-chip averages priced alone (never added): ${l.alternatives.map((a) => `${a.fields.join('+')} -> ${si(a.perSecond, 'W')}`).join('; ')}`] : []),
    `  ${'category'.padEnd(28)}${'per second'.padStart(12)}${'per step'.padStart(12)}${'share'.padStart(8)}`,
  ];
  for (const c of CATEGORIES) {
    const t = l.categories[c];
    out.push(`  ${CATEGORY_LABELS[c].padEnd(28)}${si(t.perSecond, 'W').padStart(12)}${si(t.perStep, 'J').padStart(12)}${pct(t.share).padStart(8)}`);
  }
  out.push(`  dominant: ${CATEGORY_LABELS[l.dominant]}`);
  if (detail) {
    out.push(`  ${'line'.padEnd(58)}${'count'.padStart(14)}${'cost'.padStart(11)}${'energy'.padStart(11)}`);
    for (const x of l.lines)
      out.push(`  ${x.item.slice(0, 57).padEnd(58)}${int(x.count).padStart(14)}${(x.cost === null ? (x.included ? 'included' : 'missing') : si(x.cost, x.category === 'static' ? 'W' : 'J')).padStart(11)}${si(x.joules, 'J').padStart(11)}`);
  }
  if (l.missing.length) out.push(`  not priced (the profile gives no figure): ${l.missing.join('; ')}`);
  return out.join('\n');
}

/** One breakdown panel per ledger: power per category. */
export function energyFigure(items: { title: string; ledger: Ledger }[], title = 'ebnkit energy breakdown'): string {
  const panels: Panel[] = items.map(({ title: t, ledger }) => {
    const max = Math.max(...CATEGORIES.map((c) => ledger.categories[c].perSecond), 1e-30);
    const [f, u] = max >= 1 ? [1, 'W'] : max >= 1e-3 ? [1e3, 'mW'] : max >= 1e-6 ? [1e6, 'µW'] : [1e9, 'nW'];
    return barChart({
      title: `${t}: ${si(ledger.total.perSecond, 'W')} (${CATEGORY_LABELS[ledger.dominant]} ${pct(ledger.categories[ledger.dominant].share)})`,
      yLabel: `power (${u})`,
      bars: CATEGORIES.map((c) => ({ label: CATEGORY_LABELS[c], value: ledger.categories[c].perSecond * f })),
      width: 420,
      height: 300,
    });
  });
  return figure(panels, { columns: Math.min(2, panels.length), title });
}
