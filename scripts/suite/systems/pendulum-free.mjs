// Undamped pendulum (conservative): theta'' = -w0^2 sin(theta), w0 = 2 pi
// (small-swing period 1 s), energy H = omega^2 / 2 - w0^2 cos(theta).
const w0 = 2 * Math.PI;
export default {
  name: 'pendulum-free',
  description: 'undamped pendulum, small-swing period 1 s (energy conserved)',
  kind: 'conservative',
  dims: 2,
  f: ([th, om]) => [om, -w0 * w0 * Math.sin(th)],
  invariant: ([th, om]) => (om * om) / 2 - w0 * w0 * Math.cos(th),
  domain: [[-2.4, 2.4], [-12, 12]],
  starts: [[-1.5, 1.5], [-3, 3]],
};
