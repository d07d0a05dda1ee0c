// Time normalisation (DESIGN.md, "automatic configuration"): a system slower
// than T_CANON is run as if sped up to it. Its network is configured for the
// field x stretch at time scale T_CANON, and every time constant is then
// stretched back (dt x s, leaks / s, feedback / s, learning rate / s^2, noise
// / sqrt(s)), which leaves the discrete network unchanged: dt*Os, lam*dt, k*dt,
// eta*dt^2 and noise*sqrt(dt) are the same numbers a T_CANON system gets. So
// only the shape of a slow field matters, not its pace. Faster systems are not
// compressed: that would raise every neuron's rate; they buy neurons instead.

/** Canonical time scale, s: Van der Pol's period, where the recipe's constants were measured. */
export const T_CANON = 1;

/** How many times slower than T_CANON a system of this time scale is (>= 1). */
export function timeStretch(timeScale: number): number {
  return Number.isFinite(timeScale) && timeScale > T_CANON ? timeScale / T_CANON : 1;
}

/**
 * A free run's lead-in (feedback on, to bring the readout onto the start
 * state): 0.2 s at gain 100/s for a T_CANON system, stretched with the system.
 * A fixed 0.2 s at 100/s on a 5-s system drove voltages that leak at 1.7/s far
 * past the start (FitzHugh-Nagumo: the readout left the domain, at 2.4x its
 * half-width, before the free run began).
 */
export function leadIn(timeScale: number): { seconds: number; k: number } {
  const s = timeStretch(timeScale);
  return { seconds: 0.2 * s, k: 100 / s };
}
