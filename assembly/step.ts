// One Euler step of the efficient balanced network, in the phase order of
// DESIGN.md section 2 (the reference in src/reference/step.ts follows it line
// for line):
//   1. xhat = D r,  e = x - xhat,  Phi = phi(M xhat + theta) [, xhat]
//   2. V += dt*(D^T c + Os Phi) + k*dt*(D^T e) - lamV*dt*V + noise
//   3. spikes: winner (largest V-T>0) or all (V>T); V -= Of[:, i] per spike
//   4. r = (1 - lam*dt) r + o
//   5. learning: Os += eta*dt * (D^T e) Phi^T   (stochastic rounding)
//   6. emit spikes, hash, counters
import {
  FRAC, ONE, LEARN_FRAC, H_FLAGS, H_DT, H_LEAKV, H_LEAKR, H_KDT, H_LR, H_NOISE,
  H_VMAX, H_VSHIFT, H_WMAX, IMG_POLICY_ALL, RUN_LEARN, RUN_FEEDBACK, RUN_INPUT,
  RUN_RECORD, S_RNG, S_T, S_HASH, S_SPIKES, C_STEPS, C_NEURON_UPDATES, C_SPIKES,
  C_FAST_EVENTS, C_SLOW_EVENTS, C_DENDRITE_EVALS, C_WEIGHT_UPDATES,
} from "./formats";
import { sat32, rshr, mulRate, clamp64, lutInterp, xorshift32, fnvWord } from "./fixed";
import {
  img, N, J, K, B, spikeCap, pD, pT, pOf, pM, pTheta, pOs, pLut, pV, pR, pAlive,
  pXhat, pE, pPhi, pG, pSpk, pStatus, pCounters, pCin, pXin, pXhatOut, pSpikesOut,
} from "./layout";

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

/** Phase 1: readout, error, dendrites. xhat and e are Q7.24. */
function readout(s: i32, wantError: bool): void {
  for (let j = 0; j < J; j++) {
    let acc: i64 = 0;
    for (let i = 0; i < N; i++) acc += <i64>i32at(pD, i * J + j) * <i64>i32at(pR, i);
    const xh = sat32(rshr(acc, FRAC));
    set32(pXhat, j, xh);
    if (wantError) set32(pE, j, sat32(<i64>i32at(pXin, s * J + j) - <i64>xh));
  }
  for (let k = 0; k < K; k++) {
    let acc: i64 = 0;
    for (let j = 0; j < J; j++) acc += <i64>i32at(pM, k * J + j) * <i64>i32at(pXhat, j);
    const u = sat32(rshr(acc, FRAC) + <i64>i32at(pTheta, k));
    set32(pPhi, k, lutInterp(pLut, u));
  }
  for (let b = K; b < B; b++) set32(pPhi, b, i32at(pXhat, b - K)); // linear terms
}

/** Phase 2 for every alive neuron; also leaves g_i = D_i.e in pG (Q7.24). */
function integrate(s: i32, flags: i32): i32 {
  const dt = hdr(H_DT), leakV = hdr(H_LEAKV), kdt = hdr(H_KDT);
  const noise = <i64><i32>hdr(H_NOISE);
  const vmax = <i64><i32>hdr(H_VMAX);
  const vshift = <i32>hdr(H_VSHIFT);
  const useInput = (flags & RUN_INPUT) != 0;
  const useErr = (flags & (RUN_FEEDBACK | RUN_LEARN)) != 0;
  const feedback = (flags & RUN_FEEDBACK) != 0;
  let rng = load<u32>(pStatus + (S_RNG << 2));
  let alive = 0;
  for (let i = 0; i < N; i++) {
    if (i32at(pAlive, i) == 0) continue;
    alive++;
    const d = pD + (<usize>(i * J) << 2);
    // slow input and external input, accumulated at Q.48 and rounded once
    let acc: i64 = 0;
    const w = pOs + (<usize>(i * B) << 2);
    for (let b = 0; b < B; b++) acc += <i64>load<i32>(w + (<usize>b << 2)) * <i64>i32at(pPhi, b);
    if (useInput) for (let j = 0; j < J; j++) acc += <i64>load<i32>(d + (<usize>j << 2)) * <i64>i32at(pCin, s * J + j);
    const drive = <i64>sat32(rshr(acc, FRAC)); // per second, Q7.24, saturates at +-128/s
    let g: i64 = 0;
    if (useErr) {
      let ge: i64 = 0;
      for (let j = 0; j < J; j++) ge += <i64>load<i32>(d + (<usize>j << 2)) * <i64>i32at(pE, j);
      g = <i64>sat32(rshr(ge, FRAC));
    }
    set32(pG, i, <i32>g);
    let v = mulRate(<i64>i32at(pV, i), leakV) + mulRate(drive, dt);
    if (feedback) v += mulRate(g, kdt);
    if (noise != 0) {
      rng = xorshift32(rng);
      v += (<i64><i32>rng * noise) >> 31; // uniform in [-a, a)
    }
    if (vshift > 0) v = (v + (<i64>1 << (vshift - 1))) >> vshift << vshift;
    set32(pV, i, <i32>clamp64(v, vmax));
  }
  store<u32>(pStatus + (S_RNG << 2), rng);
  return alive;
}

/** Apply neuron i's spike to every alive neuron: V -= Of[i, :] (reset included). */
function fire(i: i32, vmax: i64): void {
  const row = pOf + (<usize>(i * N) << 2);
  for (let j = 0; j < N; j++) {
    if (i32at(pAlive, j) == 0) continue;
    const v = <i64>i32at(pV, j) - <i64>load<i32>(row + (<usize>j << 2));
    set32(pV, j, <i32>clamp64(v, vmax));
  }
}

/** Phase 3: choose spikers into pSpk; returns how many fired. */
function spike(): i32 {
  const vmax = <i64><i32>hdr(H_VMAX);
  let n = 0;
  if ((hdr(H_FLAGS) & IMG_POLICY_ALL) != 0) {
    for (let i = 0; i < N; i++) {
      if (i32at(pAlive, i) != 0 && i32at(pV, i) > i32at(pT, i)) set32(pSpk, n++, i);
    }
    for (let q = 0; q < n; q++) fire(i32at(pSpk, q), vmax);
  } else {
    let best = -1;
    let margin: i64 = 0;
    for (let i = 0; i < N; i++) {
      if (i32at(pAlive, i) == 0) continue;
      const m = <i64>i32at(pV, i) - <i64>i32at(pT, i);
      if (m > margin) { margin = m; best = i; }
    }
    if (best >= 0) { set32(pSpk, n++, best); fire(best, vmax); }
  }
  return n;
}

/** Phase 4: r = (1 - lam dt) r + o; r saturates at the i32 range (~128), not at vmax. */
function filter(nSpikes: i32): void {
  const leakR = hdr(H_LEAKR);
  for (let i = 0; i < N; i++) set32(pR, i, <i32>mulRate(<i64>i32at(pR, i), leakR));
  for (let q = 0; q < nSpikes; q++) {
    const i = i32at(pSpk, q);
    set32(pR, i, sat32(<i64>i32at(pR, i) + ONE));
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
  let rng = load<u32>(pStatus + (S_RNG << 2));
  let updates = 0;
  for (let i = 0; i < N; i++) {
    if (i32at(pAlive, i) == 0) continue;
    // g (Q.24) * lr (Q.32) = Q.56 -> Q.40
    const a = clamp64(rshr(<i64>i32at(pG, i) * <i64>lr, 24 + 32 - LEARN_FRAC), 0x7FFFFFFF);
    if (a == 0) continue;
    const w = pOs + (<usize>(i * B) << 2);
    for (let b = 0; b < B; b++) {
      rng = xorshift32(rng);
      const p = w + (<usize>b << 2);
      const delta = (a * <i64>i32at(pPhi, b) + (<i64>rng << 8)) >> LEARN_FRAC;
      store<i32>(p, <i32>clamp64(<i64>load<i32>(p) + delta, wmax));
    }
    updates += B;
  }
  store<u32>(pStatus + (S_RNG << 2), rng);
  return updates;
}

/** Run up to `steps` steps; stops early if the spike buffer could overflow. */
export function runSteps(steps: i32, flags: i32): i32 {
  const learning = (flags & RUN_LEARN) != 0;
  const wantError = (flags & (RUN_FEEDBACK | RUN_LEARN)) != 0;
  let t = load<u32>(pStatus + (S_T << 2));
  let hash = load<u32>(pStatus + (S_HASH << 2));
  let written = 0;
  let s = 0;
  for (; s < steps; s++) {
    if (written + N > spikeCap) break;
    readout(s, wantError);
    if ((flags & RUN_RECORD) != 0) for (let j = 0; j < J; j++) set32(pXhatOut, s * J + j, i32at(pXhat, j));
    const alive = integrate(s, flags);
    const n = spike();
    filter(n);
    const updates = learning ? learn() : 0;
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
