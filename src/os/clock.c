/* POSIX clocks for the WASI layer: clock_gettime/clock_getres on the four WASI clocks. */
#define _POSIX_C_SOURCE 200809L
#include "clock.h"

#include <errno.h>
#include <sched.h>
#include <time.h>

static bool os_clock_id(enum os_clock which, clockid_t *id) {
    switch (which) {
    case OS_CLOCK_REALTIME: *id = CLOCK_REALTIME; return true;
    case OS_CLOCK_MONOTONIC: *id = CLOCK_MONOTONIC; return true;
#ifdef CLOCK_PROCESS_CPUTIME_ID
    case OS_CLOCK_PROCESS_CPU: *id = CLOCK_PROCESS_CPUTIME_ID; return true;
#endif
#ifdef CLOCK_THREAD_CPUTIME_ID
    case OS_CLOCK_THREAD_CPU: *id = CLOCK_THREAD_CPUTIME_ID; return true;
#endif
    default: return false;
    }
}

/* Negative times (before 1970) clamp to 0: WASI timestamps are unsigned. */
static uint64_t os_ts_ns(const struct timespec *ts) {
    if (ts->tv_sec < 0) return 0;
    return (uint64_t)ts->tv_sec * 1000000000u + (uint64_t)ts->tv_nsec;
}

int os_clock_now(enum os_clock which, uint64_t *ns) {
    clockid_t id;
    if (!os_clock_id(which, &id)) return EINVAL;
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0) return errno;
    *ns = os_ts_ns(&ts);
    return 0;
}

int os_clock_res(enum os_clock which, uint64_t *ns) {
    clockid_t id;
    if (!os_clock_id(which, &id)) return EINVAL;
    struct timespec ts;
    if (clock_getres(id, &ts) != 0) return errno;
    *ns = os_ts_ns(&ts);
    if (*ns == 0) *ns = 1;
    return 0;
}

void os_yield(void) { sched_yield(); }
