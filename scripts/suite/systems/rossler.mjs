// Rossler attractor (a = b = 0.2, c = 5.7), natural time / 0.2.
const tau = 0.2;
export default {
  name: 'rossler',
  description: 'Rossler attractor a=b=0.2, c=5.7, time scale 0.2 s',
  kind: 'chaotic',
  dims: 3,
  f: ([x, y, z]) => [(-y - z) / tau, (x + 0.2 * y) / tau, (0.2 + z * (x - 5.7)) / tau],
  domain: [[-12, 14], [-14, 10], [-3, 25]],
  starts: [[-8, 8], [-8, 6], [0, 2]],
};
