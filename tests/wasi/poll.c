/* poll: poll_oneoff with clock subscriptions (relative, absolute, several at once, zero timeout,
 * both clocks), fd readiness on files, stdio and a pipe whose data arrives late, error events, and
 * the libc sleeps built on it. `poll` alone uses a stdin file; `poll pipe` expects a pipe on stdin
 * that stays empty for about a second and then carries "late"; `poll absolute` tests deadlines. */
#include <time.h>
#include <unistd.h>

#include "guest.h"

#define MS 1000000ULL

static __wasi_timestamp_t mono(void) {
    __wasi_timestamp_t t = 0;
    (void)__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t);
    return t;
}

static __wasi_subscription_t clock_sub(uint64_t userdata, __wasi_clockid_t id, uint64_t timeout,
                                       __wasi_subclockflags_t flags) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = __WASI_EVENTTYPE_CLOCK;
    s.u.u.clock.id = id;
    s.u.u.clock.timeout = timeout;
    s.u.u.clock.precision = 0;
    s.u.u.clock.flags = flags;
    return s;
}

static __wasi_subscription_t fd_sub(uint64_t userdata, __wasi_eventtype_t type, __wasi_fd_t fd) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = type;
    s.u.u.fd_read.file_descriptor = fd; /* fd_read and fd_write share the layout */
    return s;
}

static const char *event_name(__wasi_eventtype_t t) {
    return t == __WASI_EVENTTYPE_CLOCK ? "clock" : t == __WASI_EVENTTYPE_FD_READ ? "fd_read"
                                       : t == __WASI_EVENTTYPE_FD_WRITE          ? "fd_write"
                                                                                 : "bad type";
}

/* Polls and prints the events, sorted by userdata so the order does not matter. */
static __wasi_size_t poll_show(const char *label, const __wasi_subscription_t *subs, size_t n, int show_nbytes) {
    __wasi_event_t ev[8];
    __wasi_size_t got = 0;
    memset(ev, 0xaa, sizeof ev);
    int32_t e = __wasi_poll_oneoff(subs, ev, n, &got);
    for (__wasi_size_t i = 1; i < got; i++)
        for (__wasi_size_t j = i; j > 0 && ev[j - 1].userdata > ev[j].userdata; j--) {
            __wasi_event_t t = ev[j];
            ev[j] = ev[j - 1];
            ev[j - 1] = t;
        }
    /* One line per poll, so a known deviation can be named by its label. */
    printf("%s: %s, %u event%s", label, errname(e), (unsigned)got, got == 1 ? "" : "s");
    for (__wasi_size_t i = 0; i < got && i < 8; i++) {
        printf("%s0x%llx %s %s", i ? "; " : " [", (unsigned long long)ev[i].userdata, event_name(ev[i].type),
               errname(ev[i].error));
        if (show_nbytes && ev[i].type != __WASI_EVENTTYPE_CLOCK && !ev[i].error)
            printf(" nbytes %llu", (unsigned long long)ev[i].fd_readwrite.nbytes);
    }
    printf("%s\n", got ? "]" : "");
    fflush(stdout);
    return got;
}

static void clocks(void) {
    puts("-- clocks");
    __wasi_subscription_t s[4];
    __wasi_timestamp_t t0 = mono();
    s[0] = clock_sub(0x1234, __WASI_CLOCKID_MONOTONIC, 50 * MS, 0);
    poll_show("relative 50 ms", s, 1, 0);
    __wasi_timestamp_t dt = mono() - t0;
    yes("slept at least 50 ms", dt >= 50 * MS);
    yes("slept less than 5 s", dt < 5000 * MS);

    t0 = mono();
    s[0] = clock_sub(0x10, __WASI_CLOCKID_MONOTONIC, 5000 * MS, 0);
    s[1] = clock_sub(0x20, __WASI_CLOCKID_MONOTONIC, 20 * MS, 0);
    poll_show("5 s and 20 ms", s, 2, 0);
    dt = mono() - t0;
    yes("woke after 20 ms and before 5 s", dt >= 20 * MS && dt < 5000 * MS);

    t0 = mono();
    s[0] = clock_sub(0x30, __WASI_CLOCKID_MONOTONIC, 0, 0);
    poll_show("timeout 0", s, 1, 0);
    yes("returned at once", mono() - t0 < 2000 * MS);

    t0 = mono();
    s[0] = clock_sub(0x40, __WASI_CLOCKID_REALTIME, 20 * MS, 0);
    poll_show("realtime relative 20 ms", s, 1, 0);
    yes("slept at least 20 ms", mono() - t0 >= 20 * MS);

    __wasi_event_t ev;
    __wasi_size_t got = 0;
    show("no subscriptions", __wasi_poll_oneoff(s, &ev, 0, &got));

    puts("-- libc sleeps");
    t0 = mono();
    struct timespec ts = {0, 15 * 1000 * 1000};
    yes("nanosleep 15 ms", nanosleep(&ts, NULL) == 0 && mono() - t0 >= 15 * MS);
    t0 = mono();
    yes("usleep 15000", usleep(15000) == 0 && mono() - t0 >= 15 * MS);
    t0 = mono();
    yes("clock_nanosleep 15 ms", clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL) == 0 && mono() - t0 >= 15 * MS);
}

static void fds(void) {
    puts("-- fd readiness");
    __wasi_fd_t f;
    show("create data.txt", open_at(SANDBOX_FD, "data.txt", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, ALL_RIGHTS,
                                     0, &f));
    __wasi_ciovec_t iov = {(const uint8_t *)"0123456789", 10};
    __wasi_size_t n;
    show("write 10 bytes", __wasi_fd_write(f, &iov, 1, &n));
    __wasi_filesize_t pos;
    show("seek to 4", __wasi_fd_seek(f, 4, __WASI_WHENCE_SET, &pos));
    __wasi_subscription_t s[4];
    __wasi_timestamp_t t0 = mono();
    s[0] = fd_sub(0x1, __WASI_EVENTTYPE_FD_READ, f);
    s[1] = clock_sub(0x9, __WASI_CLOCKID_MONOTONIC, 20000 * MS, 0);
    poll_show("file readable (with a 20 s clock)", s, 2, 1);
    yes("did not wait for the clock", mono() - t0 < 10000 * MS);
    s[0] = fd_sub(0x2, __WASI_EVENTTYPE_FD_WRITE, f);
    poll_show("file writable", s, 1, 0);
    s[0] = fd_sub(0x3, __WASI_EVENTTYPE_FD_READ, f);
    s[1] = fd_sub(0x4, __WASI_EVENTTYPE_FD_WRITE, f);
    poll_show("file readable and writable", s, 2, 0);
    s[0] = fd_sub(0x5, __WASI_EVENTTYPE_FD_WRITE, 1);
    poll_show("stdout writable", s, 1, 0);
    s[0] = fd_sub(0x6, __WASI_EVENTTYPE_FD_READ, 0);
    poll_show("stdin (a file) readable", s, 1, 0);
    s[0] = fd_sub(0x7, __WASI_EVENTTYPE_FD_READ, 1234);
    poll_show("never-opened fd", s, 1, 0);
    show("close data.txt", __wasi_fd_close(f));
}

/* Absolute deadlines (a separate case: Node takes the deadline for a relative timeout and hangs). */
static void absolute(void) {
    puts("-- absolute deadlines");
    __wasi_subscription_t s[2];
    __wasi_timestamp_t t0 = mono();
    s[0] = clock_sub(0x2, __WASI_CLOCKID_MONOTONIC, t0 + 30 * MS, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
    poll_show("absolute now + 30 ms", s, 1, 0);
    yes("woke at or after the deadline", mono() >= t0 + 30 * MS);

    t0 = mono();
    s[0] = clock_sub(0x3, __WASI_CLOCKID_MONOTONIC, t0 - 1000 * MS, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
    poll_show("absolute deadline in the past", s, 1, 0);
    yes("returned at once", mono() - t0 < 2000 * MS);

    __wasi_timestamp_t rt = 0;
    (void)__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &rt);
    t0 = mono();
    s[0] = clock_sub(0x4, __WASI_CLOCKID_REALTIME, rt + 30 * MS, __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME);
    poll_show("absolute realtime now + 30 ms", s, 1, 0);
    yes("slept at least 20 ms", mono() - t0 >= 20 * MS);
}

/* Standard input is a pipe that stays empty for a while: the clock wins, then the data comes. */
static void late_pipe(void) {
    puts("-- a pipe whose data arrives late");
    __wasi_subscription_t s[2];
    __wasi_timestamp_t t0 = mono();
    s[0] = fd_sub(0x1, __WASI_EVENTTYPE_FD_READ, 0);
    s[1] = clock_sub(0x2, __WASI_CLOCKID_MONOTONIC, 100 * MS, 0);
    poll_show("empty pipe with a 100 ms clock", s, 2, 0);
    yes("waited for the clock", mono() - t0 >= 100 * MS);
    s[1] = clock_sub(0x2, __WASI_CLOCKID_MONOTONIC, 30000 * MS, 0);
    poll_show("pipe with a 30 s clock", s, 2, 0);
    yes("woke for the data, not the clock", mono() - t0 < 25000 * MS);
    char buf[16];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t n = 0;
    show("read", __wasi_fd_read(0, &iov, 1, &n));
    printf("read: [%.*s]\n", (int)(n && buf[n - 1] == '\n' ? n - 1 : n), buf);
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "pipe") == 0) {
        late_pipe();
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "absolute") == 0) {
        absolute();
        return 0;
    }
    clocks();
    fds();
    return 0;
}
