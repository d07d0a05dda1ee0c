// A chip profile of one's own in the playground (issue 15, item 6): the same
// JSON file `ebnkit energy --profile my-chip.json` reads, checked by the
// command line's parser. A good file is priced as the command line prices
// with it (the page's priced window, priced again in Node on the profile the
// CLI's loader returns, gives the same ledger, and the CLI accepts the file
// for the page's downloaded model); a bad file shows the CLI's own message
// next to the file field and leaves the profile in use as it was.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeModel } from '../../src/index.js';
import { getProfile } from '../../src/emulator/index.js';
import { loadProfile } from '../../src/emulator/load-node.js';
import { price, type EnergyView } from '../../web/src/engine/energy.js';
import { fromRoot } from '../targets/lib/paths.js';
import { describeTarget } from '../targets/lib/suite.js';
import { CHROMIUM, run } from '../targets/lib/tools.js';
import { pageHelpers } from './lib/page.js';
import { closePage, openPage, type PageSession } from './lib/session.js';

/** Loihi's profile with its own name and twice the energy per neuron update. */
function myChip(): Record<string, unknown> {
  const p = JSON.parse(readFileSync(fromRoot('profiles/loihi.json'), 'utf8')) as Record<string, unknown> & { energy: Record<string, { value: number; max?: number; min?: number }> };
  p.name = 'my-chip';
  p.title = 'My chip (Loihi, neuron updates at twice the energy)';
  for (const f of ['neuronActive', 'neuronInactive']) {
    const q = p.energy[f]!;
    q.value *= 2;
    if (q.max !== undefined) q.max *= 2;
    if (q.min !== undefined) q.min *= 2;
  }
  return p;
}

describeTarget('a custom chip profile in the playground, in headless Chromium', [CHROMIUM], () => {
  let page: Page;
  let h: ReturnType<typeof pageHelpers>;
  let work: string;
  let session: PageSession | undefined;
  let model = '';

  /** What the CLI says about a profile file (run in the file's folder, so it names the file as the page does). */
  const cliEnergy = (profileFile: string) =>
    run('node', [fromRoot('dist/cli.js'), 'energy', model, '--profile', profileFile, '--seconds', '2', '--out', join(work, 'out'), '--json'], { cwd: work, timeoutMs: 120_000 });

  beforeAll(async () => {
    if (!existsSync(fromRoot('dist/cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
    session = await openPage('playground-profile');
    ({ work, page, h } = session);
    // a profile chosen before any network exists (it used to be dropped when the network was built)
    await page.selectOption('#profile', 'truenorth');
    // a small trained network, running free
    await page.selectOption('#system', 'vanderpol');
    await h.fill({ N: '30', K: '20', seconds: '4' });
    await page.click('#train');
    await h.until('training to finish', "s.phase === 'idle' && s.info && s.info.trained");
    await h.until('a model on offer', 's.lastModel && s.lastModel.weightsHash === s.info.weightsHash');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    model = join(work, dl.suggestedFilename());
    await dl.saveAs(model);
    await page.click('#free');
    await h.until('free run', "s.phase === 'free'");
  }, 240_000);

  afterAll(() => closePage(session));

  it('a profile chosen before the network was built prices its spikes', async () => {
    await h.until('a window priced in the free run', "s.energy && s.phase === 'free' && s.energyCount > 0");
    expect((await h.state()).energy!.profile).toBe('truenorth');
  });

  it('a good profile file is priced as the command line prices with it', async () => {
    const file = join(work, 'my-chip.json');
    writeFileSync(file, JSON.stringify(myChip(), null, 2));
    await page.setInputFiles('#profile-file', file);
    await h.until('a window priced on my-chip', "s.energy && s.energy.profile === 'my-chip'");
    expect(await page.inputValue('#profile')).toBe('file:my-chip');
    expect(await page.textContent('#profile option:checked')).toMatch(/^my-chip: My chip .*\(my-chip\.json\)$/);
    expect(await page.textContent('#profile-file-error')).toBe('');
    expect((await h.state()).profile).toEqual({ name: 'my-chip', file: 'my-chip.json' });
    const e = (await h.state()).energy!;
    expect(e.error).toBeUndefined();
    expect(e.power).toBeGreaterThan(0);
    expect(e.title).toBe(myChip().title);
    expect(await page.textContent('#energy')).toContain(e.title);

    // the same window priced in Node on the profile the CLI's loader returns for this file: the same ledger
    const spec = decodeModel(new Uint8Array(readFileSync(model))).spec;
    const w = e.window;
    const again = price(loadProfile(file), spec, { steps: w.steps, spikeSteps: Uint32Array.from(w.spikeSteps), spikeNeurons: Uint32Array.from(w.spikeNeurons) }, w.from, w.alive, w.weightUpdates);
    expect(JSON.parse(JSON.stringify(again)) as EnergyView).toEqual(e);
    // ... and on Loihi's own profile the neuron updates cost half as much
    const loihi = price('loihi', spec, { steps: w.steps, spikeSteps: Uint32Array.from(w.spikeSteps), spikeNeurons: Uint32Array.from(w.spikeNeurons) }, w.from, w.alive, w.weightUpdates);
    const neuron = (v: EnergyView) => v.categories.find((c) => c.name === 'neuron')!.power;
    expect(neuron(e) / neuron(loihi)).toBeCloseTo(2, 9);

    // the command line takes the same file for the page's model
    const r = await cliEnergy('my-chip.json');
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { results: { profile: string; title: string }[] };
    expect(summary.results.map((x) => [x.profile, x.title])).toEqual([['my-chip', e.title]]);
  }, 180_000);

  it.each([
    ['an unsupported version', 'old-chip.json', (p: Record<string, unknown>) => (p.version = 1)],
    ['a negative energy', 'odd-chip.json', (p: Record<string, unknown>) => ((p.energy as Record<string, { value: number }>).synapticOp!.value = -1)],
  ])('a bad profile file (%s): the CLI\'s message next to the field, the profile in use stays', async (_what, name, spoil) => {
    const bad = myChip();
    bad.name = name.replace('.json', '');
    spoil(bad);
    const file = join(work, name);
    writeFileSync(file, JSON.stringify(bad, null, 2));
    const cli = await cliEnergy(name);
    expect(cli.code).toBe(2);
    const message = cli.stderr.trim().replace(/^ebnkit: /, '');
    expect(message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: `));

    const before = await h.state();
    const options = await page.locator('#profile option').count();
    await page.setInputFiles('#profile-file', file);
    await h.until('the profile error', `s.errors.some((e) => e.during === 'profile' && e.message.startsWith(${JSON.stringify(name)}))`);
    expect(await page.textContent('#profile-file-error')).toBe(message);
    expect(await page.getAttribute('#profile-file', 'aria-invalid')).toBe('true');
    // nothing else changed: the same profile chosen, and the next window is priced on it
    expect(await page.inputValue('#profile')).toBe('file:my-chip');
    expect((await h.state()).profile).toEqual(before.profile);
    await h.until('the next window', `s.energyCount > ${(await h.state()).energyCount}`);
    expect((await h.state()).energy!.profile).toBe('my-chip');
    expect(await page.locator('#profile option').count()).toBe(options);
  }, 180_000);

  it('after a bad file, a built-in profile and a good file still work, and the error clears', async () => {
    await page.selectOption('#profile', 'truenorth');
    await h.until('a truenorth window', "s.energy && s.energy.profile === 'truenorth'");
    const file = join(work, 'my-chip.json');
    await page.setInputFiles('#profile-file', file);
    await h.until('my-chip again', "s.energy && s.energy.profile === 'my-chip'");
    expect(await page.textContent('#profile-file-error')).toBe('');
    expect(await page.getAttribute('#profile-file', 'aria-invalid')).toBeNull();
    // one option per profile file name, not one per choice
    expect(await page.locator('#profile option[value="file:my-chip"]').count()).toBe(1);
  }, 120_000);

  it('the link holds a built-in profile by name; a profile from a file is named in it, not held, and the page says so', async () => {
    const link = async () => {
      const url0 = (await h.state()).shareUrl;
      await page.click('#share');
      await h.until('a new link', `s.shareUrl !== ${JSON.stringify(url0)}`);
      const url = (await h.state()).shareUrl;
      return { url, p: new URLSearchParams(url.split('#')[1]) };
    };
    // my-chip (from a file) is in use: the link names the file, holds no profile, and the note says to send the file
    await page.fill('#N', '31'); // a setting that changes the link each time
    let l = await link();
    expect(l.p.get('profileFile')).toBe('my-chip.json');
    expect(l.p.has('profile')).toBe(false);
    expect(await page.textContent('#export-note')).toMatch(/my-chip\.json: the link names that file but does not hold it, so send the file with the link/);
    await page.selectOption('#profile', 'spinnaker');
    await page.fill('#N', '32');
    l = await link();
    expect(l.p.get('profile')).toBe('spinnaker');
    expect(l.p.has('profileFile')).toBe(false);
    expect(await page.textContent('#export-note')).toMatch(/^Link copied: it holds every setting on this page\.$|^Copy this link: /);

    const open = async (hash: string) => {
      const p2 = await session!.browser.ctx.newPage();
      await p2.goto(`${session!.served.url}#${hash}`);
      const h2 = pageHelpers(p2);
      await h2.until('the page', 's && s.ready', 30_000);
      return { p2, h2 };
    };
    // read back on load: the profile is chosen
    {
      const { p2, h2 } = await open(l.p.toString());
      expect(await p2.inputValue('#profile')).toBe('spinnaker');
      expect((await h2.state()).profile).toEqual({ name: 'spinnaker' });
      expect(await p2.textContent('#profile-error')).toBe('');
      expect(await p2.inputValue('#N')).toBe('32');
      await p2.close();
    }
    // an unknown name: refused next to the profile field in the library's (the CLI's) words; the other settings apply
    {
      l.p.set('profile', 'nosuch');
      const { p2, h2 } = await open(l.p.toString());
      let words = '';
      try {
        getProfile('nosuch');
      } catch (e) {
        words = (e as Error).message;
      }
      expect(words).toMatch(/unknown/);
      expect(await p2.textContent('#profile-error')).toBe(`The link's hardware profile: ${words}. Pricing on loihi.`);
      expect(await p2.getAttribute('#profile', 'aria-invalid')).toBe('true');
      expect(await p2.inputValue('#profile')).toBe('loihi');
      expect((await h2.state()).profile).toEqual({ name: 'loihi' });
      expect(await p2.inputValue('#N')).toBe('32');
      // choosing a profile clears it
      await p2.selectOption('#profile', 'truenorth');
      expect(await p2.textContent('#profile-error')).toBe('');
      expect(await p2.getAttribute('#profile', 'aria-invalid')).toBeNull();
      await p2.close();
    }
    // a link made with a profile from a file: the page says which file to load, next to the file field
    {
      l.p.delete('profile');
      l.p.set('profileFile', 'my-chip.json');
      const { p2, h2 } = await open(l.p.toString());
      expect(await p2.textContent('#profile-file-error')).toMatch(/from the file my-chip\.json, which a link does not hold: load that file here/);
      expect((await h2.state()).profile).toEqual({ name: 'loihi' });
      await p2.setInputFiles('#profile-file', join(work, 'my-chip.json'));
      await h2.until('my-chip chosen', "s.profile.name === 'my-chip'");
      expect(await p2.textContent('#profile-file-error')).toBe('');
      await p2.close();
    }
  }, 180_000);

  it('had no console errors, uncaught exceptions or failed requests', () => {
    expect(session!.browser.problems).toEqual([]);
  });
});
