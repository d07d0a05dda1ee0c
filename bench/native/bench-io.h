/* Shared by the two native benchmark programs: read a whole file, and a
 * monotonic clock in nanoseconds. */
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

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}
#endif
