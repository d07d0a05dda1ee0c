// Property tests of the kernel's fixed-point primitives against exact
// arithmetic (f64 is exact for the magnitudes drawn here: |a*b| < 2^52).
import { rshr, mulq, sat32, mulRate, lutInterp, xorshift32, fnvWord, clamp64, rshrSat32, clampFits, fitsOf } from "../fixed";
import { LUT_MIN, LUT_SEGMENTS, LUT_SHIFT, ONE } from "../formats";

let seed: u32 = 12345;
function rnd(bits: i32): i32 {
  seed = xorshift32(seed);
  const v = <i32>(seed >> (32 - bits));
  seed = xorshift32(seed);
  return (seed & 1) != 0 ? -v : v;
}

describe("rshr (round half up)", () => {
  it("equals floor(v / 2^s + 1/2) for 10,000 random values", () => {
    for (let n = 0; n < 10000; n++) {
      const v = <i64>rnd(30) * <i64>rnd(20);
      const s = 1 + <i32>(xorshift32(seed) % 40);
      const want = <i64>Math.floor(<f64>v / Math.pow(2, <f64>s) + 0.5);
      expect(rshr(v, s)).toBe(want);
    }
  });
  it("rounds ties toward +infinity", () => {
    expect(rshr(3, 1)).toBe(2);   // 1.5 -> 2
    expect(rshr(-3, 1)).toBe(-1); // -1.5 -> -1
    expect(rshr(-5, 1)).toBe(-2); // -2.5 -> -2
  });
});

describe("mulq (Q7.24 product)", () => {
  it("matches the exact rounded product for 10,000 random pairs", () => {
    for (let n = 0; n < 10000; n++) {
      const a = rnd(26), b = rnd(26);
      const want = <i32>Math.floor(<f64>a * <f64>b / 16777216.0 + 0.5);
      expect(mulq(a, b)).toBe(want);
    }
  });
  it("saturates instead of wrapping", () => {
    expect(mulq(0x7FFFFFFF, 0x7FFFFFFF)).toBe(0x7FFFFFFF);
    expect(mulq(0x7FFFFFFF, -0x7FFFFFFF)).toBe(-0x80000000);
    expect(mulq(ONE, ONE)).toBe(ONE);
  });
});

describe("sat32 and clamp64", () => {
  it("clip at the i32 range and at a symmetric bound", () => {
    expect(sat32(<i64>0x80000000)).toBe(0x7FFFFFFF);
    expect(sat32(-<i64>0x80000001)).toBe(-0x80000000);
    expect(sat32(-5)).toBe(-5);
    expect(clamp64(100, 10)).toBe(10);
    expect(clamp64(-100, 10)).toBe(-10);
    expect(clamp64(7, 10)).toBe(7);
  });
});

// the hot-loop forms (rshrSat32, clampFits) must equal the plain ones for every input
function wide(): i64 {
  // magnitudes from 0 to 2^62, both signs, with the boundaries nearby
  seed = xorshift32(seed);
  const sh = <i64>(seed % 63);
  seed = xorshift32(seed);
  const v = (<i64>seed << 30 ^ <i64>xorshift32(seed)) & ((<i64>1 << sh) - 1);
  seed = xorshift32(seed);
  return (seed & 1) != 0 ? -v : v;
}
describe("rshrSat32 and clampFits (exact rewrites)", () => {
  it("rshrSat32(v, 24) == sat32(rshr(v, 24)) at the i32 bounds and for 20,000 random values", () => {
    const b: i64[] = [0, 1, -1, 0x7FFFFFFF, 0x80000000, -0x80000000, -0x80000001];
    for (let k = 0; k < b.length; k++) for (let d: i64 = -2; d <= 2; d++) {
      const v = (b[k] << 24) + d - (<i64>1 << 23);
      expect(rshrSat32(v, 24)).toBe(sat32(rshr(v, 24)));
      expect(rshrSat32(v + (<i64>1 << 23), 24)).toBe(sat32(rshr(v + (<i64>1 << 23), 24)));
    }
    for (let n = 0; n < 20000; n++) {
      const v = wide();
      expect(rshrSat32(v, 24)).toBe(sat32(rshr(v, 24)));
    }
  });
  it("clampFits(v, lim, fitsOf(lim)) == clamp64(v, lim), negative bounds included", () => {
    const lims: i64[] = [0, 1, 0x7FFFFFFF, 0x80000000, 12345, -1, -0x7FFFFFFF, -0x80000000];
    for (let k = 0; k < lims.length; k++) {
      const lim = lims[k], f = fitsOf(lim);
      for (let d: i64 = -3; d <= 3; d++) {
        expect(clampFits(lim + d, lim, f)).toBe(clamp64(lim + d, lim));
        expect(clampFits(-lim + d, lim, f)).toBe(clamp64(-lim + d, lim));
      }
      for (let n = 0; n < 3000; n++) {
        const v = wide() >> 28; // |v| < 2^34, the range the kernel passes
        expect(clampFits(v, lim, f)).toBe(clamp64(v, lim));
      }
    }
  });
});

describe("mulRate (UQ0.32 multiplier)", () => {
  it("matches the exact rounded product for 10,000 random values", () => {
    for (let n = 0; n < 10000; n++) {
      const a = <i64>rnd(30);
      seed = xorshift32(seed);
      const m: u32 = seed >> 12; // < 2^20 keeps a*m exact in f64
      const want = <i64>Math.floor(<f64>a * <f64>m / 4294967296.0 + 0.5);
      expect(mulRate(a, m)).toBe(want);
    }
  });
});

describe("lutInterp", () => {
  const lut = memory.data((LUT_SEGMENTS + 1) * 4);
  // a table of y = 3*x (Q7.24): linear interpolation must be exact to 1 LSB
  for (let i = 0; i <= LUT_SEGMENTS; i++) {
    const x = <i64>LUT_MIN + (<i64>i << LUT_SHIFT);
    store<i32>(lut + (<usize>i << 2), <i32>(x * 3 / 8));
  }
  it("is exact at the knots and within 1 LSB of a linear function between them", () => {
    for (let n = 0; n < 10000; n++) {
      const x = rnd(26); // inside [-4, 4)
      const want = <f64>x * 3.0 / 8.0;
      const got = <f64>lutInterp(lut, x);
      expect(Math.abs(got - want) <= 1.0).toBe(true);
    }
  });
  it("clamps inputs outside the table to its end values", () => {
    const lo = load<i32>(lut);
    const hi = load<i32>(lut + (<usize>LUT_SEGMENTS << 2));
    expect(lutInterp(lut, -0x7FFFFFFF)).toBe(lo);
    expect(lutInterp(lut, 0x7FFFFFFF) >= hi - 1).toBe(true);
  });
  it("takes wide inputs and clamps them as if they had been saturated to i32 first", () => {
    expect(lutInterp(lut, <i64>1 << 40)).toBe(lutInterp(lut, 0x7FFFFFFF));
    expect(lutInterp(lut, -(<i64>1 << 40))).toBe(lutInterp(lut, -0x80000000));
  });
});

describe("xorshift32 and FNV-1a", () => {
  it("xorshift32 from 2463534242 gives Marsaglia's first output 723471715", () => {
    expect(xorshift32(2463534242)).toBe(723471715);
  });
  it("fnvWord over 'abcd' equals FNV-1a('abcd') = 0xce3479bd", () => {
    expect(fnvWord(0x811C9DC5, 0x64636261)).toBe(0xce3479bd);
  });
});
