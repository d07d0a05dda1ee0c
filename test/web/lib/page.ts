// What the playground's browser tests do to a page: read the state the page
// exposes (window.ebnkitPlayground), wait for a condition on it, fill the
// form, and look at the pixels of its canvases.
import type { Page } from 'playwright-core';
import type { PlaygroundState } from '../../../web/src/ui/hooks.js';

/** Pixel census of one canvas: how many are pure black (a cleared, never redrawn canvas with alpha:false) or of a given colour. */
export interface Pixels {
  id: string;
  total: number;
  black: number;
  /** Pixels of the colour asked for (exact RGB match). */
  colour: number;
}

export function pageHelpers(page: Page) {
  const state = (): Promise<PlaygroundState> => page.evaluate(() => JSON.parse(JSON.stringify((window as unknown as { ebnkitPlayground: unknown }).ebnkitPlayground)));
  const until = async (what: string, fn: string, timeout = 60_000) => {
    try {
      await page.waitForFunction(`(() => { const s = window.ebnkitPlayground; return ${fn}; })()`, null, { timeout, polling: 50 });
    } catch (e) {
      const errors = await page.evaluate(() => Array.from(document.querySelectorAll('.error')).map((x) => x.textContent).filter(Boolean).join(' | '));
      throw new Error(`waiting for ${what} (${fn}): ${(e as Error).message.split('\n')[0]}; status: ${await page.textContent('#status')}; errors on the page: ${errors || 'none'}`);
    }
  };
  /** Wait for `seconds` more of simulated time in the current phase. */
  const simulate = async (seconds: number) => {
    const s0 = (await state()).simulated;
    await until(`${seconds} s more`, `s.simulated >= ${s0 + seconds}`);
  };
  const fill = async (fields: Record<string, string>) => {
    for (const [id, v] of Object.entries(fields)) await page.fill(`#${id}`, v);
  };
  /** Let the page paint `n` animation frames. */
  const frames = (n = 3) => page.evaluate((k) => new Promise<void>((ok) => {
    const step = (i: number) => (i ? requestAnimationFrame(() => step(i - 1)) : ok());
    step(k);
  }), n);
  /** Count black pixels (and pixels of `rgb`) in each canvas, as painted now. */
  const pixels = (rgb: [number, number, number] = [0, 0, 0]): Promise<Pixels[]> => page.evaluate((c) => Array.from(document.querySelectorAll('canvas')).map((cv) => {
    const d = cv.getContext('2d')!.getImageData(0, 0, cv.width, cv.height).data;
    let black = 0, colour = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] === 0 && d[i + 1] === 0 && d[i + 2] === 0) black++;
      if (d[i] === c[0] && d[i + 1] === c[1] && d[i + 2] === c[2]) colour++;
    }
    return { id: cv.id, total: d.length / 4, black, colour };
  }), rgb);
  return { state, until, simulate, fill, frames, pixels };
}
