import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', node: 'src/node/index.ts', 'sweep-worker': 'src/sweep/thread.ts' },
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  dts: { entry: { index: 'src/index.ts', node: 'src/node/index.ts' } },
  clean: true,
  sourcemap: false,
  splitting: true,
  external: [/^node:/],
  // bundle the one runtime dependency so dist/index.js loads in a browser without an import map
  noExternal: ['pure-rand'],
});
