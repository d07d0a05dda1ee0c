// Number-format presets: how a NetworkSpec's reals become the kernel's
// integers. All presets are the same kernel code with different header values
// (vmax, vshift) and different weight grids chosen by quantize().

export interface NumberFormat {
  /** Short name used on the CLI and in reports. */
  name: string;
  /** Stored in the image header (H_FORMAT). */
  id: number;
  description: string;
  /**
   * Weight mantissa bits (sign included) with one shared power-of-two exponent
   * per matrix, or null for the kernel's native Q7.24.
   */
  weightBits: number | null;
  /** Membrane-voltage bits (sign included); 32 = native Q7.24 with i32 range. */
  stateBits: number;
}

export const FORMATS: Record<string, NumberFormat> = {
  q24: {
    name: 'q24',
    id: 0,
    description: 'native: Q7.24 weights and state (i32), the accurate default for training',
    weightBits: null,
    stateBits: 32,
  },
  w16: {
    name: 'w16',
    id: 1,
    description: '16-bit weights with a shared exponent per matrix, 32-bit state',
    weightBits: 16,
    stateBits: 32,
  },
  loihi: {
    name: 'loihi',
    id: 2,
    description: 'Loihi-like: 8-bit weights with a shared exponent per matrix, 24-bit voltage (Davies et al. 2018)',
    weightBits: 8,
    stateBits: 24,
  },
  xylo: {
    name: 'xylo',
    id: 3,
    description: 'Xylo-like: 8-bit weights with a shared exponent per matrix, 16-bit voltage',
    weightBits: 8,
    stateBits: 16,
  },
};

export function getFormat(name: string): NumberFormat {
  const f = FORMATS[name];
  if (!f) throw new RangeError(`format "${name}" is unknown; accepted: ${Object.keys(FORMATS).join(', ')}`);
  return f;
}
