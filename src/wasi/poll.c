/* poll_oneoff: clock subscriptions (relative and absolute, realtime and monotonic) and fd
 * readiness for stdio, files, pipes and sockets. Regular files and memory buffers are always
 * ready; other host fds are waited on with poll() (ppoll on Linux for ns timeouts), the WASI
 * layer's own system call. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "wasi_internal.h"

#define ARG32(i) ((uint32_t)a[i].of.i32)

/* Most subscriptions one call may carry: bounds the host arrays (a guest asking for more gets
 * EINVAL, which no real program meets: wasi-libc's poll() uses one per fd plus one clock). */
#define POLL_MAX_SUBS 65536u

enum { EV_CLOCK = 0, EV_FD_READ = 1, EV_FD_WRITE = 2 };

struct sub {
    uint64_t userdata;
    uint64_t deadline; /* clocks: monotonic (or virtual) ns */
    uint64_t nbytes;
    int pidx;          /* index in the pollfd array, or -1 */
    uint16_t err;
    uint16_t flags;    /* event rwflags (HANGUP = 1) */
    uint8_t type;
    bool ready;
    bool is_clock;
};

static uint64_t sat_add(uint64_t a, uint64_t b) { return a > UINT64_MAX - b ? UINT64_MAX : a + b; }

/* The "now" poll deadlines are measured on: monotonic, or the virtual clock. */
static uint64_t poll_now(struct wisp_wasi *w) {
    uint64_t ns = 0;
    wasi_clock_now(w, WASI_CLOCK_MONOTONIC, false, &ns);
    return ns;
}

static void parse_clock(struct wisp_wasi *w, const uint8_t *s, struct sub *x, uint64_t mono_now) {
    uint32_t id = wasi_ld32(s + 16);
    uint64_t timeout = wasi_ld64(s + 24);
    uint16_t flags = wasi_ld16(s + 40);
    x->is_clock = true;
    if (flags & ~1u) {
        x->err = WASI_EINVAL;
        x->ready = true;
        return;
    }
    if (id == WASI_CLOCK_PROCESS || id == WASI_CLOCK_THREAD) {
        x->err = WASI_ENOTSUP; /* nothing to wait on for CPU-time clocks */
        x->ready = true;
        return;
    }
    if (id != WASI_CLOCK_REALTIME && id != WASI_CLOCK_MONOTONIC) {
        x->err = WASI_EINVAL;
        x->ready = true;
        return;
    }
    uint64_t remaining = timeout;
    if (flags & 1) { /* absolute: a time on that clock */
        uint64_t now = 0;
        wasi_clock_now(w, id, false, &now);
        remaining = timeout > now ? timeout - now : 0;
    }
    x->deadline = sat_add(mono_now, remaining);
}

/* Readiness that needs no waiting: files and memory buffers. Returns true if x is settled. */
static bool parse_fd(struct wisp_wasi *w, const uint8_t *s, struct sub *x, struct pollfd *pfd, int *np) {
    uint32_t fd = wasi_ld32(s + 16);
    uint16_t err;
    struct wasi_fd *e = wasi_fd_lookup(w, fd, WASI_RIGHT_POLL_FD_READWRITE, &err);
    if (!e) {
        x->err = err;
        return true;
    }
    bool rd = x->type == EV_FD_READ;
    if (e->kind == WASI_FD_STDIN || e->kind == WASI_FD_CAPTURE) {
        if (rd != (e->kind == WASI_FD_STDIN)) {
            x->err = WASI_EBADF; /* reading a capture or writing stdin's buffer */
        } else if (rd) {
            x->nbytes = w->stdin_len - w->stdin_pos;
            if (x->nbytes == 0) x->flags = 1; /* end of input */
        }
        return true;
    }
    if (e->filetype == WASI_FILETYPE_REGULAR_FILE || e->filetype == WASI_FILETYPE_DIRECTORY) {
        if (rd && e->filetype == WASI_FILETYPE_REGULAR_FILE) {
            struct stat st;
            off_t pos = lseek(e->host, 0, SEEK_CUR);
            if (fstat(e->host, &st) == 0 && pos >= 0 && st.st_size > pos) x->nbytes = (uint64_t)(st.st_size - pos);
        }
        return true;
    }
    pfd[*np].fd = e->host;
    pfd[*np].events = rd ? POLLIN : POLLOUT;
    pfd[*np].revents = 0;
    x->pidx = (*np)++;
    return false;
}

/* Waits up to timeout_ns (UINT64_MAX: forever) for the pollfds. Returns poll's count or -1. */
static int wait_fds(struct pollfd *pfd, int np, uint64_t timeout_ns) {
#if defined(__linux__)
    struct timespec ts, *tp = NULL;
    if (timeout_ns != UINT64_MAX) {
        ts.tv_sec = (time_t)(timeout_ns / 1000000000u);
        ts.tv_nsec = (long)(timeout_ns % 1000000000u);
        tp = &ts;
    }
    return ppoll(np ? pfd : NULL, (nfds_t)np, tp, NULL);
#else
    int ms = -1;
    if (timeout_ns != UINT64_MAX) {
        uint64_t m = timeout_ns / 1000000u + (timeout_ns % 1000000u != 0);
        ms = m > 86400000u ? 86400000 : (int)m;
    }
    return poll(np ? pfd : NULL, (nfds_t)np, ms);
#endif
}

WASI_IMPL(poll_oneoff) {
    struct wisp_wasi *w = c->w;
    uint32_t n = ARG32(2);
    const uint8_t *in = wasi_mem(c, ARG32(0), (uint64_t)n * 48);
    uint8_t *out = wasi_mem(c, ARG32(1), (uint64_t)n * 32);
    if (!in || !out || !wasi_mem(c, ARG32(3), 4)) return WASI_EFAULT;
    if (n == 0 || n > POLL_MAX_SUBS) return WASI_EINVAL;
    struct sub *subs = base_calloc(w->alloc, n, sizeof *subs);
    struct pollfd *pfd = base_calloc(w->alloc, n, sizeof *pfd);
    if (!subs || !pfd) {
        base_free(w->alloc, subs, (size_t)n * sizeof *subs);
        base_free(w->alloc, pfd, (size_t)n * sizeof *pfd);
        return WASI_ENOMEM;
    }
    /* Everything is read before anything is written: in and out may overlap. */
    uint64_t now = poll_now(w);
    int np = 0;
    bool any_ready = false, any_clock = false;
    uint64_t first = UINT64_MAX;
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *s = in + (size_t)i * 48;
        struct sub *x = &subs[i];
        x->userdata = wasi_ld64(s);
        x->type = s[8];
        x->pidx = -1;
        if (x->type == EV_CLOCK) {
            parse_clock(w, s, x, now);
            if (!x->ready) {
                any_clock = true;
                if (x->deadline < first) first = x->deadline;
            }
        } else if (x->type == EV_FD_READ || x->type == EV_FD_WRITE) {
            x->ready = parse_fd(w, s, x, pfd, &np);
        } else {
            x->err = WASI_EINVAL;
            x->ready = true;
        }
        any_ready |= x->ready;
    }

    for (;;) {
        uint64_t timeout = 0;
        if (!any_ready) timeout = any_clock ? (first > now ? first - now : 0) : UINT64_MAX;
        if (w->deterministic && any_clock) timeout = 0; /* virtual time: no real sleeping */
        if (np > 0 || timeout > 0) {
            int r = wait_fds(pfd, np, timeout);
            if (r < 0 && errno != EINTR) {
                uint16_t e = wasi_errno(errno);
                base_free(w->alloc, subs, (size_t)n * sizeof *subs);
                base_free(w->alloc, pfd, (size_t)n * sizeof *pfd);
                return e;
            }
        }
        for (uint32_t i = 0; i < n; i++) {
            struct sub *x = &subs[i];
            if (x->pidx < 0 || x->ready) continue;
            short rv = pfd[x->pidx].revents;
            if (!rv) continue;
            x->ready = true;
            any_ready = true;
            if (rv & POLLNVAL) {
                x->err = WASI_EBADF;
            } else {
                if (rv & POLLHUP) x->flags = 1;
                if (x->type == EV_FD_READ) {
                    int avail = 0;
                    if (ioctl(pfd[x->pidx].fd, FIONREAD, &avail) == 0 && avail > 0) x->nbytes = (uint64_t)avail;
                }
            }
        }
        if (w->deterministic && any_clock && !any_ready) {
            /* Jump the virtual clock to the first deadline, as if we had slept. */
            if (first > w->det_ns) w->det_ns = first;
        }
        now = poll_now(w);
        for (uint32_t i = 0; i < n; i++) {
            struct sub *x = &subs[i];
            if (x->is_clock && !x->ready && x->deadline <= now) x->ready = any_ready = true;
        }
        if (any_ready) break;
    }

    uint32_t nev = 0;
    for (uint32_t i = 0; i < n; i++) {
        const struct sub *x = &subs[i];
        if (!x->ready) continue;
        uint8_t *ev = out + (size_t)nev++ * 32;
        memset(ev, 0, 32);
        wasi_st64(ev, x->userdata);
        wasi_st16(ev + 8, x->err);
        ev[10] = x->type;
        if (!x->is_clock && !x->err) {
            wasi_st64(ev + 16, x->nbytes);
            wasi_st16(ev + 24, x->flags);
        }
    }
    base_free(w->alloc, subs, (size_t)n * sizeof *subs);
    base_free(w->alloc, pfd, (size_t)n * sizeof *pfd);
    wasi_put32(c, ARG32(3), nev);
    return WASI_ESUCCESS;
}
