/* Clocks: wall time, monotonic time and CPU time in nanoseconds (clock_gettime/clock_getres). */
#ifndef WISP_OS_CLOCK_H
#define WISP_OS_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

enum os_clock {
    OS_CLOCK_REALTIME = 0,
    OS_CLOCK_MONOTONIC = 1,
    OS_CLOCK_PROCESS_CPU = 2,
    OS_CLOCK_THREAD_CPU = 3,
};

/* The clock's current value in ns; returns 0 or an errno value (EINVAL for an unknown clock). */
int os_clock_now(enum os_clock which, uint64_t *ns);
/* The clock's resolution in ns; returns 0 or an errno value. */
int os_clock_res(enum os_clock which, uint64_t *ns);
/* Gives up the processor (sched_yield). */
void os_yield(void);

#endif
