// Hot loops with an optional SIMD128 form (asconfig target "simd": `--enable
// simd --use EBNK_SIMD=1`); every other build compiles the scalar loops only,
// so the release (MCU, interpreter) build is unchanged by this file.
//
// Same bits by construction: the products are exact 32 x 32 -> 64
// (i64x2.extmul_*_i32x4_s, as the scalar <i64>a * <i64>b), and the sums are
// i64 additions, which are associative (the scalar loops never overflow i64
// either), so summing in two or four lanes and adding the lanes at the end
// gives the scalar sum exactly. The goldens run on both builds.
// @ts-ignore: decorator
@inline export const SIMD: bool = isDefined(EBNK_SIMD);
/**
 * The host build (the SIMD one) also trades code size for speed where the
 * 8 KiB MCU build cannot: the low-rank fast effects specialised for planar
 * systems (J = 2, q in registers). Same products, same sums, same bits.
 * (The planar low-rank integrate and readout are in every build: step.ts.)
 */
// @ts-ignore: decorator
@inline export const PLANAR: bool = SIMD;

/** sum over i < n of a[i] * b[i], i32 x i32 at 64 bits (a function, not inlined: one copy of its loops). */
export function dot64(a: usize, b: usize, n: i32): i64 {
  let acc: i64 = 0;
  let i = 0;
  if (SIMD) {
    let lo = i64x2.splat(0), hi = i64x2.splat(0);
    for (; i + 4 <= n; i += 4) {
      const x = v128.load(a + (<usize>i << 2)), y = v128.load(b + (<usize>i << 2));
      lo = i64x2.add(lo, i64x2.extmul_low_i32x4_s(x, y));
      hi = i64x2.add(hi, i64x2.extmul_high_i32x4_s(x, y));
    }
    const s = i64x2.add(lo, hi);
    acc = i64x2.extract_lane(s, 0) + i64x2.extract_lane(s, 1);
  }
  for (; i < n; i++) acc += <i64>load<i32>(a + (<usize>i << 2)) * <i64>load<i32>(b + (<usize>i << 2));
  return acc;
}

/**
 * J = 2 readout sums D^T r: (sum_i D[i,0] r_i, sum_i D[i,1] r_i) as an i64x2,
 * two neurons per iteration (D is row-major N x 2). SIMD builds only.
 */
// @ts-ignore: decorator
@inline export function readout2(d: usize, r: usize, n: i32): v128 {
  let acc = i64x2.splat(0);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const dv = v128.load(d + (<usize>i << 3));                     // D_i0 D_i1 D_k0 D_k1, k = i+1
    const rp = v128.load64_zero(r + (<usize>i << 2));               // r_i r_k 0 0
    const rv = v128.shuffle<i32>(rp, rp, 0, 0, 1, 1);               // r_i r_i r_k r_k
    acc = i64x2.add(acc, i64x2.add(i64x2.extmul_low_i32x4_s(dv, rv), i64x2.extmul_high_i32x4_s(dv, rv)));
  }
  if (i < n) {
    const ri = <i64>load<i32>(r + (<usize>i << 2));
    const last = i64x2.replace_lane(i64x2.splat(<i64>load<i32>(d + (<usize>i << 3)) * ri), 1, <i64>load<i32>(d + (<usize>i << 3), 4) * ri);
    acc = i64x2.add(acc, last);
  }
  return acc;
}
