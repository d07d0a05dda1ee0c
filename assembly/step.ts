// One Euler step of the efficient balanced network, in the phase order of
// DESIGN.md section 2 (the reference in src/reference/step.ts follows it line
// for line):
//   1. xhat = D r,  e = x - xhat,  Phi = phi(M xhat + theta) [, xhat]
//   2. V += dt*(D^T c + Os Phi) + k*dt*(D^T e) - lamV*dt*V + noise
//   3. spikes: winner (largest V-T>0) or all (V>T); V -= Of[:, i] per spike;
//      parallel: first the previous step's spikes reach the other neurons
//      (V_j -= Of[i, j], j != i), then every eligible neuron above threshold
//      fires and only resets itself (V_i -= Of[i, i]) at once
//   4. r = (1 - lam*dt) r + o
//   5. learning: Os += eta*dt * (D^T e) Phi^T   (stochastic rounding)
//   6. emit spikes, hash, counters
// A low-rank image runs phases 2, 3 and 5 through the factorizations in
// lowrank.ts; the branch is taken once per phase, never inside a neuron loop.
import {
  FRAC, ONE, LEARN_FRAC, H_FLAGS, H_DT, H_LEAKV, H_LEAKR, H_KDT, H_LR, H_NOISE,
  H_VMAX, H_VSHIFT, H_WMAX, IMG_POLICY_ALL, IMG_PARALLEL, H_REFRACT, H_SOFT, H_GROUP, H_MU, RUN_LEARN, RUN_FEEDBACK, RUN_INPUT,
  RUN_RECORD, S_RNG, S_T, S_HASH, S_SPIKES, C_STEPS, C_NEURON_UPDATES, C_SPIKES,
  C_FAST_EVENTS, C_SLOW_EVENTS, C_DENDRITE_EVALS, C_WEIGHT_UPDATES,
} from "./formats";
import { sat32, rshr, rshrSat32, clampFits, mulRate, clamp64, lutInterp, xorshift32, fnvWord } from "./fixed";
import {
  img, N, J, K, B, spikeCap, lowrank, pD, pT, pOf, pM, pTheta, pOs, pLut, pV, pR, pAlive,
  pXhat, pE, pPhi, pG, pSpk, pRef, pU, pStatus, pCounters, pCin, pXin, pXhatOut, pSpikesOut,
} from "./layout";
import { driveLearn, lrMoved, fireReadout, learnW, selfDot, deliverReadout } from "./lowrank";
import { SIMD, dot64, readout2 } from "./simd";

// Build variant: `--use EBNK_INFERENCE=1` (asconfig target "inference")
// compiles learning out; run() then refuses RUN_LEARN with E_FEATURE.
// @ts-ignore: decorator
@inline export const LEARNING: bool = !isDefined(EBNK_INFERENCE);

// @ts-ignore: decorator
@inline function hdr(w: i32): u32 { return load<u32>(img + (<usize>w << 2)); }
// @ts-ignore: decorator
@inline function i32at(base: usize, i: i32): i32 { return load<i32>(base + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function set32(base: usize, i: i32, v: i32): void { store<i32>(base + (<usize>i << 2), v); }
// @ts-ignore: decorator
@inline function bump(c: i32, by: i64): void {
  const p = pCounters + (<usize>c << 3);
  store<i64>(p, load<i64>(p) + by);
}

// Hot loops copy the layout globals they use into locals first: a global is
// a field of the instance in wasm2c's C and in V8, reloaded after every store
// to memory (which the C compiler must assume may alias it). Same bits.

/** Phase 1: readout, error, dendrites. xhat and e are Q7.24. */
function readout(s: i32, wantError: bool): void {
  const n = N, nj = J, nk = K, nb = B;
  const d = pD, r = pR, xhat = pXhat, e = pE, phi = pPhi, m = pM, theta = pTheta, lut = pLut;
  const x = pXin + (<usize>(s * nj) << 2);
  // planar systems: both sums in one pass over the neurons (r_i loaded once;
  // i64 sums are exact, so the order does not change them)
  let a0: i64 = 0, a1: i64 = 0;
  if (SIMD && nj == 2) {
    const acc = readout2(d, r, n);
    a0 = i64x2.extract_lane(acc, 0);
    a1 = i64x2.extract_lane(acc, 1);
  } else if (nj == 2) {
    for (let i = 0; i < n; i++) {
      const ri = i32at(r, i);
      a0 += <i64>i32at(d, 2 * i) * <i64>ri;
      a1 += <i64>i32at(d, 2 * i + 1) * <i64>ri;
    }
  }
  for (let j = 0; j < nj; j++) {
    let acc: i64 = j == 0 ? a0 : a1;
    if (nj != 2) {
      acc = 0;
      for (let i = 0; i < n; i++) acc += <i64>i32at(d, i * nj + j) * <i64>i32at(r, i);
    }
    const xh = sat32(rshr(acc, FRAC));
    set32(xhat, j, xh);
    if (wantError) set32(e, j, sat32(<i64>i32at(x, j) - <i64>xh));
  }
  if (nj == 2) {
    // planar systems, the common case: xhat in registers, no inner loop (same sums, same order)
    const x0 = <i64>i32at(xhat, 0), x1 = <i64>i32at(xhat, 1);
    for (let k = 0; k < nk; k++) {
      const acc = <i64>i32at(m, 2 * k) * x0 + <i64>i32at(m, 2 * k + 1) * x1;
      set32(phi, k, lutInterp(lut, rshr(acc, FRAC) + <i64>i32at(theta, k)));
    }
  } else {
    for (let k = 0; k < nk; k++) {
      let acc: i64 = 0;
      const mk = m + (<usize>(k * nj) << 2);
      for (let j = 0; j < nj; j++) acc += <i64>i32at(mk, j) * <i64>i32at(xhat, j);
      set32(phi, k, lutInterp(lut, rshr(acc, FRAC) + <i64>i32at(theta, k))); // clamps like sat32 would
    }
  }
  for (let b = nk; b < nb; b++) set32(phi, b, i32at(xhat, b - nk)); // linear terms
}

/**
 * Phase 2 for every alive neuron; the dense form also leaves g_i = D_i.e in
 * pG (Q7.24) for learn(). Inlined once per mode with `lr` constant, so
 * neither copy tests the mode inside its neuron loop.
 */
// @ts-ignore: decorator
@inline function integrateAs(s: i32, flags: i32, lr: bool, fused: bool): i32 {
  const dt = hdr(H_DT), leakV = hdr(H_LEAKV), kdt = hdr(H_KDT);
  const noise = <i64><i32>hdr(H_NOISE);
  const vmax = <i64><i32>hdr(H_VMAX);
  const vshift = <i32>hdr(H_VSHIFT);
  const useInput = (flags & RUN_INPUT) != 0;
  const useErr = (flags & (RUN_FEEDBACK | RUN_LEARN)) != 0;
  const feedback = (flags & RUN_FEEDBACK) != 0;
  if (lr) {
    let r: u32 = 0;
    if (fused) {
      // learnW's draws would follow this phase's noise draws, one per alive neuron
      r = load<u32>(pStatus + (S_RNG << 2));
      if (noise != 0) for (let i = 0, nn = N; i < nn; i++) if (i32at(pAlive, i) != 0) r = xorshift32(r);
    }
    fusedRng = driveLearn(s, useInput, r, fused);
  }
  const n = N, nj = J, nb = B;
  if (lr && nj == 2 && vshift <= 0 && vmax >= 0) return integratePlanar(dt, leakV, kdt, <i32>noise, <i32>vmax, feedback);
  const dAll = pD, os = pOs, phi = pPhi, e = pE, u = pU, v0 = pV, g0 = pG, live = pAlive;
  const c = pCin + (<usize>(s * nj) << 2);
  let rng = load<u32>(pStatus + (S_RNG << 2));
  let alive = 0;
  for (let i = 0; i < n; i++) {
    if (i32at(live, i) == 0) continue;
    alive++;
    const d = dAll + (<usize>(i * nj) << 2);
    // slow input and external input, accumulated at Q.48 and rounded once;
    // the error feedback g = D_i.e likewise (one pass over D_i for both)
    let acc: i64 = 0;
    let ge: i64 = 0;
    if (lr) {
      // D_i.(W Phi + c); D_i.e only when the error is used (e is stale
      // otherwise, and free running would throw the sum away). Planar
      // systems take integratePlanar unless V is rounded (vshift > 0).
      for (let j = 0; j < nj; j++) acc += <i64>i32at(d, j) * <i64>i32at(u, j);
      if (useErr) for (let j = 0; j < nj; j++) ge += <i64>i32at(d, j) * <i64>i32at(e, j);
    } else {
      acc = dot64(os + (<usize>(i * nb) << 2), phi, nb);
      if (useInput) for (let j = 0; j < nj; j++) acc += <i64>i32at(d, j) * <i64>i32at(c, j);
      if (useErr) for (let j = 0; j < nj; j++) ge += <i64>i32at(d, j) * <i64>i32at(e, j);
    }
    const drive = <i64>sat32(rshr(acc, FRAC)); // per second, Q7.24, saturates at +-128/s
    const g: i64 = useErr ? <i64>sat32(rshr(ge, FRAC)) : 0;
    if (!lr) set32(g0, i, <i32>g);
    let v = mulRate(<i64>i32at(v0, i), leakV) + mulRate(drive, dt);
    if (feedback) v += mulRate(g, kdt);
    if (noise != 0) {
      rng = xorshift32(rng);
      v += (<i64><i32>rng * noise) >> 31; // uniform in [-a, a)
    }
    if (vshift > 0) v = (v + (<i64>1 << (vshift - 1))) >> vshift << vshift;
    set32(v0, i, <i32>clamp64(v, vmax));
  }
  store<u32>(pStatus + (S_RNG << 2), rng);
  return alive;
}

/**
 * Phase 2, low-rank, planar systems (J = 2, every build): u and e in i32
 * locals widened at each product, so a 32-bit core multiplies 32 x 32 -> 64
 * (one SMLAL each) where an i64 local would cost a full 64 x 64 product; no
 * inner loop. The same products, sums and roundings as the general loop, in
 * the same order: same bits. D_i.e only with feedback (a low-rank image keeps
 * no per-neuron g: learnW uses e itself). Without V rounding (vshift = 0, the
 * 32-bit state formats) and for vmax >= 0 (the caller checks).
 */
// @ts-ignore: decorator
@inline function integratePlanar(dt: u32, leakV: u32, kdt: u32, noise: i32, vmax: i32, feedback: bool): i32 {
  const n = N, d = pD, v0 = pV, live = pAlive;
  const u0 = i32at(pU, 0), u1 = i32at(pU, 1), e0 = i32at(pE, 0), e1 = i32at(pE, 1);
  const vfits = <u32>vmax + <u32>vmax + 1; // fitsOf(vmax) for 0 <= vmax < 2^31: 32 bits
  let rng = load<u32>(pStatus + (S_RNG << 2));
  let alive = 0;
  for (let i = 0; i < n; i++) {
    if (i32at(live, i) == 0) continue;
    alive++;
    const d0 = i32at(d, 2 * i), d1 = i32at(d, 2 * i + 1);
    const drive = <i64>rshrSat32(<i64>d0 * <i64>u0 + <i64>d1 * <i64>u1, FRAC);
    let v = mulRate(<i64>i32at(v0, i), leakV) + mulRate(drive, dt);
    if (feedback) v += mulRate(<i64>rshrSat32(<i64>d0 * <i64>e0 + <i64>d1 * <i64>e1, FRAC), kdt);
    if (noise != 0) {
      rng = xorshift32(rng);
      v += (<i64><i32>rng * <i64>noise) >> 31; // uniform in [-a, a)
    }
    set32(v0, i, <i32>clampFits(v, <i64><u32>vmax, <u64>vfits));
  }
  store<u32>(pStatus + (S_RNG << 2), rng);
  return alive;
}

function integrate(s: i32, flags: i32, fused: bool): i32 {
  return lowrank ? integrateAs(s, flags, true, fused) : integrateAs(s, flags, false, false);
}
/** The RNG state driveLearn ended with (stored once phase 2's own draws are done). */
let fusedRng: u32 = 0;

/**
 * Apply neuron i's spike to every alive neuron: V -= Of[i, :]; with
 * `self` false the neuron itself is skipped (parallel rule: it has reset).
 */
function fire(i: i32, vmax: i64, self: bool): void {
  const n = N, vp = pV, live = pAlive;
  const row = pOf + (<usize>(i * n) << 2);
  for (let j = 0; j < n; j++) {
    if (i32at(live, j) == 0 || (!self && j == i)) continue;
    const v = <i64>i32at(vp, j) - <i64>i32at(row, j);
    set32(vp, j, <i32>clamp64(v, vmax));
  }
}

/**
 * Parallel rule, before phase 3: the spikes of the previous step (countdown
 * == refractory + 1) reach every other alive neuron now, one step late, as
 * a chip delivers them after its time-step barrier; then every countdown
 * moves one step down. pSpk holds the pending spikers meanwhile.
 */
function deliver(vmax: i64): void {
  const r1 = <i32>hdr(H_REFRACT) + 1;
  const n = N, ref = pRef, spk = pSpk;
  let np = 0;
  for (let i = 0; i < n; i++) if (i32at(ref, i) == r1) set32(spk, np++, i);
  if (np > 0) {
    if (lowrank) deliverReadout(np, r1, vmax);
    else for (let q = 0; q < np; q++) fire(i32at(spk, q), vmax, false);
  }
  for (let i = 0; i < n; i++) {
    const c = i32at(ref, i);
    if (c > 0) set32(ref, i, c - 1);
  }
}

/**
 * Parallel rule, phase 3: every alive neuron out of its refractory steps with
 * m = V - T > 0 is a candidate; with a soft threshold w (H_SOFT) a candidate
 * with m < w fires with probability m / w (one xorshift draw: fire iff
 * U * w < m * 2^32); with arbitration groups (H_GROUP) only each group's
 * largest candidate fires. A spiker resets itself at once and starts its
 * countdown; its effect on the others waits for deliver().
 */
function spikeParallel(vmax: i64): i32 {
  const soft = <u64><u32>hdr(H_SOFT);
  const group = <i32>hdr(H_GROUP);
  const r1 = <i32>hdr(H_REFRACT) + 1;
  const n = N, vp = pV, tp = pT, live = pAlive, spk = pSpk, ref = pRef;
  let rng = load<u32>(pStatus + (S_RNG << 2));
  let ns = 0;
  let best = -1;
  let margin: i64 = 0;
  let end = group;
  for (let i = 0; i < n; i++) {
    if (group > 0 && i == end) {
      if (best >= 0) set32(spk, ns++, best);
      best = -1; margin = 0; end += group;
    }
    if (i32at(live, i) == 0 || i32at(ref, i) != 0) continue;
    const m = <i64>i32at(vp, i) - <i64>i32at(tp, i);
    if (m <= 0) continue;
    if (<u64>m < soft) {
      rng = xorshift32(rng);
      if (<u64>rng * soft >= <u64>m << 32) continue;
    }
    if (group == 0) set32(spk, ns++, i);
    else if (m > margin) { margin = m; best = i; }
  }
  if (best >= 0) set32(spk, ns++, best);
  store<u32>(pStatus + (S_RNG << 2), rng);
  const mu = <i64><i32>hdr(H_MU);
  for (let q = 0; q < ns; q++) {
    const i = i32at(spk, q);
    set32(ref, i, r1);
    const self: i64 = lowrank ? rshr(selfDot(i), FRAC) + mu : <i64>i32at(pOf, i * n + i);
    set32(vp, i, <i32>clamp64(<i64>i32at(vp, i) - self, vmax));
  }
  return ns;
}

/** Phase 3: choose spikers into pSpk, apply their fast effects; returns how many fired. */
function spike(): i32 {
  const vmax = <i64><i32>hdr(H_VMAX);
  const n = N, vp = pV, tp = pT, live = pAlive, spk = pSpk;
  const flags = hdr(H_FLAGS);
  if ((flags & IMG_PARALLEL) != 0) {
    deliver(vmax);
    return spikeParallel(vmax);
  }
  let ns = 0;
  if ((flags & IMG_POLICY_ALL) != 0) {
    for (let i = 0; i < n; i++) {
      if (i32at(live, i) != 0 && i32at(vp, i) > i32at(tp, i)) set32(spk, ns++, i);
    }
  } else {
    let best = -1;
    let margin: i64 = 0;
    for (let i = 0; i < n; i++) {
      // margin >= 0, so only V > T can beat it: a 32-bit test first
      if (i32at(live, i) == 0 || i32at(vp, i) <= i32at(tp, i)) continue;
      const m = <i64>i32at(vp, i) - <i64>i32at(tp, i);
      if (m > margin) { margin = m; best = i; }
    }
    if (best >= 0) set32(spk, ns++, best);
  }
  if (lowrank) { if (ns > 0) fireReadout(ns, vmax); }
  else for (let q = 0; q < ns; q++) fire(i32at(spk, q), vmax, true);
  return ns;
}

/** Phase 4: r = (1 - lam dt) r + o; r saturates at the i32 range (~128), not at vmax. */
function filter(nSpikes: i32): void {
  const leakR = hdr(H_LEAKR);
  const n = N, r = pR, spk = pSpk;
  for (let i = 0; i < n; i++) set32(r, i, <i32>mulRate(<i64>i32at(r, i), leakR));
  for (let q = 0; q < nSpikes; q++) {
    const i = i32at(spk, q);
    set32(r, i, sat32(<i64>i32at(r, i) + ONE));
  }
}

/**
 * Phase 5: the local rule dOs_ib = eta*dt * g_i * Phi_b. a_i = g_i*eta*dt is
 * kept at LEARN_FRAC fraction bits (clamped so a_i*Phi_b fits in i64), and
 * each product is rounded stochastically, floor(x + U) with U from the
 * kernel's xorshift, so updates far below one LSB still move Os on average.
 */
function learn(): i32 {
  const lr = hdr(H_LR);
  const wmax = <i64><i32>hdr(H_WMAX);
  const n = N, nb = B, live = pAlive, gp = pG, os = pOs, phi = pPhi;
  let rng = load<u32>(pStatus + (S_RNG << 2));
  let updates = 0;
  for (let i = 0; i < n; i++) {
    if (i32at(live, i) == 0) continue;
    // g (Q.24) * lr (Q.32) = Q.56 -> Q.40; the clamp makes a fit i32, and saying
    // so lets 32-bit cores multiply 32 x 32 -> 64 (same bits, fewer instructions)
    const a = <i32>clamp64(rshr(<i64>i32at(gp, i) * <i64>lr, 24 + 32 - LEARN_FRAC), 0x7FFFFFFF);
    if (a == 0) continue;
    const w = os + (<usize>(i * nb) << 2);
    for (let b = 0; b < nb; b++) {
      rng = xorshift32(rng);
      const p = w + (<usize>b << 2);
      const delta = (<i64>a * <i64>i32at(phi, b) + (<i64>rng << 8)) >> LEARN_FRAC;
      store<i32>(p, <i32>clamp64(<i64>load<i32>(p) + delta, wmax));
    }
    updates += nb;
  }
  store<u32>(pStatus + (S_RNG << 2), rng);
  return updates;
}

/** Run up to `steps` steps; stops early if the spike buffer could overflow. */
export function runSteps(steps: i32, flags: i32): i32 {
  const learning = LEARNING && (flags & RUN_LEARN) != 0;
  // low-rank learning under a rule whose spike phase draws nothing (winner,
  // all): phase 5 runs inside phase 2 (lowrank.ts driveLearn), same bits
  const fused = learning && lowrank && (hdr(H_FLAGS) & IMG_PARALLEL) == 0;
  const wantError = (flags & (RUN_FEEDBACK | RUN_LEARN)) != 0;
  let t = load<u32>(pStatus + (S_T << 2));
  let hash = load<u32>(pStatus + (S_HASH << 2));
  let written = 0;
  let s = 0;
  for (; s < steps; s++) {
    if (written + N > spikeCap) break;
    readout(s, wantError);
    if ((flags & RUN_RECORD) != 0) for (let j = 0; j < J; j++) set32(pXhatOut, s * J + j, i32at(pXhat, j));
    const alive = integrate(s, flags, fused);
    if (fused) store<u32>(pStatus + (S_RNG << 2), fusedRng);
    const n = spike();
    filter(n);
    let updates = 0;
    if (learning) {
      // low-rank: count the dense rule's updates, so counters do not depend on the mode
      if (lowrank) updates = (fused ? lrMoved : learnW()) ? alive * B : 0;
      else updates = learn();
    }
    for (let q = 0; q < n; q++) {
      const i = i32at(pSpk, q);
      const o = pSpikesOut + (<usize>written << 3);
      store<u32>(o, <u32>s);
      store<u32>(o, <u32>i, 4);
      written++;
      hash = fnvWord(fnvWord(hash, <u32>i), t);
    }
    t++;
    bump(C_STEPS, 1);
    bump(C_NEURON_UPDATES, alive);
    bump(C_SPIKES, n);
    bump(C_FAST_EVENTS, <i64>n * alive);
    bump(C_SLOW_EVENTS, <i64>alive * B);
    bump(C_DENDRITE_EVALS, K);
    bump(C_WEIGHT_UPDATES, updates);
  }
  store<u32>(pStatus + (S_T << 2), t);
  store<u32>(pStatus + (S_HASH << 2), hash);
  store<u32>(pStatus + (S_SPIKES << 2), <u32>written);
  return s;
}
