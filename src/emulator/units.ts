// Physical units a hardware profile may use, by dimension, with their factor
// to the SI (or base) unit the emulator computes in: J, W, s, Hz, A, V, bit,
// count, cycle. A profile states every number in the unit its source used.

export type Dimension = 'energy' | 'power' | 'time' | 'frequency' | 'current' | 'voltage' | 'memory' | 'count' | 'cycles';

export const UNITS: Record<Dimension, Record<string, number>> = {
  energy: { J: 1, mJ: 1e-3, uJ: 1e-6, nJ: 1e-9, pJ: 1e-12, fJ: 1e-15 },
  power: { W: 1, mW: 1e-3, uW: 1e-6, nW: 1e-9 },
  time: { s: 1, ms: 1e-3, us: 1e-6, ns: 1e-9 },
  frequency: { Hz: 1, kHz: 1e3, MHz: 1e6, GHz: 1e9 },
  current: { A: 1, mA: 1e-3, uA: 1e-6, nA: 1e-9 },
  voltage: { V: 1, mV: 1e-3 },
  memory: { bit: 1, byte: 8, KiB: 8 * 1024, MiB: 8 * 1024 * 1024 },
  count: { count: 1 },
  cycles: { cycle: 1, instruction: 1 },
};

/** Base unit of each dimension, as reports print it. */
export const BASE_UNIT: Record<Dimension, string> = {
  energy: 'J', power: 'W', time: 's', frequency: 'Hz', current: 'A', voltage: 'V', memory: 'bit', count: 'count', cycles: 'cycle',
};

export function unitFactor(dim: Dimension, unit: string): number | undefined {
  return UNITS[dim][unit];
}

/** Engineering notation with an SI prefix: 1.23e-7 J -> "123 nJ". */
export function si(value: number, unit: string, digits = 3): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value === 0) return `0 ${unit}`;
  const prefixes: [number, string][] = [
    [1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''], [1e-3, 'm'], [1e-6, 'µ'], [1e-9, 'n'], [1e-12, 'p'], [1e-15, 'f'],
  ];
  const a = Math.abs(value);
  const [f, p] = prefixes.find(([f]) => a >= f * 0.9995) ?? prefixes[prefixes.length - 1]!;
  return `${(value / f).toPrecision(digits)} ${p}${unit}`;
}
