/* Shared by the native benchmark programs: read a whole file, CPU time, and
 * the block-by-block protocol with the host. */
#ifndef EBNK_BENCH_IO_H
#define EBNK_BENCH_IO_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static void* slurp(const char* path, size_t* len) {
  FILE* f = fopen(path, "rb");
  if (!f) { perror(path); exit(2); }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  void* b = malloc(n > 0 ? (size_t)n : 1);
  if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) { fprintf(stderr, "%s: read failed\n", path); exit(2); }
  fclose(f);
  *len = (size_t)n;
  return b;
}

/* CPU time of this thread, ns: unlike wall time it does not count the time
 * the scheduler gives other processes, so timings move little with machine
 * load (the benchmarks share a machine). */
static uint64_t cpu_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* Wait for the host's go for the next timed block: one line on stdin. The
 * host steps every implementation of a case block by block in turn
 * (bench/lib/measure.ts), so all see the same machine load. 0 at EOF. */
static int next_block(void) {
  int c;
  while ((c = getchar()) != EOF)
    if (c == '\n') return 1;
  return 0;
}

/* One timed block's CPU ns, as its own line, at once. */
static void report_block(uint64_t ns) {
  printf("%llu\n", (unsigned long long)ns);
  fflush(stdout);
}
#endif
