/* bench.h: the common frame of every benchmark kernel: the size parameter, a PRNG, the checksum
 * line and the self-check. Each kernel defines bench_kernel() and uses BENCH_MAIN once.
 *
 * Built three ways from the same source:
 *   native and wasm32-wasi:  `prog [SIZE]` prints "NAME size=N checksum=C ok" and exits 0, or
 *                            prints "... MISMATCH (expected E)" / "... SELF-CHECK FAILED" and exits 1.
 *   -DBENCH_EXPORT -DBENCH_SIZE=N (wasm without WASI, for engines without WASI such as wabt's
 *                            wasm-interp): no main; exports `bench_run() -> i64`, the checksum, or -1
 *                            if the self-check failed. */
#ifndef BENCH_H
#define BENCH_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bench_expect {
    uint32_t size;
    uint64_t checksum;
};

/* splitmix64: small, fast, and identical on every target. */
static inline uint64_t bench_rand(uint64_t *state) {
    uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

/* Folds a value into a running checksum (order-sensitive). */
static inline uint64_t bench_mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h * 0x100000001b3ull;
}

/* Defined by each kernel: does `size` units of work, returns the checksum, clears *ok if an
 * internal consistency check failed. */
static uint64_t bench_kernel(uint32_t size, int *ok);

static int bench_check_(const char *name, uint32_t size, uint64_t sum, int ok, const struct bench_expect *e) {
    for (; e->size; e++) {
        if (e->size == size && e->checksum != sum) {
#ifndef BENCH_EXPORT
            printf("%s size=%" PRIu32 " checksum=%" PRIu64 " MISMATCH (expected %" PRIu64 ")\n", name, size, sum,
                   e->checksum);
#endif
            return 0;
        }
    }
    if (!ok) {
#ifndef BENCH_EXPORT
        printf("%s size=%" PRIu32 " checksum=%" PRIu64 " SELF-CHECK FAILED\n", name, size, sum);
#endif
        return 0;
    }
#ifndef BENCH_EXPORT
    printf("%s size=%" PRIu32 " checksum=%" PRIu64 " ok\n", name, size, sum);
#endif
    (void)name;
    return 1;
}

/* BENCH_MAIN(name, default size, {size, checksum}, ...): the expected checksums at the sizes
 * the runner uses; other sizes are checked by the kernel's own consistency checks only. */
#ifdef BENCH_EXPORT
#define BENCH_MAIN(NAME, DEFAULT_SIZE, ...)                                                          \
    static const struct bench_expect bench_expected_[] = {__VA_ARGS__, {0, 0}};                      \
    __attribute__((export_name("bench_run"))) int64_t bench_run(void);                                \
    int64_t bench_run(void) {                                                                         \
        int ok = 1;                                                                                   \
        uint64_t sum = bench_kernel(BENCH_SIZE, &ok);                                                 \
        return bench_check_(NAME, BENCH_SIZE, sum, ok, bench_expected_) ? (int64_t)sum : -1;          \
    }
#else
#define BENCH_MAIN(NAME, DEFAULT_SIZE, ...)                                                          \
    static const struct bench_expect bench_expected_[] = {__VA_ARGS__, {0, 0}};                      \
    int main(int argc, char **argv) {                                                                 \
        uint32_t size = DEFAULT_SIZE;                                                                 \
        if (argc > 1) size = (uint32_t)strtoul(argv[1], NULL, 10);                                    \
        if (size == 0) {                                                                              \
            fprintf(stderr, "usage: %s [SIZE>0] (default %u)\n", argv[0], (unsigned)(DEFAULT_SIZE));  \
            return 2;                                                                                 \
        }                                                                                             \
        int ok = 1;                                                                                   \
        uint64_t sum = bench_kernel(size, &ok);                                                       \
        return bench_check_(NAME, size, sum, ok, bench_expected_) ? 0 : 1;                            \
    }
#endif

#endif
