// Fixed-point primitives. Every product is widened to i64 before it is taken,
// and every shift back adds half an LSB first (round half toward +infinity),
// because `>>` alone floors. See formats.ts for the formats.
import { LUT_MIN, LUT_SEGMENTS, LUT_SHIFT } from "./formats";

// @ts-ignore: decorator
@inline export const I32_MAX: i64 = 0x7FFFFFFF;
// @ts-ignore: decorator
@inline export const I32_MIN: i64 = -0x80000000;

/** Clamp a wide value into [-lim, lim]. */
// @ts-ignore: decorator
@inline export function clamp64(v: i64, lim: i64): i64 {
  return v > lim ? lim : v < -lim ? -lim : v;
}

/** Saturate an i64 to i32. */
// @ts-ignore: decorator
@inline export function sat32(v: i64): i32 {
  return <i32>(v > I32_MAX ? I32_MAX : v < I32_MIN ? I32_MIN : v);
}

/**
 * sat32(rshr(v, s)) in 32-bit steps after the shift: y = (v + 2^(s-1)) >> s
 * is in the i32 range iff t = y >> 31 is 0 or -1 (one unsigned compare of
 * t + 1), and outside it t's sign says which bound. Same value for every v
 * (t fits i32 for 1 <= s <= 32).
 */
// @ts-ignore: decorator
@inline export function rshrSat32(v: i64, s: i32): i32 {
  const x = v + halfLsb(s);
  const t = <i32>(x >> <i64>(s + 31));
  const bound = (t >> 31) ^ 0x7FFFFFFF; // I32_MIN for t < 0, I32_MAX otherwise
  return <u32>(t + 1) <= 1 ? <i32>(x >> <i64>s) : bound;
}

/**
 * clamp64(v, lim) for |v|, |lim| < 2^62, the common case first: with
 * `fits` = fitsOf(lim) = 2 lim + 1 (0 for a negative lim, where the clamp
 * never returns v), v is in [-lim, lim] iff v + lim < fits as unsigned.
 */
// @ts-ignore: decorator
@inline export function clampFits(v: i64, lim: i64, fits: u64): i64 {
  return <u64>(v + lim) < fits ? v : clamp64(v, lim);
}
// @ts-ignore: decorator
@inline export function fitsOf(lim: i64): u64 {
  return lim >= 0 ? <u64>(lim + lim + 1) : 0;
}

/**
 * clamp64(v, lim) for an i32 bound lim, with the range test in 32-bit
 * operands (two registers fewer in a hot loop): `lo` = lim and `fits` =
 * 2 lim + 1 as u32 when lim >= 0, fits = 0 when lim < 0 (the 64-bit clamp
 * then always decides). |v| < 2^62.
 */
// @ts-ignore: decorator
@inline export function clampFits32(v: i64, lim: i64, lo: u32, fits: u32): i64 {
  return <u64>(v + <i64>lo) < <u64>fits ? v : clamp64(v, lim);
}
// @ts-ignore: decorator
@inline export function fits32Of(lim: i32): u32 {
  return lim >= 0 ? <u32>lim + <u32>lim + 1 : 0;
}

/** Half an LSB of a shift by s: the rounding constant of rshr and rshrSat32 (one place). */
// @ts-ignore: decorator
@inline function halfLsb(s: i32): i64 {
  return (<i64>1 << <i64>(s - 1));
}

/** Round-shift: (v + 2^(s-1)) >> s, for 1 <= s <= 62. */
// @ts-ignore: decorator
@inline export function rshr(v: i64, s: i32): i64 {
  return (v + halfLsb(s)) >> <i64>s;
}

/** Q7.24 * Q7.24 -> Q7.24, rounded, saturated. */
// @ts-ignore: decorator
@inline export function mulq(a: i32, b: i32): i32 {
  return sat32(rshr(<i64>a * <i64>b, 24));
}

/** Signed Q7.24 times an unsigned UQ0.32 multiplier (stored in a u32). */
// @ts-ignore: decorator
@inline export function mulRate(a: i64, m: u32): i64 {
  return rshr(a * <i64>m, 32);
}

/**
 * Piecewise-linear lookup: `lut` holds LUT_SEGMENTS+1 Q7.24 samples of phi on
 * [LUT_MIN, -LUT_MIN]; inputs outside are clamped to the ends. x is taken
 * wide, so a caller need not saturate it to i32 first (the clamp here gives
 * the same result). y1*f - y0*f equals (y1 - y0)*f exactly (|y| < 2^31,
 * f < 2^19), and is two 32 x 32 -> 64 multiplies on a 32-bit core.
 */
// @ts-ignore: decorator
@inline export function lutInterp(lut: usize, x: i64): i32 {
  let off: i64 = x - <i64>LUT_MIN;
  const span: i64 = <i64>LUT_SEGMENTS << <i64>LUT_SHIFT;
  // inside the table (the common case) in one unsigned compare; then off
  // fits 32 bits (span = 2^27), so the index and fraction are 32-bit work
  if (<u64>off >= <u64>span) off = off < 0 ? 0 : span - 1;
  const o = <i32>off;
  const idx = <usize>(o >>> LUT_SHIFT);
  const f = <i64>(o & ((1 << LUT_SHIFT) - 1));
  const p = lut + (idx << 2);
  const y0 = <i64>load<i32>(p);
  const y1 = <i64>load<i32>(p, 4);
  return <i32>(y0 + rshr(y1 * f - y0 * f, LUT_SHIFT));
}

/** xorshift32 (Marsaglia 2003): full period 2^32-1 for any nonzero state. */
// @ts-ignore: decorator
@inline export function xorshift32(x: u32): u32 {
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return x;
}

/** One FNV-1a round over the four bytes of a word, low byte first. */
// @ts-ignore: decorator
@inline export function fnvWord(h: u32, w: u32): u32 {
  h = (h ^ (w & 0xFF)) * 16777619;
  h = (h ^ ((w >> 8) & 0xFF)) * 16777619;
  h = (h ^ ((w >> 16) & 0xFF)) * 16777619;
  h = (h ^ (w >> 24)) * 16777619;
  return h;
}
