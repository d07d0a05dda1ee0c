// The hardware profile the spikes are priced on: a built-in one, or a profile
// file of the user's, in the format `ebnkit energy --profile my-chip.json`
// reads, checked by the command line's own parser (parseProfile,
// src/emulator/profile.ts, which src/emulator/load-node.ts runs on a file's
// text). A file that does not pass is reported next to the file field, as the
// command line words it, and changes nothing: the profile in use stays.
import { BUILTIN_PROFILE_NAMES, getProfile, parseProfile, type Profile } from '../../../src/emulator/index.js';
import type { profileFromParams } from '../engine/url-settings.js';
import type { ToWorker } from '../protocol.js';
import { $, el, setText } from './dom.js';
import type { PlaygroundState } from './hooks.js';

/** Option values of profiles from files (a built-in and a file may share a name). */
const FILE = 'file:';

export class ProfilePicker {
  private readonly select = $<HTMLSelectElement>('profile');
  private readonly input = $<HTMLInputElement>('profile-file');
  private readonly error = $('profile-file-error');
  private readonly linkError = $('profile-error');
  /** Profiles from files, by option value. */
  private readonly files = new Map<string, { profile: Profile; file: string }>();

  constructor(private readonly post: (m: ToWorker) => void, private readonly state: PlaygroundState) {
    for (const p of BUILTIN_PROFILE_NAMES) this.select.append(el('option', { value: p }, `${p}: ${getProfile(p).title}`));
    this.select.addEventListener('change', () => this.use());
    this.input.addEventListener('change', async () => {
      const f = this.input.files?.[0];
      if (!f) return;
      const text = await f.text();
      this.input.value = ''; // else choosing the same (edited) file again fires no change event
      this.open(text, f.name);
    });
  }

  /** Check a profile file's text; use it when it passes, else say why next to the field and keep the profile in use. */
  open(text: string, file: string): void {
    let profile: Profile;
    try {
      profile = parseProfile(text, file);
    } catch (e) {
      const message = (e as Error).message;
      setText(this.error, message);
      this.input.setAttribute('aria-invalid', 'true');
      this.state.errors.push({ message, field: 'profile-file', during: 'profile' });
      return;
    }
    setText(this.error, '');
    this.input.removeAttribute('aria-invalid');
    const value = `${FILE}${profile.name}`;
    const label = `${profile.name}: ${profile.title} (${file})`;
    const old = Array.from(this.select.options).find((o) => o.value === value);
    if (old) old.textContent = label;
    else this.select.append(el('option', { value }, label));
    this.files.set(value, { profile, file });
    this.select.value = value;
    this.use();
  }

  /**
   * The profile a link asks for (engine/url-settings.ts profileFromParams): a
   * built-in one is chosen; an unknown name, or a file the link cannot hold,
   * is said next to the field it concerns, and the profile in use stays.
   */
  fromLink(asked: ReturnType<typeof profileFromParams>): void {
    if (!asked) return;
    if ('builtin' in asked) {
      this.select.value = asked.builtin;
      return this.use();
    }
    const inUse = this.state.profile.name;
    if ('error' in asked) {
      const message = `The link's hardware profile: ${asked.error}. Pricing on ${inUse}.`;
      setText(this.linkError, message);
      this.select.setAttribute('aria-invalid', 'true');
      this.state.errors.push({ message, field: 'profile', during: 'link' });
      return;
    }
    setText(this.error, `The link was made pricing on a profile from the file ${asked.file}, which a link does not hold: load that file here to price on it (pricing on ${inUse} until then).`);
  }

  private use(): void {
    setText(this.linkError, '');
    this.select.removeAttribute('aria-invalid');
    const value = this.select.value;
    const fromFile = this.files.get(value);
    const name = fromFile?.profile.name ?? value;
    this.post({ type: 'profile', name, ...(fromFile ? { profile: fromFile.profile } : {}) });
    this.state.profile = { name, ...(fromFile ? { file: fromFile.file } : {}) };
    $('energy').replaceChildren(el('p', { class: 'hint' }, `Pricing on ${name} from the next simulated second…`));
  }
}
