// Stuart-Landau (Hopf normal form) oscillator: period 0.1 s, amplitude 0.01.
// Fast and tiny: checks the time scale and the state normalisation.
const w = (2 * Math.PI) / 0.1;
const a = 0.01;
const lam = 20;
export default {
  name: 'hopf-fast',
  description: 'Stuart-Landau oscillator, period 0.1 s, radius 0.01',
  kind: 'limit-cycle',
  dims: 2,
  f: ([x, y]) => {
    const g = lam * (1 - (x * x + y * y) / (a * a));
    return [g * x - w * y, w * x + g * y];
  },
  domain: [[-0.016, 0.016], [-0.016, 0.016]],
  starts: [[-0.013, 0.013], [-0.013, 0.013]],
};
