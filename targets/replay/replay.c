/*
 * replay.c: plays ABI tapes (recorded from the TypeScript host by
 * test/targets/lib/tape.ts) through the wasm2c-translated kernel and prints
 * what the kernel did, in the line format tape.ts parses:
 *
 *   tape <name>
 *   spk <t>.<n> ...      hex step-since-reset and neuron of every spike, per run()
 *   err <message>        a call returned something other than the recording
 *   mark <label> t=.. spikeHash=0x.. stateHash=0x.. counters=a,b,c,d,e,f,g rng=0x.. image=0x..
 *   state V|r|Os <hex words>   final state, after the last mark
 *   time <name> <ticks> <unit> <steps>
 *   done <name>
 *
 * Platform neutral: the native and the Cortex-M mains differ only in where
 * the tapes come from, how time is read and how traps are caught.
 */
#include <stdio.h>
#include <string.h>

#include "ebnkit_wasm2c.h"
#include "replay.h"

#define TAPE_MAGIC 0x50544245u /* "EBTP" */

typedef struct {
  const uint8_t* p;
  const uint8_t* end;
  int bad;
} reader;

static uint32_t rd32(reader* r) {
  if (r->end - r->p < 4) {
    r->bad = 1;
    return 0;
  }
  uint32_t v = ebnk_load32(r->p, 0);
  r->p += 4;
  return v;
}

static const uint8_t* rdbytes(reader* r, uint32_t n) {
  uint32_t padded = (n + 3u) & ~3u;
  if ((uint32_t)(r->end - r->p) < padded) {
    r->bad = 1;
    return NULL;
  }
  const uint8_t* q = r->p;
  r->p += padded;
  return q;
}

/* ---- output: whole lines, built in a buffer ---------------------------- */
static char line[256];
static int len;

static void flush(void) {
  if (len) {
    line[len++] = '\n';
    line[len] = 0;
    fputs(line, stdout);
    len = 0;
  }
}
static void put(const char* s) {
  while (*s) {
    if (len > (int)sizeof line - 4) flush();
    line[len++] = *s++;
  }
}
static void putn(const char* s, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) {
    if (len > (int)sizeof line - 4) flush();
    line[len++] = s[i];
  }
}
static void puthex(uint32_t v, int width) {
  char b[9];
  int n = 0;
  do {
    b[n++] = "0123456789abcdef"[v & 15];
    v >>= 4;
  } while (v || n < width);
  while (n) {
    char c[2] = {b[--n], 0};
    put(c);
  }
}
static void putdec(uint64_t v) {
  char b[21];
  int n = 0;
  do {
    b[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) {
    char c[2] = {b[--n], 0};
    put(c);
  }
}

static ebnk_t K;
static uint32_t op_index;
static int errors;

const ebnk_expect_t* ebnk_expect = NULL;
static uint32_t exp_mark, exp_spike;
static int exp_raster_bad;

static void exp_field(const char* label, uint32_t label_len, uint32_t t, const char* field, uint64_t got, uint64_t want) {
  if (got == want) return;
  errors++;
  put("err at checkpoint '");
  putn(label, label_len);
  put("' (step ");
  putdec(t);
  put("): ");
  put(field);
  put(" ");
  putdec(got);
  put(" != recorded ");
  putdec(want);
  flush();
}

/* One printed spike against the recorded raster; reports the first difference only. */
static void exp_spike_at(uint32_t t, uint32_t n) {
  if (!ebnk_expect || exp_raster_bad) return;
  const ebnk_expect_t* e = ebnk_expect;
  uint32_t q = exp_spike++;
  int have = q < e->n_spikes;
  uint32_t wt = have ? e->raster[2 * q] : 0xFFFFFFFFu, wn = have ? e->raster[2 * q + 1] : 0;
  if (have && wt == t && wn == n) return;
  exp_raster_bad = 1;
  errors++;
  put("err first differing step ");
  putdec(t < wt ? t : wt);
  put(", neuron ");
  putdec(t <= wt ? n : wn);
  put(" (spike #");
  putdec(q);
  put(": recorded ");
  if (have) { putdec(wt); put("."); putdec(wn); } else put("none");
  put(", got ");
  putdec(t);
  put(".");
  putdec(n);
  put(")");
  flush();
}

static void err_ret(const char* op, uint32_t got, uint32_t want) {
  errors++;
  put("err call #");
  putdec(op_index);
  put(" ");
  put(op);
  put(" returned ");
  putdec(got);
  put(", recorded ");
  putdec(want);
  flush();
}

static int copy_in(uint32_t off, const uint8_t* src, uint32_t bytes) {
  if ((uint64_t)off + bytes > ebnk_mem_size(&K)) {
    errors++;
    put("err host write beyond the kernel's memory at ");
    putdec(off);
    flush();
    return 0;
  }
  memcpy(ebnk_mem(&K) + off, src, bytes);
  return 1;
}

/* N, and the learned weights' rows (N, or J for a low-rank image's W) and columns B. */
static void dims(uint32_t* N, uint32_t* rows, uint32_t* B) {
  uint8_t* m = ebnk_mem(&K);
  uint32_t img = ebnk_ptr(&K, EBNK_P_IMAGE);
  *N = ebnk_load32(m, img + 4 * EBNK_H_N);
  *B = ebnk_load32(m, img + 4 * EBNK_H_B);
  *rows = (ebnk_load32(m, img + 4 * EBNK_H_FLAGS) & EBNK_IMG_LOWRANK) ? ebnk_load32(m, img + 4 * EBNK_H_J) : *N;
}

void ebnk_print_mark(ebnk_t* k, const char* label, uint32_t label_len) {
  uint8_t* m = ebnk_mem(k);
  uint32_t c = ebnk_ptr(k, EBNK_P_COUNTERS);
  put("mark ");
  putn(label, label_len);
  put(" t=");
  putdec(ebnk_status(k, EBNK_S_T));
  put(" spikeHash=0x");
  puthex(ebnk_status(k, EBNK_S_HASH), 8);
  put(" stateHash=0x");
  puthex(ebnk_fingerprint(k), 8);
  put(" counters=");
  for (int i = 0; i < EBNK_C_NAMED; i++) {
    if (i) put(",");
    putdec(ebnk_load64(m, c + 8u * (uint32_t)i));
  }
  put(" rng=0x");
  puthex(ebnk_status(k, EBNK_S_RNG), 8);
  put(" image=0x");
  uint32_t img = ebnk_ptr(k, EBNK_P_IMAGE);
  uint32_t image = ebnk_fnv_words(EBNK_FNV_OFFSET, m, img, ebnk_load32(m, img + 4 * EBNK_H_BYTES) / 4u);
  puthex(image, 8);
  flush();
  if (ebnk_expect) {
    uint32_t t = ebnk_status(k, EBNK_S_T);
    if (exp_mark >= ebnk_expect->n_marks) {
      errors++;
      put("err more checkpoints than recorded");
      flush();
      return;
    }
    const ebnk_expect_mark* e = &ebnk_expect->marks[exp_mark++];
    static const char* names[EBNK_C_NAMED] = {"steps", "neuronUpdates", "spikes", "fastEvents", "slowEvents", "dendriteEvals", "weightUpdates"};
    exp_field(label, label_len, t, "step", t, e->t);
    exp_field(label, label_len, t, "spikeHash", ebnk_status(k, EBNK_S_HASH), e->spike_hash);
    exp_field(label, label_len, t, "stateHash", ebnk_fingerprint(k), e->state_hash);
    exp_field(label, label_len, t, "rng", ebnk_status(k, EBNK_S_RNG), e->rng);
    exp_field(label, label_len, t, "imageHash", image, e->image);
    for (int i = 0; i < EBNK_C_NAMED; i++) exp_field(label, label_len, t, names[i], ebnk_load64(m, c + 8u * (uint32_t)i), e->counters[i]);
  }
}

void ebnk_print_spikes(ebnk_t* k, uint32_t t0) {
  uint8_t* m = ebnk_mem(k);
  uint32_t n = ebnk_status(k, EBNK_S_SPIKES), sp = ebnk_ptr(k, EBNK_P_SPIKES_OUT);
  for (uint32_t q = 0; q < n; q++) {
    if (q % 24 == 0) {
      flush();
      put("spk");
    }
    put(" ");
    puthex(t0 + ebnk_load32(m, sp + 8 * q), 1);
    put(".");
    puthex(ebnk_load32(m, sp + 8 * q + 4), 1);
  }
  flush();
  for (uint32_t q = 0; q < n; q++) exp_spike_at(t0 + ebnk_load32(m, sp + 8 * q), ebnk_load32(m, sp + 8 * q + 4));
}

static void print_words(const char* name, uint32_t off, uint32_t n) {
  uint8_t* m = ebnk_mem(&K);
  for (uint32_t i = 0; i < n; i++) {
    if (i % 16 == 0) {
      flush();
      put("state ");
      put(name);
    }
    put(" ");
    puthex(ebnk_load32(m, off + 4 * i), 1);
  }
  flush();
}

int ebnk_replay(const uint8_t* tape, uint32_t bytes, int print_state) {
  reader r = {tape, tape + bytes, 0};
  errors = 0;
  op_index = 0;
  exp_mark = exp_spike = 0;
  exp_raster_bad = 0;
  if (rd32(&r) != TAPE_MAGIC || rd32(&r) != 1) {
    puts("err not an ebnkit tape (version 1)");
    return 1;
  }
  uint32_t name_len = rd32(&r);
  const char* name = (const char*)rdbytes(&r, name_len);
  if (!name) return 1;
  put("tape ");
  putn(name, name_len);
  flush();

  Z_kernel_instantiate(&K);
  uint64_t t_start = ebnk_clock(), t_run = 0, steps = 0;
  for (;;) {
    uint32_t op = rd32(&r);
    if (r.bad) break;
    op_index++;
    if (op == 0) break;
    switch (op) {
      case 1: { /* RESERVE bytes ret image */
        uint32_t n = rd32(&r), want = rd32(&r);
        const uint8_t* img = rdbytes(&r, n);
        if (!img) break;
        uint32_t at = ebnk_reserve(&K, n);
        if (at != want) err_ret("reserve", at, want);
        if (at) copy_in(at, img, n);
        break;
      }
      case 2: { /* OPEN steps cap ret */
        uint32_t steps_ = rd32(&r), cap = rd32(&r), want = rd32(&r);
        uint32_t got = (uint32_t)ebnk_open(&K, steps_, cap);
        if (got != want) err_ret("open", got, want);
        break;
      }
      case 3: /* RESET seed */
        ebnk_reset(&K, rd32(&r));
        break;
      case 4: { /* SETPARAM word value ret */
        uint32_t w = rd32(&r), v = rd32(&r), want = rd32(&r);
        uint32_t got = (uint32_t)ebnk_set_param(&K, w, v);
        if (got != want) err_ret("setParam", got, want);
        break;
      }
      case 5: { /* SETALIVE i alive ret */
        uint32_t i = rd32(&r), a = rd32(&r), want = rd32(&r);
        uint32_t got = (uint32_t)ebnk_set_alive(&K, i, a);
        if (got != want) err_ret("setAlive", got, want);
        break;
      }
      case 6: { /* RUN steps flags ret cWords xWords c x */
        uint32_t n = rd32(&r), flags = rd32(&r), want = rd32(&r);
        uint32_t cw = rd32(&r), xw = rd32(&r);
        const uint8_t* c = rdbytes(&r, 4 * cw);
        const uint8_t* x = rdbytes(&r, 4 * xw);
        if (r.bad) break;
        if (cw) copy_in(ebnk_ptr(&K, EBNK_P_C_IN), c, 4 * cw);
        if (xw) copy_in(ebnk_ptr(&K, EBNK_P_X_IN), x, 4 * xw);
        uint32_t t0 = ebnk_status(&K, EBNK_S_T);
        uint64_t c0 = ebnk_clock();
        int32_t got = ebnk_run(&K, n, flags);
        t_run += ebnk_clock() - c0;
        if ((uint32_t)got != want) err_ret("run", (uint32_t)got, want);
        if (got > 0) {
          steps += (uint32_t)got;
          ebnk_print_spikes(&K, t0);
        }
        break;
      }
      case 7: { /* MARK label */
        uint32_t l = rd32(&r);
        const char* label = (const char*)rdbytes(&r, l);
        if (label) ebnk_print_mark(&K, label, l);
        break;
      }
      case 8: { /* SEAL ret */
        uint32_t want = rd32(&r);
        uint32_t got = ebnk_seal(&K);
        if (got != want) err_ret("seal", got, want);
        break;
      }
      default:
        put("err unknown tape opcode ");
        putdec(op);
        flush();
        r.bad = 1;
    }
    if (r.bad) break;
  }
  if (r.bad) {
    errors++;
    puts("err truncated or damaged tape");
  }
  if (ebnk_expect && !exp_raster_bad && exp_spike != ebnk_expect->n_spikes) {
    errors++;
    put("err ");
    putdec(exp_spike);
    put(" spikes, recorded ");
    putdec(ebnk_expect->n_spikes);
    flush();
  }
  if (ebnk_expect && exp_mark != ebnk_expect->n_marks) {
    errors++;
    put("err ");
    putdec(exp_mark);
    put(" checkpoints, recorded ");
    putdec(ebnk_expect->n_marks);
    flush();
  }
  if (print_state) {
    uint32_t N, rows, B;
    dims(&N, &rows, &B);
    print_words("V", ebnk_ptr(&K, EBNK_P_V), N);
    print_words("r", ebnk_ptr(&K, EBNK_P_R), N);
    print_words("Os", ebnk_ptr(&K, EBNK_P_OS), rows * B);
  }
  put("time ");
  putn(name, name_len);
  put(" ");
  putdec(t_run);
  put(" ");
  put(ebnk_clock_unit());
  put(" ");
  putdec(steps);
  put(" ");
  putdec(ebnk_clock() - t_start);
  flush();
  Z_kernel_free(&K);
  put("done ");
  putn(name, name_len);
  flush();
  return errors ? 1 : 0;
}

int ebnk_replay_bundle(const uint8_t* bundle, uint32_t bytes, int print_state) {
  int bad = 0;
  uint32_t at = 0;
  while (at + 4 <= bytes) {
    uint32_t n = ebnk_load32(bundle, at);
    if (n == 0 || at + 4 + n > bytes) break;
    bad |= ebnk_replay(bundle + at + 4, n, print_state);
    at += 4 + n;
  }
  return bad;
}

/* The header's numbers against the kernel's own constant() table. */
int ebnk_check_abi(void) {
  static const int32_t want[EBNK_K_COUNT] = {
      EBNK_ABI_VERSION, (int32_t)EBNK_MAGIC, EBNK_FRAC, EBNK_RATE_FRAC, EBNK_LEARN_FRAC,
      EBNK_LUT_SEG_LOG2, EBNK_LUT_MIN, EBNK_LUT_SHIFT, EBNK_HEADER_WORDS, EBNK_H_MAGIC,
      EBNK_H_VERSION, EBNK_H_BYTES, EBNK_H_CHECKSUM, EBNK_H_N, EBNK_H_J, EBNK_H_K, EBNK_H_B,
      EBNK_H_FLAGS, EBNK_H_FORMAT, EBNK_H_SEED, EBNK_H_DT, EBNK_H_LEAKV, EBNK_H_LEAKR,
      EBNK_H_KDT, EBNK_H_LR, EBNK_H_NOISE, EBNK_H_VMAX, EBNK_H_VSHIFT, EBNK_H_WMAX,
      EBNK_S_WORDS, EBNK_C_WORDS, EBNK_LEARN_W_FRAC, EBNK_IMG_LOWRANK, EBNK_H_MU,
      EBNK_H_REFRACT, EBNK_H_SOFT, EBNK_H_GROUP, EBNK_IMG_PARALLEL, EBNK_KNOWN_FLAGS,
  };
  int bad = 0;
  Z_kernel_instantiate(&K);
  for (int i = 0; i < EBNK_K_COUNT; i++) {
    int32_t got = ebnk_constant(&K, i);
    if (got != want[i]) {
      printf("err ebnkit.h constant #%d is %ld, the kernel says %ld\n", i, (long)want[i], (long)got);
      bad = 1;
    }
  }
  if ((uint32_t)ebnk_constant(&K, EBNK_K_COUNT) != 0x80000000u) {
    puts("err the kernel has more constants than ebnkit.h knows");
    bad = 1;
  }
  Z_kernel_free(&K);
  printf("abi %s\n", bad ? "mismatch" : "ok");
  return bad;
}
