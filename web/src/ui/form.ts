// The network form: settings in and out, the custom vector-field fieldset,
// and inline errors (aria-invalid + a message tied by aria-describedby).
import { SYSTEM_INFO, type SpikePolicy, type SystemKind } from '../../../src/index.js';
import { CHIP_OPTION_LIMITS, PARALLEL_DEFAULTS } from '../../../src/spike-rule.js';
import { builtinDefaults, CHIP_FIELDS, DEFAULT_SETTINGS, EXAMPLE_CUSTOM, fullSeconds, quickSeconds, systemDefaults, trainingPlan, trialPlan, validateSettings, type FieldErrors, type Settings, type TrainingPlan, type UserSystemSource } from '../engine/settings.js';
import { trialLengthFor } from '../../../src/auto/configure.js';
import { buildUserSystem, checkUserSystem, FieldError, SYSTEM_KINDS } from '../engine/user-system.js';
import { $, el, setText } from './dom.js';

const CUSTOM = 'custom';
const input = (id: string) => $<HTMLInputElement>(id);
const select = (id: string) => $<HTMLSelectElement>(id);
/** Decimal text to the nearest double (0.1 ms -> exactly 1e-4 s, as a typed literal would be). */
const seconds = (ms: string) => Number(`${ms.trim()}e-3`);

export class SetupForm {
  readonly form = $<HTMLFormElement>('setup');
  private custom = $<HTMLFieldSetElement>('custom');
  private typed: { key: string; plan: TrainingPlan } | null = null;

  constructor() {
    const sys = select('system');
    // labels from the definitions: configuring all five built-ins here was a 1.7-1.9 s task at page load
    for (const name of Object.keys(SYSTEM_INFO)) sys.append(el('option', { value: name }, `${name}: ${SYSTEM_INFO[name]!().kind}`));
    sys.append(el('option', { value: CUSTOM }, 'custom: type a vector field'));
    for (const k of SYSTEM_KINDS) select('c-kind').append(el('option', { value: k }, k));
    this.buildDimRows();
    this.write(DEFAULT_SETTINGS);
    this.writeCustom(EXAMPLE_CUSTOM);
    sys.addEventListener('change', () => this.systemChanged());
    input('seconds').addEventListener('input', () => this.planHint());
    input('quick').addEventListener('change', () => {
      const q = this.plan();
      if (q) input('seconds').value = String(input('quick').checked ? quickSeconds(q) : fullSeconds(q));
      this.planHint();
    });
    select('c-dims').addEventListener('change', () => this.showDims());
    select('policy').addEventListener('change', () => this.showChip());
    // the CLI's ranges for the parallel rule's options, not copies of its numbers
    for (const f of CHIP_FIELDS) {
      const l = CHIP_OPTION_LIMITS[f];
      Object.assign(input(f), { min: String(l.min), max: String(l.max), step: l.integer ? '1' : 'any' });
    }
    this.custom.addEventListener('input', (e) => {
      const id = (e.target as HTMLElement).id;
      if (!id.startsWith('c-')) return;
      this.checkCustom(false);
      this.planHint();
    });
    this.form.addEventListener('input', (e) => {
      const t = e.target as HTMLInputElement;
      if (!t.id.startsWith('c-') && t.getAttribute('aria-invalid') === 'true') this.clearError(t.id);
    });
  }

  private buildDimRows(): void {
    const box = $('c-dims-rows');
    for (let j = 1; j <= 3; j++) {
      const row = el('div', { class: 'dim-row', id: `c-row${j}` });
      const f = el('div', { class: 'field' });
      f.append(
        el('label', { for: `c-f${j}` }, `dx${j}/dt =`),
        el('input', { id: `c-f${j}`, name: `f${j}`, type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `c-f${j}-error` }),
        el('p', { id: `c-f${j}-error`, class: 'error' }),
      );
      const dom = el('div', { class: 'domain' });
      for (const side of ['lo', 'hi'] as const) {
        const d = el('div', { class: 'field' });
        d.append(
          el('label', { for: `c-${side}${j}` }, `x${j} ${side === 'lo' ? 'from' : 'to'}`),
          el('input', { id: `c-${side}${j}`, type: 'number', step: 'any', 'aria-describedby': `c-domain${j}-error` }),
        );
        dom.append(d);
      }
      row.append(f, dom, el('p', { id: `c-domain${j}-error`, class: 'error' }));
      box.append(row);
    }
  }

  /** The parallel rule's options show only with that rule. */
  private showChip(): void {
    $('chip').hidden = select('policy').value !== 'parallel';
  }

  private showDims(): void {
    const dims = Number(select('c-dims').value);
    for (let j = 1; j <= 3; j++) $(`c-row${j}`).hidden = j > dims;
    // the hidden example is not checked (no errors to show for fields nobody sees)
    if (!this.custom.hidden) this.checkCustom(false);
  }

  private systemChanged(): void {
    const name = select('system').value;
    const custom = name === CUSTOM;
    this.custom.hidden = !custom;
    if (!custom) {
      const d = systemDefaults(name, input('quick').checked);
      this.write({ ...this.read(), ...d, system: { builtin: name } });
    } else this.checkCustom(false);
    this.describe();
  }

  /**
   * The chosen system's trial length, s, or null while a typed one does not
   * pass its checks: for a typed field from its time scale, as its automatic
   * configuration would set it, without running that configuration.
   */
  private trialLength(): number | null {
    const name = select('system').value;
    if (name !== CUSTOM) return builtinDefaults(name).training.trialLength;
    try {
      const src = this.readCustom();
      checkUserSystem(src);
      return trialLengthFor(src.timeScale);
    } catch {
      return null;
    }
  }

  /** The chosen system's training plan (a typed field is configured for it: on ticking Quick demo, once per text), or null while a typed one does not pass. */
  private plan(): TrainingPlan | null {
    const name = select('system').value;
    try {
      // a built-in's from the build (no automatic configuration on this thread)
      if (name !== CUSTOM) return builtinDefaults(name).training;
      // a typed field: rebuilt (with its automatic configuration) only when its text changed
      const key = JSON.stringify(this.readCustom());
      if (this.typed?.key !== key) this.typed = { key, plan: trainingPlan(buildUserSystem(JSON.parse(key))) };
      return this.typed.plan;
    } catch {
      return null;
    }
  }

  /** Say what training will really run: whole trials (5 s of 2-s trials trains 6 s). */
  planHint(): void {
    const trialLength = this.trialLength();
    const want = Number(input('seconds').value);
    const hint = $('seconds-hint');
    if (trialLength === null || !(want > 0)) return setText(hint, '');
    const p = trialPlan({ trialLength }, want);
    setText(hint, p.seconds === want
      ? `${p.trials} trials of ${p.trialLength} s`
      : `trains in whole ${p.trialLength}-s trials: ${want} s becomes ${p.trials} trial${p.trials === 1 ? '' : 's'} = ${p.seconds} s`);
  }

  describe(): void {
    const name = select('system').value;
    setText($('system-desc'), name === CUSTOM ? 'Type dx/dt for each dimension; the network learns it from a few dozen spiking neurons.' : SYSTEM_INFO[name]!().description);
  }

  /** The custom system as typed (not yet validated). */
  readCustom(): UserSystemSource {
    const dims = Number(select('c-dims').value);
    return {
      name: input('c-name').value.trim(),
      dims,
      kind: select('c-kind').value as SystemKind,
      timeScale: Number(input('c-timeScale').value),
      f: [1, 2, 3].slice(0, dims).map((j) => input(`c-f${j}`).value),
      domain: [1, 2, 3].slice(0, dims).map((j) => [Number(input(`c-lo${j}`).value), Number(input(`c-hi${j}`).value)] as [number, number]),
    };
  }

  writeCustom(c: UserSystemSource): void {
    input('c-name').value = c.name;
    select('c-dims').value = String(c.dims);
    select('c-kind').value = c.kind;
    input('c-timeScale').value = String(c.timeScale);
    for (let j = 1; j <= 3; j++) {
      input(`c-f${j}`).value = c.f[j - 1] ?? EXAMPLE_CUSTOM.f[j - 1]!;
      const [lo, hi] = c.domain[j - 1] ?? EXAMPLE_CUSTOM.domain[j - 1]!;
      input(`c-lo${j}`).value = String(lo);
      input(`c-hi${j}`).value = String(hi);
    }
    this.showDims();
  }

  /**
   * Validate the typed field; show every problem inline. Returns the first bad
   * field's id, if any. Only the cheap checks run here (parse, finite at the
   * domain's probes, not zero): the automatic configuration (0.3-0.8 s, with
   * defineSystem's finer probe of the domain) runs in the worker when Train is
   * pressed, which reports its problems back next to the same fields.
   */
  checkCustom(focus: boolean): string | null {
    for (const id of ['name', 'timeScale', 'f1', 'f2', 'f3', 'domain1', 'domain2', 'domain3', 'dims', 'kind']) this.clearError(`c-${id}`);
    const src = this.readCustom();
    let bad: string | null = null;
    // report every expression's problem at once, then the rest
    let lookedPast = false;
    const seen = new Set<string>();
    for (;;) {
      try {
        checkUserSystem(src);
        break;
      } catch (e) {
        if (!(e instanceof FieldError)) throw e;
        // with a bad expression replaced by 0, only further expression errors are real ones
        if (lookedPast && !/^f\d$/.test(e.field)) break;
        const id = `c-${e.field}`;
        if (seen.has(id)) break; // (a field of zeros is itself an error: stop there)
        seen.add(id);
        this.showError(id, e.message);
        bad ??= id;
        const m = /^f(\d)$/.exec(e.field);
        if (!m) break;
        src.f[Number(m[1]) - 1] = '0'; // look past it for further problems
        lookedPast = true;
      }
    }
    if (bad && focus) this.focusField(bad);
    return bad;
  }

  read(): Settings {
    const name = select('system').value;
    return {
      system: name === CUSTOM ? { custom: this.readCustom() } : { builtin: name },
      N: Number(input('N').value),
      K: Number(input('K').value),
      dt: seconds(input('dtMs').value),
      policy: select('policy').value as SpikePolicy,
      ...(select('policy').value === 'parallel' ? { chip: Object.fromEntries(CHIP_FIELDS.filter((f) => input(f).value.trim() !== '').map((f) => [f, Number(input(f).value)])) } : {}),
      format: select('format').value,
      seed: Number(input('seed').value),
      seconds: Number(input('seconds').value),
      k: Number(input('k').value),
      eta: Number(input('eta').value),
    };
  }

  write(s: Settings): void {
    if ('builtin' in s.system) select('system').value = s.system.builtin;
    else {
      select('system').value = CUSTOM;
      this.custom.hidden = false; // shown before it is written, so writing it checks it
      this.writeCustom(s.system.custom);
    }
    this.custom.hidden = !('custom' in s.system);
    input('N').value = String(s.N);
    input('K').value = String(s.K);
    input('dtMs').value = String(+(s.dt * 1000).toPrecision(6));
    select('policy').value = s.policy;
    // an empty soft width is the automatic one, softDefault(N, J) = 0.64 N/J (the input's placeholder says so)
    for (const f of CHIP_FIELDS) input(f).value = s.chip?.[f] !== undefined ? String(s.chip[f]) : f === 'soft' ? '' : String(PARALLEL_DEFAULTS[f]);
    this.showChip();
    select('format').value = s.format;
    input('seed').value = String(s.seed);
    input('seconds').value = String(+s.seconds.toPrecision(6));
    input('k').value = String(s.k);
    input('eta').value = String(s.eta);
    this.describe();
    this.planHint();
  }

  /**
   * Validate everything this thread can check cheaply; on failure show the
   * errors, focus the first and return null. A typed field's automatic
   * configuration is left to the worker (Train posts the settings; its
   * errors come back through showError), so no check here blocks the page.
   */
  valid(): Settings | null {
    for (const id of ['N', 'K', 'dtMs', 'seconds', 'k', 'eta', 'seed', ...CHIP_FIELDS]) this.clearError(id);
    setText($('form-error'), '');
    const s = this.read();
    const errors: FieldErrors = validateSettings(s);
    for (const [f, msg] of Object.entries(errors)) this.showError(f, msg);
    const customBad = 'custom' in s.system ? this.checkCustom(false) : null;
    const first = Object.keys(errors)[0] ?? customBad;
    if (first) {
      this.pointTo(first);
      return null;
    }
    return s;
  }

  /** Show an error next to a field (ids as in the form; worker fields map to the custom ones). */
  showError(field: string, message: string): void {
    const id = document.getElementById(field) ? field : `c-${field}`;
    const target = document.getElementById(id) ?? document.getElementById(`${id.replace(/^c-domain/, 'c-lo')}`);
    const msg = document.getElementById(`${id}-error`);
    if (msg) setText(msg, message);
    else setText($('form-error'), message);
    target?.setAttribute('aria-invalid', 'true');
    if (/^c-domain\d$/.test(id)) document.getElementById(id.replace('domain', 'hi'))?.setAttribute('aria-invalid', 'true');
  }

  clearError(id: string): void {
    const msg = document.getElementById(`${id}-error`);
    if (msg) setText(msg, '');
    document.getElementById(id)?.removeAttribute('aria-invalid');
    if (/^c-domain\d$/.test(id)) for (const s of ['lo', 'hi']) document.getElementById(id.replace('domain', s))?.removeAttribute('aria-invalid');
  }

  /**
   * A setting the worker refused while building the network (a typed field's
   * automatic configuration runs there): the message goes next to its field,
   * as the form's own checks put theirs.
   */
  refuse(field: string, message: string): void {
    this.showError(field, message);
    this.pointTo(document.getElementById(field) ? field : `c-${field}`);
  }

  /** The first bad field: focused (its folded section opened) and the form-level message set. */
  private pointTo(id: string): void {
    this.focusField(id);
    setText($('form-error'), 'Please fix the highlighted fields.');
  }

  private focusField(id: string): void {
    const t = document.getElementById(id) ?? document.getElementById(id.replace(/^c-domain/, 'c-lo'));
    // a field in a folded section (k, eta, seed under "More") is shown before it is focused
    const fold = t?.closest('details');
    if (fold) fold.open = true;
    (t as HTMLElement | null)?.focus();
  }
}
