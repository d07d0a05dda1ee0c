// Headless Chromium (Debian's, driven by playwright-core): the golden
// scenarios run in a page that imports the package's browser bundle
// dist/index.js over http://127.0.0.1, as a user would.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, normalize } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { compareGolden } from './lib/compare.js';
import { loadGolden } from './lib/golden.js';
import { GOLDEN_NAMES } from './lib/scenarios.js';
import type { MarkResult, TapeResult } from './lib/tape.js';
import { fromRoot, ROOT } from './lib/paths.js';
import { describeTarget } from './lib/suite.js';
import { CHROMIUM, tempDir } from './lib/tools.js';

/** Every import that lands in src/ becomes the package's browser bundle. */
const toPackage: Plugin = {
  name: 'ebnkit-package',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (a) => {
      const p = normalize(join(a.resolveDir, a.path));
      return p.startsWith(join(ROOT, 'src') + '/') ? { path: '/dist/index.js', external: true } : undefined;
    });
  },
};

/**
 * The import map a page needs to load dist/index.js without a bundler: each
 * runtime dependency of the package (package.json "dependencies") mapped to
 * its ESM entry, served from node_modules.
 */
function importMap(): { imports: Record<string, string>; roots: Record<string, string> } {
  const pkg = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const imports: Record<string, string> = {}, roots: Record<string, string> = {};
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    const dir = fromRoot('node_modules', dep);
    const m = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      exports?: Record<string, unknown>; module?: string; main?: string;
    };
    const dot = m.exports?.['.'] as { import?: string | { default?: string } } | string | undefined;
    const imp = typeof dot === 'string' ? dot : typeof dot?.import === 'string' ? dot.import : dot?.import?.default;
    const entry = imp ?? m.module ?? m.main ?? 'index.js';
    imports[dep] = `/node_modules/${dep}/${entry.replace(/^\.\//, '')}`;
    imports[`${dep}/`] = `/node_modules/${dep}/`;
    roots[dep] = dir;
  }
  return { imports, roots };
}

interface PageResult {
  kernelSha256: string;
  kernelVariant: string;
  userAgent: string;
  results: Record<string, { marks: MarkResult[]; raster: number[]; state?: { V: number[]; r: number[]; Os: number[] }; ms: number }>;
}

describeTarget('headless Chromium (package browser bundle)', [CHROMIUM], () => {
  const golden = loadGolden();
  let server: Server;
  let page: PageResult;
  let profile: string;

  beforeAll(async () => {
    if (!existsSync(fromRoot('dist/index.js'))) throw new Error('dist/index.js is missing: run `npm run build` first');
    const bundle = await build({
      entryPoints: [fromRoot('test/targets/browser/entry.ts')],
      bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, plugins: [toPackage], logLevel: 'silent',
    });
    const js = bundle.outputFiles[0]!.text;
    if (!js.includes('/dist/index.js')) throw new Error('the browser entry does not import the package bundle');
    const map = importMap();
    const html = '<!doctype html><meta charset="utf-8"><title>ebnkit goldens</title>' +
      `<script type="importmap">${JSON.stringify({ imports: map.imports })}</script>` +
      '<script type="module" src="/goldens.js"></script>';
    server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (type: string, body: string | Buffer) => { res.writeHead(200, { 'content-type': type }); res.end(body); };
      if (url.pathname === '/') return send('text/html', html);
      if (url.pathname === '/goldens.js') return send('text/javascript', js);
      const m = /^\/dist\/([\w.-]+\.js)$/.exec(url.pathname);
      if (m && existsSync(fromRoot('dist', m[1]!))) return send('text/javascript', readFileSync(fromRoot('dist', m[1]!)));
      const dep = /^\/node_modules\/((?:@[\w.-]+\/)?[\w.-]+)\/(.+\.m?js)$/.exec(url.pathname);
      const root = dep && map.roots[dep[1]!];
      const file = root && normalize(join(root, dep[2]!));
      if (file && file.startsWith(root + '/') && existsSync(file)) return send('text/javascript', readFileSync(file));
      res.writeHead(404);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const { chromium } = await import('playwright-core');
    profile = tempDir('chromium-profile');
    const t0 = performance.now();
    const ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: 60_000,
    });
    try {
      const p = await ctx.newPage();
      const errors: string[] = [];
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(`http://127.0.0.1:${port}/`);
      await p.waitForFunction(() => 'ebnkitGoldens' in globalThis, null, { timeout: 30_000 }).catch(() => {
        throw new Error(`the page did not load the package: ${errors.join('; ') || 'no error reported'}`);
      });
      page = await p.evaluate(() => (globalThis as unknown as { ebnkitGoldens: () => Promise<PageResult> }).ebnkitGoldens());
    } finally {
      await ctx.close();
    }
    const ms = Object.values(page.results).reduce((s, r) => s + r.ms, 0);
    console.log(`chromium (${page.userAgent.match(/Chrome\/[\d.]+/)?.[0]}): ${Object.keys(page.results).length} goldens in ${ms.toFixed(0)} ms in the page, ${((performance.now() - t0) / 1000).toFixed(1)} s with browser start`);
  }, 180_000);

  afterAll(() => {
    server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('the page ran the package build the goldens were recorded with', () => {
    expect(Object.keys(page.results)).toEqual(GOLDEN_NAMES);
    if (page.kernelSha256 !== golden.kernelSha256) console.log(`note: the bundle's kernel is ${page.kernelSha256.slice(0, 12)}, goldens were recorded with ${golden.kernelSha256.slice(0, 12)}`);
  });
  it('the host picked the SIMD build (Chromium has SIMD128), so the goldens below check it', () => {
    expect(page.kernelVariant).toBe('simd');
  });
  for (const name of GOLDEN_NAMES) {
    it(`${name}: bit exact`, () => {
      const r = page.results[name];
      const got: TapeResult | undefined = r && {
        name,
        marks: r.marks,
        raster: Uint32Array.from(r.raster),
        state: r.state && { V: Int32Array.from(r.state.V), r: Int32Array.from(r.state.r), Os: Int32Array.from(r.state.Os) },
        errors: [],
      };
      expect(compareGolden('chromium', name, golden.scenarios[name]!, golden.detail[name]!, got)).toEqual([]);
    });
  }
});
