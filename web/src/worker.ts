// The Web Worker: owns the Session (kernel, training, free run) and runs it
// in short slices so that it still hears the page between them. Each slice
// posts one frame of traces, spikes and running numbers.
import type { Profile } from '../../src/emulator/index.js';
import { SpecError, type TrainProgress } from '../../src/index.js';
import { FrameBuilder } from './engine/frames.js';
import { Session } from './engine/session.js';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from './engine/settings.js';
import { FieldError } from './engine/user-system.js';
import { FRAME_MS, TRAINING_FRAME_MS, type FromWorker, type Speed, type ToWorker } from './protocol.js';

const scope = self as unknown as { postMessage(m: unknown, t?: Transferable[]): void; onmessage: ((e: MessageEvent<ToWorker>) => void) | null };
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

/** Compute per slice, ms: leaves the worker free to hear the page ~60 times a second. */
const SLICE_MS = 14;
/** Largest executor call, steps. */
const CHUNK = 512;

let session: Session | null = null;
let settings: Settings = DEFAULT_SETTINGS;
/** The hardware profile chosen on the page: a built-in's name or a file's validated profile. */
let profile: string | Profile = 'loihi';
let paused = false;
let speed: Speed = 'auto';
let builder: FrameBuilder | null = null;
let finished: TrainProgress[] = [];
let clock = { wall0: 0, done: 0 };
let timer: ReturnType<typeof setTimeout> | null = null;
/** Where the worker's time went in this phase: kernel steps (training, pricing), frames (gathering, posting), slices. */
let timing = { stepMs: 0, frameMs: 0, slices: 0, wall0: 0 };
const channel = new MessageChannel();
let yielded = false;
channel.port1.onmessage = () => {
  yielded = false;
  tick();
};

/** Simulated seconds per wall second now (Infinity: as fast as possible). */
function rate(): number {
  if (speed === 'auto') return session?.phase === 'free' ? 1 : Infinity;
  return speed > 0 ? speed : Infinity;
}

function restartClock(): void {
  clock = { wall0: performance.now(), done: 0 };
}

function schedule(delay: number): void {
  if (timer !== null || yielded) return;
  if (delay <= 0) {
    yielded = true;
    channel.port2.postMessage(0);
  } else timer = setTimeout(() => ((timer = null), tick()), delay);
}

function phaseMessage(note?: string): void {
  if (!session) return;
  post({ type: 'phase', phase: session.phase, paused, info: session.info(), fingerprint: session.fingerprint(), timing: { ...timing, wallMs: performance.now() - timing.wall0 }, ...(session.log ? { log: structuredClone(session.log) } : {}), ...(note ? { note } : {}) });
}

/** Where training is: from the trainer while it runs, from its last trial once it has finished. */
function progress(done: TrainProgress[]) {
  const tr = session!.trainer;
  const last = done.at(-1)!;
  return tr
    ? { trials: tr.trials, fraction: tr.fraction, simulated: tr.simulated, total: tr.total, finished: done }
    : { trials: last.trials, fraction: 1, simulated: last.simulated, total: last.simulated, finished: done };
}

let lastFlush = 0;
function flush(): void {
  if (!session || !builder || builder.empty) return;
  lastFlush = performance.now();
  const data = builder.take();
  const tr = session.trainer;
  const frame = {
    phase: session.phase,
    leading: session.runner?.leading ?? false,
    data,
    steps: session.ex.state().t,
    simulated: tr ? tr.simulated : session.ex.state().t * session.ex.dt,
    stats: session.running.stats(),
    alive: session.alive(),
    counters: session.ex.counters(),
    fingerprint: session.fingerprint(),
    ...(tr || finished.length ? { progress: progress(finished) } : {}),
  };
  finished = [];
  post({ type: 'frame', frame }, [data.t.buffer, data.x.buffer, data.xhat.buffer, data.spikeSteps.buffer, data.spikeNeurons.buffer]);
}

/** The phase ended inside a step (training done): read through a call so TS does not narrow it. */
const ended = (): boolean => session?.phase === 'idle';

function tick(): void {
  if (!session || session.phase === 'idle' || paused) return;
  const t0 = performance.now();
  const r = rate();
  const dt = session.ex.dt;
  let allowed = Infinity;
  if (Number.isFinite(r)) {
    const cap = Math.max(1, Math.round((0.1 * r) / dt)); // forget debts older than 100 ms of wall time
    allowed = Math.floor(((t0 - clock.wall0) / 1000) * (r / dt)) - clock.done;
    if (allowed > cap) {
      clock.wall0 = t0 - (((clock.done + cap) * dt) / r) * 1000;
      allowed = cap;
    }
  }
  try {
    timing.slices++;
    while (allowed > 0 && performance.now() - t0 < SLICE_MS) {
      const a = performance.now();
      const out = session.step(Math.min(CHUNK, allowed));
      timing.stepMs += performance.now() - a;
      if (!out) break;
      builder!.add(out.chunk);
      if (out.chunk.progress) finished.push(out.chunk.progress);
      if (out.energy) post({ type: 'energy', energy: out.energy });
      allowed -= out.chunk.steps;
      clock.done += out.chunk.steps;
      if (ended()) break;
    }
    const b = performance.now();
    if (ended() || b - lastFlush >= (session.phase === 'training' ? TRAINING_FRAME_MS : FRAME_MS)) flush();
    timing.frameMs += performance.now() - b;
  } catch (e) {
    const during = session.phase;
    session.abort();
    fail(e, during);
    phaseMessage('failed');
    return;
  }
  if (ended()) phaseMessage('training finished');
  else schedule(allowed > 0 ? 0 : 8);
}

function fail(e: unknown, during: string): void {
  const err = e as Error;
  const field = e instanceof FieldError ? e.field : e instanceof SpecError ? ({ dt: 'dtMs', N: 'N', 'chip.arbitration': 'arbitration', 'chip.softWidth': 'soft', 'chip.refractory': 'refractory' } as Record<string, string>)[e.field] : undefined;
  post({ type: 'error', message: err?.message ?? String(e), during, ...(field ? { field } : {}) });
}

function begin(start: () => void): void {
  if (!session) throw new Error('build a network first');
  start();
  paused = false;
  builder = new FrameBuilder(session.ex.J, Math.max(1, Math.round(0.001 / session.ex.dt)));
  finished = [];
  restartClock();
  timing = { stepMs: 0, frameMs: 0, slices: 0, wall0: performance.now() };
  phaseMessage('started');
  schedule(0);
}

function handle(m: ToWorker): void {
  switch (m.type) {
    case 'configure': {
      const errors = validateSettings(m.settings);
      const first = Object.entries(errors)[0];
      if (first) return post({ type: 'error', message: `${first[0]}: ${first[1]}`, field: first[0], during: 'configure' });
      // built before the running session is touched (a typed field's automatic configuration runs here,
      // off the page's main thread): settings it refuses leave the network that was there as it was
      const next = Session.create(m.settings);
      session?.stop();
      session = next;
      settings = m.settings;
      session.energy.setProfile(profile);
      post({ type: 'configured', info: session.info() });
      return m.train ? begin(() => session!.startTraining()) : phaseMessage();
    }
    case 'load': {
      // open the file before touching the running session: a bad file never replaces (or stops) a good model
      let s: Session;
      try {
        s = Session.load(new Uint8Array(m.bytes), m.fileName, settings, m.format ? { format: m.format } : {});
      } catch (e) {
        const msg = (e as Error)?.message ?? String(e);
        return post({ type: 'error', message: msg.includes(m.fileName) ? msg : `${m.fileName}: ${msg}`, field: 'load', during: 'load' });
      }
      session?.stop();
      session = s;
      settings = s.settings;
      s.energy.setProfile(profile);
      post({ type: 'loaded', info: s.info(), settings: s.settings });
      return phaseMessage();
    }
    case 'train':
      return begin(() => session!.startTraining());
    case 'freeRun':
      return begin(() => session!.startFree(m.run));
    case 'pause':
      paused = true;
      flush(); // what ran before the pause is drawn now, not after it
      return phaseMessage();
    case 'resume':
      paused = false;
      restartClock();
      phaseMessage();
      return schedule(0);
    case 'stop':
      if (session) {
        flush();
        session.stop();
        paused = false;
      }
      return phaseMessage();
    case 'speed':
      speed = m.speed;
      return restartClock();
    case 'alive':
      session?.setAlive(m.neurons, m.alive);
      return session?.log ? post({ type: 'log', log: structuredClone(session.log) }) : undefined;
    case 'killFraction':
      session?.killFraction(m.fraction);
      return session?.log ? post({ type: 'log', log: structuredClone(session.log) }) : undefined;
    case 'noise':
      session?.setNoise(m.sigma);
      return session?.log ? post({ type: 'log', log: structuredClone(session.log) }) : undefined;
    case 'kick':
      if (!session?.kick()) return;
      return post({ type: 'log', log: structuredClone(session.log!) });
    case 'profile':
      // kept for the next network too (the choice may come before any network exists)
      profile = m.profile ?? m.name;
      return session?.energy.setProfile(profile);
    case 'save': {
      if (!session) throw new Error('build and train a network first');
      const { bytes, fileName, weightsHash, module } = session.save();
      const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      return post({ type: 'model', bytes: buf, fileName, weightsHash, ...(module ? { module } : {}) }, [buf]);
    }
  }
}

scope.onmessage = (e) => {
  try {
    handle(e.data);
  } catch (err) {
    fail(err, e.data?.type ?? 'message');
  }
};
