// The playground page: wires the form, the run and perturbation controls,
// the live views and the numbers to the kernel worker.
import type { FromWorker, NetInfo } from './protocol.js';
import { WorkerClient } from './ui/client.js';
import { $, setText } from './ui/dom.js';
import { SetupForm } from './ui/form.js';
import { exposeState } from './ui/hooks.js';
import { download, spikesCsv, tracesCsv, tracesSvg, viewsPng } from './ui/exports.js';
import { profileFromParams, profileToParams, settingsFromParams, settingsToParams } from './engine/url-settings.js';
import { ModelFile } from './ui/model-file.js';
import { renderEnergy, renderStats, statsRows } from './ui/numbers.js';
import { Reference } from './ui/reference.js';
import { Perturb } from './ui/perturb.js';
import { ProfilePicker } from './ui/profile-picker.js';
import { RunControls } from './ui/run-controls.js';
import { RunB } from './ui/run-b.js';
import { Store } from './ui/store.js';
import { SweepViewer } from './ui/sweep-viewer.js';
import { Views } from './ui/views.js';

const state = exposeState();
const store = new Store();
const form = new SetupForm();
const status = $('status');
const say = (s: string) => setText(status, s);
let info: NetInfo | null = null;
let lastNumbers = 0;
/** When Train was pressed (the page's own training wall time, state.trainWallMs). */
let trainStart = 0;
let lastFrame: Extract<FromWorker, { type: 'frame' }>['frame'] | null = null;
/** The link of the setup Train posted, written into the address bar once the worker has built it. */
let pendingLink: string | null = null;

const worker = new WorkerClient(new URL('./worker.js', import.meta.url), onMessage, (msg) => {
  state.errors.push({ message: msg, during: 'worker' });
  say(`The kernel worker stopped: ${msg}`);
});
const views = new Views(store, state, (i) => {
  if (!info || i < 0 || i >= info.N) return;
  worker.post({ type: 'alive', neurons: [i], alive: !store.alive[i] });
});

// a kept run to compare with (numbers side by side, a picture of its views)
const reference = new Reference(
  () => (lastFrame && info ? { label: `${info.system.name}, N=${info.N}, ${info.format}, ${info.policy} rule, ${lastFrame.alive.reduce((a, b) => a + b, 0)} alive, ${lastFrame.phase === 'free' ? 'free run' : lastFrame.phase}`, rows: statsRows(lastFrame, info) } : null),
  () => lastFrame && info && renderStats($('stats'), $('counters'), lastFrame, info, merge),
);
const runB = new RunB((m) => worker.post(m), state, () => info, () => views.touch(), () => lastFrame && info && renderStats($('stats'), $('counters'), lastFrame, info, merge));
views.storeB = () => runB.store;
const merge = (rows: [string, string][]) => runB.merge(reference.merge(rows));
const model = new ModelFile((m, t) => worker.post(m, t), state, say);
const perturb = new Perturb((m) => worker.post(m), () => ({ info, alive: store.alive }), say);
new SweepViewer(state);
const run = new RunControls((m) => (worker.post(m), runB.forward(m)), state);
form.form.addEventListener('submit', (e) => {
  e.preventDefault();
  const s = form.valid();
  if (!s) return void say('Some settings need fixing before training.');
  state.settings = s;
  setText($('train-error'), '');
  trainStart = performance.now();
  state.trainWallMs = null;
  // the worker builds the network (a typed field's automatic configuration, 0.3-0.8 s, runs there, not on
  // this thread) and trains it; a setting it refuses comes back as an error next to its field
  pendingLink = shareParams(s);
  if ('custom' in s.system) say(`Configuring ${s.system.custom.name} for training…`);
  worker.post({ type: 'configure', settings: s, train: true });
  // on a phone the plots are below the form: bring them into view
  if (innerWidth < 760) $('traces').closest('figure')?.scrollIntoView({ block: 'start' });
});

// ---- settings in the link, exports ----
// the hardware profile too: a built-in one by name; one from a file is named, not held (url-settings.ts profileToParams)
const shareParams = (s: NonNullable<ReturnType<typeof form.read>>) => profileToParams(settingsToParams(s, $<HTMLInputElement>('quick').checked ? { quick: '1' } : {}), state.profile).toString();
const linked = new URLSearchParams(location.hash.slice(1));
{
  const p = linked;
  const s = settingsFromParams(p);
  if (s) {
    $<HTMLInputElement>('quick').checked = p.get('quick') === '1';
    form.write(s);
    form.valid(); // a bad link shows its problems inline, like typed values (a typed field's configuration waits for Train, in the worker)
    setText($('form-error'), '');
  }
}
const note = (t: string) => setText($('export-note'), t);
const baseName = () => (info ? `${info.system.name}-n${info.N}-seed${info.seed}` : 'ebnkit');
/** A profile from a file is named in the link, not held in it: say so where the link is given. */
const fileNote = () => (state.profile.file !== undefined ? ` but the hardware profile ${state.profile.name}, which comes from ${state.profile.file}: the link names that file but does not hold it, so send the file with the link` : '');
$('share').addEventListener('click', async () => {
  const url = `${location.href.split('#')[0]}#${shareParams(form.read())}`;
  state.shareUrl = url;
  try {
    await navigator.clipboard.writeText(url);
    note(`Link copied: it holds every setting on this page${fileNote()}.`);
  } catch {
    note(`Copy this link${fileNote()}: ${url}`);
  }
});
$('csv-traces').addEventListener('click', () => download(new Blob([tracesCsv(store)], { type: 'text/csv' }), `${baseName()}-traces.csv`));
$('csv-spikes').addEventListener('click', () => download(new Blob([spikesCsv(store)], { type: 'text/csv' }), `${baseName()}-spikes.csv`));
$('svg').addEventListener('click', () => download(new Blob([tracesSvg(store, views.domain)], { type: 'image/svg+xml' }), `${baseName()}-traces.svg`));
$('png').addEventListener('click', async () => download(await viewsPng(['traces', 'phase', 'raster', 'learning']), `${baseName()}-views.png`));
new ProfilePicker((m) => worker.post(m), state).fromLink(profileFromParams(linked));

function controls(): void {
  run.update(!!info?.trained);
  runB.enable(!!info?.trained && state.phase !== 'training');
  perturb.enable(!!info);
  model.refresh(info, state.phase);
}

// ---- worker messages ----
function newNetwork(i: NetInfo): void {
  info = i;
  if (runB.running) runB.clear(); // B ran the network this one replaces
  lastFrame = null;
  store.reset(i.N, i.J, i.dt, i.window);
  store.history = [];
  views.domain = i.system.domain;
  views.trainingSeconds = state.settings?.seconds ?? i.trainingSeconds;
  views.setDims(i.J);
  views.selected = Math.min(views.selected, i.N - 1);
  perturb.reset(i);
  $('cli-hint').textContent = i.system.custom ? `ebnkit eval model.ebn --system ${i.system.custom.name}.system.mjs` : 'ebnkit eval model.ebn';
  views.describeRaster();
  views.touch();
}

function onMessage(m: FromWorker): void {
  switch (m.type) {
    case 'configured':
      state.info = m.info;
      newNetwork(m.info);
      if (pendingLink !== null) history.replaceState(null, '', `#${pendingLink}`); // the address now holds this setup
      pendingLink = null;
      break;
    case 'loaded':
      state.info = m.info;
      state.settings = m.settings;
      form.write(m.settings);
      setText($('load-error'), '');
      newNetwork(m.info);
      say(`Opened ${m.info.file}: ${m.info.system.name}, N=${m.info.N}, trained ${m.info.trainingSeconds.toFixed(0)} s. Running it free.`);
      worker.post({ type: 'freeRun' });
      break;
    case 'frame': {
      const f = m.frame;
      state.framesReceived++;
      store.add(f.data, f.alive);
      if (f.progress) {
        store.history.push(...f.progress.finished);
        state.history = store.history;
        state.progress = { fraction: f.progress.fraction, trials: f.progress.trials, simulated: f.progress.simulated };
      }
      state.stats = f.stats;
      state.alive = f.alive.reduce((a, b) => a + b, 0);
      state.simulated = f.simulated;
      state.fingerprint = f.fingerprint;
      lastFrame = f;
      $<HTMLButtonElement>('keep').disabled = false;
      const now = performance.now();
      // text (numbers, progress) at most 5 times a second: each change costs the page a layout and a paint
      if (info && (now - lastNumbers > 200 || (f.progress && f.progress.fraction >= 1))) {
        lastNumbers = now;
        renderStats($('stats'), $('counters'), f, info, merge);
        if (f.progress) {
          $<HTMLProgressElement>('progress').value = f.progress.fraction;
          setText($('progress-text'), `${f.progress.simulated.toFixed(0)} of ${f.progress.total.toFixed(0)} s simulated, ${store.history.length} of ${f.progress.trials} trials done`);
        }
      }
      views.touch();
      break;
    }
    case 'phase': {
      const started = m.note === 'started';
      if (started) {
        store.clear();
        state.phaseCount++;
        if (m.phase === 'free') perturb.setKilled(0);
        if (m.phase === 'training') store.history = [];
      }
      state.phase = m.phase;
      state.paused = m.paused;
      state.info = info = m.info;
      state.fingerprint = m.fingerprint;
      state.log = m.log ?? null;
      state.workerTiming = m.timing;
      views.trainingSeconds = m.phase === 'training' ? (state.settings?.seconds ?? 0) : views.trainingSeconds;
      controls();
      views.touch();
      // the last frame's numbers, under the phase now (after Stop: not "free run")
      if (!started && lastFrame) renderStats($('stats'), $('counters'), { ...lastFrame, phase: m.phase, leading: false }, m.info, merge);
      if (started)
        setText($('traces-note'), m.phase === 'training'
          ? '(target: the true system under the exploratory input; each trial starts from a new random state)'
          : '(target: the true flow, restarted from the readout every quarter time scale)');
      const name = m.info.system.name;
      if (m.note === 'failed') break; // the error message already says what happened; do not cover it
      if (m.paused) say('Paused.');
      else if (m.phase === 'training') say(`Training ${name}: ${m.info.N} neurons learn with the local rule while error feedback keeps them on the target.`);
      else if (m.phase === 'free') say(`Running ${name} free: feedback and learning are off. Kill neurons or add noise and watch it recover.`);
      else if (m.note === 'training finished') {
        if (trainStart) state.trainWallMs = performance.now() - trainStart;
        trainStart = 0;
        const last = store.history.at(-1);
        say(`Training finished: ${m.info.trainingSeconds.toFixed(0)} s simulated${last ? `, last trial error ${last.rmsError.toFixed(3)} at ${last.rate.toFixed(1)} Hz` : ''}. Press “Run free” to see what it learned.`);
      } else say(m.info.trained ? 'Stopped. Run it free, download it, or train a new one.' : 'Network ready.');
      break;
    }
    case 'log':
      state.log = m.log;
      break;
    case 'energy':
      state.energy = m.energy;
      state.energyCount++;
      renderEnergy($('energy'), m.energy);
      break;
    case 'model':
      model.offer(m);
      runB.onModel(m);
      break;
    case 'error':
      state.errors.push({ message: m.message, during: m.during, ...(m.field ? { field: m.field } : {}) });
      showError(m);
      controls();
      break;
  }
}

/** An error goes next to what caused it (the field, Train, the file input), and to the status line. */
function showError(m: Extract<FromWorker, { type: 'error' }>): void {
  if (m.during === 'load') {
    setText($('load-error'), `Could not open the file: ${m.message}. The model that was running is unchanged.`);
    return say(`Could not open the file: ${m.message}`);
  }
  if (m.during === 'training') {
    setText($('train-error'), `Training failed: ${m.message}. The network is not marked trained and is not offered for download.`);
    return say(`Training failed: ${m.message}`);
  }
  if (m.during === 'configure') {
    pendingLink = null;
    trainStart = 0;
    // a field's problem goes next to the field (as the form's own checks put theirs); the network that was there stays
    if (m.field) form.refuse(m.field, m.message);
    else setText($('form-error'), `Could not build the network: ${m.message}`);
    return say(`Could not build the network: ${m.message}`);
  }
  say(`Error (${m.during}): ${m.message}`);
}

// the desktop layout is one fixed screen (body overflow hidden): a scroll left over from the phone
// layout (Train scrolls the plots into view there) would hide its top for good after a rotation or resize
const desktop = matchMedia('(min-width: 1100px)');
desktop.addEventListener('change', () => {
  if (desktop.matches && (scrollX || scrollY)) scrollTo(0, 0);
});

controls();
state.ready = true;
say('Ready: choose a system and press “Train a new network”.');
