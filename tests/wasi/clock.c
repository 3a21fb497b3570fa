/* clock: clock_res_get and clock_time_get on the four clocks (plausible values, monotonic never
 * going back, CPU time advancing with work), an unknown clock id, libc's clock_gettime/time, and
 * sched_yield. */
#include <time.h>

#include "guest.h"

#define SEC 1000000000ULL

static const char *const names[] = {"realtime", "monotonic", "process cputime", "thread cputime"};

int main(void) {
    for (__wasi_clockid_t id = 0; id < 4; id++) {
        char label[64];
        __wasi_timestamp_t res = 0, t = 0;
        snprintf(label, sizeof label, "clock_res_get %s", names[id]);
        if (show(label, __wasi_clock_res_get(id, &res)) == 0)
            printf("%s resolution in (0, 1 s]: %s\n", names[id], res > 0 && res <= SEC ? "yes" : "no");
        snprintf(label, sizeof label, "clock_time_get %s", names[id]);
        show(label, __wasi_clock_time_get(id, 0, &t));
    }
    __wasi_timestamp_t t = 0, prev = 0;
    show("clock_time_get realtime", __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &t));
    yes("realtime after 2020 and before 2100", t > 1577836800ULL * SEC && t < 4102444800ULL * SEC);
    int backwards = 0;
    (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &prev);
    __wasi_timestamp_t first = prev;
    for (int i = 0; i < 10000; i++) {
        (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t);
        backwards += t < prev;
        prev = t;
    }
    yes("monotonic never went back in 10000 reads", !backwards);
    yes("monotonic advanced", prev > first);
    __wasi_timestamp_t c0 = 0, c1 = 0;
    (void)__wasi_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 1, &c0);
    volatile uint64_t x = 1;
    for (int i = 0; i < 3000000; i++) x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    (void)__wasi_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 1, &c1);
    yes("process cputime advanced with work", c1 > c0);
    show("clock_res_get unknown id 4", __wasi_clock_res_get(4, &t));
    show("clock_time_get unknown id 4", __wasi_clock_time_get(4, 1, &t));
    show("clock_time_get unknown id 0xffffffff", __wasi_clock_time_get(0xffffffffu, 1, &t));
    struct timespec ts;
    yes("libc clock_gettime(CLOCK_MONOTONIC)", clock_gettime(CLOCK_MONOTONIC, &ts) == 0);
    time_t now = time(NULL);
    (void)__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &t);
    yes("libc time() agrees with clock_time_get", (uint64_t)now <= t / SEC && t / SEC - (uint64_t)now <= 2);
    for (int i = 0; i < 3; i++) show("sched_yield", __wasi_sched_yield());
    return 0;
}
