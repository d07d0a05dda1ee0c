// The low-rank execution mode (image flag IMG_LOWRANK): the same network as
// the dense phases in step.ts, computed through the factorizations that the
// model guarantees (DESIGN.md section 2):
//
//   slow input    Os Phi = D^T (W Phi)       W (J x B) stands for Os (N x B)
//   fast effects  Of o   = D^T (D o) + mu o  no N x N matrix is stored
//   learning      dW     = eta dt e Phi^T    the factored local rule: it keeps
//                                            Os = D^T W exactly, and its rounding
//                                            noise stays in the readout space
//
// A step then costs O(J B + (N + K) J) instead of O(N B + spikes N), and the
// image holds N J + J B weights instead of N^2 + N B. Readout, dendrites,
// leak, feedback, noise, spike selection and filter are the dense code.
//
// Where the arithmetic allows it the result is bit-identical to the dense
// form: when the decoders lie on the 2^-12 grid every D_i.D_k is exact in
// Q7.24, so the fast effects equal the dense Of rows, and when W is integer
// (W = 0 included) W Phi is exact too, so D_i.(W Phi + c) is the dense
// Os_i.Phi + D_i.c to the last bit (test/fastpath.test.ts). Otherwise the two
// differ by the rounding of u = W Phi (half an LSB, times |D_i| ~ 0.1) and of
// one D_i.q per neuron instead of one Of entry per spike: statistically equal.
// Two differences are structural, not rounding: W is shared, so learning while
// some neurons are dead still moves their effective rows D_i W (the dense form
// freezes a dead neuron's Os row); and the event counters count the dense
// network's events (slow N*B, fast spikes*N, updates N*B), so the emulator and
// the energy figures do not depend on how the host chose to compute them.
import { FRAC, LEARN_W_FRAC, H_LR, H_MU, H_WMAX, S_RNG } from "./formats";
import { sat32, rshr, clamp64, clampFits32, fits32Of, xorshift32 } from "./fixed";
import { PLANAR, dot64 } from "./simd";
import { N, J, B, img, pD, pOs, pPhi, pV, pAlive, pSpk, pRef, pU, pQ, pCin, pE, pStatus } from "./layout";

// @ts-ignore: decorator
@inline function i32at(base: usize, i: i32): i32 { return load<i32>(base + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function set32(base: usize, i: i32, v: i32): void { store<i32>(base + (<usize>i << 2), v); }

/** Whether the last driveLearn with learning moved any row of W. */
export let lrMoved: bool = false;

/**
 * Phase 2, slow part, in readout space: u = W Phi (+ c), Q7.24, J values.
 * Each neuron then takes D_i.u where the dense form takes Os_i.Phi + D_i.c.
 *
 * With `learn`, phase 5 (learnW) too, in the same pass over each row of W:
 * u from the weights before the update, then the update, drawing from `rng`
 * (returned after the draws). The caller runs it so only where nothing
 * between phases 2 and 5 reads W or draws from the RNG but phase 2's noise:
 * it passes the state learnW would start from and stores the one returned
 * once phase 2 is done. Same sums, draws and roundings: same bits.
 */
export function driveLearn(s: i32, useInput: bool, rng: u32, learn: bool): u32 {
  const lr = <u32>load<i32>(img + (<usize>H_LR << 2));
  const wmax = <i64>load<i32>(img + (<usize>H_WMAX << 2));
  const fits = fits32Of(<i32>wmax), wlo = <u32>wmax; // the clamp behind one unsigned compare (fixed.ts)
  const nj = J, nb = B, e = pE, phi = pPhi, u = pU;
  const c = pCin + (<usize>(s * nj) << 2);
  let moved = false;
  for (let j = 0; j < nj; j++) {
    const a = learn ? <i32>clamp64(rshr(<i64>i32at(e, j) * <i64>lr, 24 + 32 - LEARN_W_FRAC), 0x7FFFFFFF) : 0;
    const w = pOs + (<usize>(j * nb) << 2);
    let sum: i64 = 0;
    if (a == 0) sum = dot64(w, phi, nb);
    else {
      moved = true;
      for (let b = 0; b < nb; b++) {
        const p = w + (<usize>b << 2);
        const wb = load<i32>(p), y = i32at(phi, b);
        sum += <i64>wb * <i64>y;
        rng = xorshift32(rng);
        const x = <i64>wb + ((<i64>a * <i64>y + <i64>rng) >> LEARN_W_FRAC);
        store<i32>(p, <i32>clampFits32(x, wmax, wlo, fits));
      }
    }
    let x = rshr(sum, FRAC);
    if (useInput) x += <i64>i32at(c, j);
    set32(u, j, sat32(x));
  }
  lrMoved = moved;
  return rng;
}

/**
 * Phase 3, fast effects of the n spikers in pSpk through the readout:
 * q = sum of their decoders, then V_k -= D_k.q for every alive k, and each
 * spiker also loses mu (the diagonal of Of). J multiply-adds per neuron
 * whatever the number of spikes. q saturates at the i32 range (over ~1,000
 * simultaneous spikes of |D| ~ 0.1), where the dense form would not.
 */
export function fireReadout(n: i32, vmax: i64): void {
  sumDecoders(n);
  const nn = N, vp = pV, live = pAlive;
  if (PLANAR && J == 2) {
    // host build, planar systems: q in registers, no inner loop (same products, same sum)
    const d = pD, q0 = <i64>i32at(pQ, 0), q1 = <i64>i32at(pQ, 1);
    for (let k = 0; k < nn; k++) {
      if (i32at(live, k) == 0) continue;
      const acc = <i64>i32at(d, 2 * k) * q0 + <i64>i32at(d, 2 * k + 1) * q1;
      set32(vp, k, <i32>clamp64(<i64>i32at(vp, k) - rshr(acc, FRAC), vmax));
    }
  } else for (let k = 0; k < nn; k++) {
    if (i32at(live, k) == 0) continue;
    set32(vp, k, <i32>clamp64(<i64>i32at(vp, k) - rshr(dotQ(k), FRAC), vmax));
  }
  const mu = <i64>load<i32>(img + (<usize>H_MU << 2));
  for (let s = 0; s < n; s++) {
    const i = i32at(pSpk, s);
    set32(vp, i, <i32>clamp64(<i64>i32at(vp, i) - mu, vmax));
  }
}

/**
 * Parallel rule: the previous step's n spikers (in pSpk, countdown r1)
 * reach the other alive neurons: V_k -= D_k.q, less D_k.D_k if k was one of
 * them (it reset itself when it fired), in one rounding like fireReadout.
 */
export function deliverReadout(n: i32, r1: i32, vmax: i64): void {
  sumDecoders(n);
  const nn = N, vp = pV, live = pAlive, ref = pRef;
  for (let k = 0; k < nn; k++) {
    if (i32at(live, k) == 0) continue;
    let acc = dotQ(k);
    if (i32at(ref, k) == r1) acc -= selfDot(k);
    set32(vp, k, <i32>clamp64(<i64>i32at(vp, k) - rshr(acc, FRAC), vmax));
  }
}

/** q = sum of the decoders of the n spikers in pSpk (saturating). */
function sumDecoders(n: i32): void {
  const nj = J, d = pD, q = pQ, spk = pSpk;
  for (let j = 0; j < nj; j++) {
    let sum: i64 = 0;
    for (let s = 0; s < n; s++) sum += <i64>i32at(d, i32at(spk, s) * nj + j);
    set32(q, j, sat32(sum));
  }
}

/** D_k.q at Q.48. */
function dotQ(k: i32): i64 {
  const nj = J, dk = pD + (<usize>(k * nj) << 2), q = pQ;
  let acc: i64 = 0;
  for (let j = 0; j < nj; j++) acc += <i64>i32at(dk, j) * <i64>i32at(q, j);
  return acc;
}

/** |D_i|^2 at Q.48: the self term of Of that a low-rank image does not store. */
export function selfDot(i: i32): i64 {
  const nj = J, di = pD + (<usize>(i * nj) << 2);
  let acc: i64 = 0;
  for (let j = 0; j < nj; j++) { const v = <i64>i32at(di, j); acc += v * v; }
  return acc;
}

/**
 * Phase 5, the factored rule: W_jb += eta*dt * e_j * Phi_b. a_j = e_j*eta*dt
 * at LEARN_W_FRAC = 32 fraction bits (clamped to 0.5 so it fits i32), and
 * each product a_j*Phi_b (i32 x i32) is rounded stochastically,
 * floor(x + U) with U uniform on [0, 1) LSB from the kernel's xorshift:
 * with 32 fraction bits that is the high word of a 64-bit sum. Returns
 * whether any row moved (the caller counts the equivalent dense updates).
 * (driveLearn does the same inside phase 2 where the spike rule draws nothing.)
 */
export function learnW(): bool {
  const lr = <u32>load<i32>(img + (<usize>H_LR << 2));
  const wmax = <i64>load<i32>(img + (<usize>H_WMAX << 2));
  const nj = J, nb = B, e = pE, phi = pPhi, os = pOs;
  const fits = fits32Of(<i32>wmax), wlo = <u32>wmax; // the clamp behind one unsigned compare (fixed.ts)
  let rng = load<u32>(pStatus + (S_RNG << 2));
  let moved = false;
  for (let j = 0; j < nj; j++) {
    // e (Q.24) * lr (Q.32) = Q.56 -> Q.32
    const a = <i32>clamp64(rshr(<i64>i32at(e, j) * <i64>lr, 24 + 32 - LEARN_W_FRAC), 0x7FFFFFFF);
    if (a == 0) continue;
    moved = true;
    const w = os + (<usize>(j * nb) << 2);
    for (let b = 0; b < nb; b++) {
      rng = xorshift32(rng);
      const p = w + (<usize>b << 2);
      const x = <i64>load<i32>(p) + ((<i64>a * <i64>i32at(phi, b) + <i64>rng) >> LEARN_W_FRAC);
      store<i32>(p, <i32>clampFits32(x, wmax, wlo, fits));
    }
  }
  store<u32>(pStatus + (S_RNG << 2), rng);
  return moved;
}
