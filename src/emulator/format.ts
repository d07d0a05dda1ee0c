// From a profile's bit widths to the kernel's NumberFormat: weights with the
// chip's mantissa bits and one shared exponent per matrix, voltages with the
// chip's state bits. 32-bit chips run the kernel's native Q7.24.
import { FORMATS, type NumberFormat } from '../presets.js';
import type { Profile } from './profile.js';
import { qreq } from './profile.js';

/** Image header id for formats that match no preset (informational only). */
export const CUSTOM_FORMAT_ID = 255;

export function formatForProfile(p: Profile): NumberFormat {
  const wb = qreq(p.limits.weightBits, 'memory', 'limits.weightBits');
  const sb = qreq(p.limits.stateBits, 'memory', 'limits.stateBits');
  const weightBits = wb >= 24 ? null : wb;
  const stateBits = Math.min(32, sb);
  const preset = Object.values(FORMATS).find((f) => f.weightBits === weightBits && f.stateBits === stateBits);
  return {
    name: preset?.name ?? p.name,
    id: preset?.id ?? CUSTOM_FORMAT_ID,
    description: `${p.title}: ${weightBits === null ? 'native Q7.24 weights' : `${weightBits}-bit weights, shared exponent per matrix`}, ${stateBits}-bit voltage`,
    weightBits,
    stateBits,
  };
}
