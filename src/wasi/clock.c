/* Clocks and randomness: clock_res_get, clock_time_get, random_get, and the deterministic mode
 * (a virtual clock advancing one step per read, a seeded pseudo-random stream) used by tests. */
#define _GNU_SOURCE 1
#include <string.h>

#include "../os/clock.h"
#include "../os/random.h"
#include "wasi_internal.h"

#define ARG32(i) ((uint32_t)a[i].of.i32)

/* Deterministic mode: realtime starts at 2023-11-14T22:13:20Z, the other clocks at 0; every
 * read advances them by 1 ms. */
#define DET_EPOCH_NS 1700000000000000000ull
#define DET_STEP_NS 1000000ull
#define DET_RES_NS 1000ull

uint16_t wasi_clock_now(struct wisp_wasi *w, uint32_t clock, bool advance, uint64_t *ns) {
    if (clock > WASI_CLOCK_THREAD) return WASI_EINVAL;
    if (w->deterministic) {
        if (advance) w->det_ns += DET_STEP_NS;
        *ns = clock == WASI_CLOCK_REALTIME ? DET_EPOCH_NS + w->det_ns : w->det_ns;
        return WASI_ESUCCESS;
    }
    int e = os_clock_now((enum os_clock)clock, ns);
    return e ? wasi_errno(e) : WASI_ESUCCESS;
}

WASI_IMPL(clock_res_get) {
    uint32_t id = ARG32(0);
    if (!wasi_mem(c, ARG32(1), 8)) return WASI_EFAULT;
    if (id > WASI_CLOCK_THREAD) return WASI_EINVAL;
    uint64_t res = DET_RES_NS;
    if (!c->w->deterministic) {
        int e = os_clock_res((enum os_clock)id, &res);
        if (e) return wasi_errno(e);
    }
    wasi_put64(c, ARG32(1), res);
    return WASI_ESUCCESS;
}

WASI_IMPL(clock_time_get) {
    /* a[1] is the requested precision: every clock here is as precise as it gets. */
    if (!wasi_mem(c, ARG32(2), 8)) return WASI_EFAULT;
    uint64_t ns;
    uint16_t err = wasi_clock_now(c->w, ARG32(0), true, &ns);
    if (err) return err;
    wasi_put64(c, ARG32(2), ns);
    return WASI_ESUCCESS;
}

/* splitmix64: a small, well-distributed generator for the deterministic stream (not secure,
 * and only used when the embedder asked for reproducibility). */
static uint64_t det_next(uint64_t *s) {
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

WASI_IMPL(random_get) {
    uint32_t len = ARG32(1);
    uint8_t *p = wasi_mem(c, ARG32(0), len);
    if (!p) return WASI_EFAULT;
    if (c->w->deterministic) {
        for (uint32_t i = 0; i < len; i += 8) {
            uint64_t v = det_next(&c->w->rng);
            for (uint32_t k = 0; k < 8 && i + k < len; k++) p[i + k] = (uint8_t)(v >> (8 * k));
        }
        return WASI_ESUCCESS;
    }
    int e = os_random(p, len);
    return e ? wasi_errno(e) : WASI_ESUCCESS;
}
