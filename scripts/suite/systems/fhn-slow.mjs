// FitzHugh-Nagumo relaxation oscillator slowed to a period of about 5 s
// (a = 0.7, b = 0.8, eps = 0.08, I = 0.5; natural period ~36.5).
const tau = 5 / 36.5; // natural period ~36.5 -> 5 s
export default {
  name: 'fhn-slow',
  description: 'FitzHugh-Nagumo relaxation oscillator, period ~5 s',
  kind: 'limit-cycle',
  dims: 2,
  f: ([v, w]) => [(v - (v * v * v) / 3 - w + 0.5) / tau, (0.08 * (v + 0.7 - 0.8 * w)) / tau],
  domain: [[-2.6, 2.6], [-1, 2.2]],
  starts: [[-2.2, 2.2], [-0.6, 1.8]],
};
