/* Arguments, environment, process exit, signals and sched_yield. */
#define _GNU_SOURCE 1
#include <string.h>

#include "../os/clock.h"
#include "wasi_internal.h"

#define ARG32(i) ((uint32_t)a[i].of.i32)

/* argv-style pointers into a guest buffer: the strings of `b` (count n) are copied to buf and
 * their guest addresses stored at vec. */
static uint16_t put_strings(struct wasi_call *c, const struct wasi_buf *b, uint32_t n, uint32_t vec, uint32_t buf) {
    uint8_t *pv = wasi_mem(c, vec, (uint64_t)n * 4);
    uint8_t *pb = wasi_mem(c, buf, b->len);
    if (!pv || !pb) return WASI_EFAULT;
    size_t off = 0;
    for (uint32_t i = 0; i < n; i++) {
        wasi_st32(pv + 4 * (size_t)i, (uint32_t)(buf + off));
        off += strlen((const char *)b->data + off) + 1;
    }
    if (b->len) memcpy(pb, b->data, b->len);
    return WASI_ESUCCESS;
}

static uint16_t put_sizes(struct wasi_call *c, const struct wasi_buf *b, uint32_t n, uint32_t pn, uint32_t psize) {
    if (!wasi_mem(c, pn, 4) || !wasi_mem(c, psize, 4)) return WASI_EFAULT;
    if (b->len > UINT32_MAX) return WASI_EOVERFLOW;
    wasi_put32(c, pn, n);
    wasi_put32(c, psize, (uint32_t)b->len);
    return WASI_ESUCCESS;
}

WASI_IMPL(args_get) { return put_strings(c, &c->w->args, c->w->argc, ARG32(0), ARG32(1)); }
WASI_IMPL(args_sizes_get) { return put_sizes(c, &c->w->args, c->w->argc, ARG32(0), ARG32(1)); }
WASI_IMPL(environ_get) { return put_strings(c, &c->w->env, c->w->envc, ARG32(0), ARG32(1)); }
WASI_IMPL(environ_sizes_get) { return put_sizes(c, &c->w->env, c->w->envc, ARG32(0), ARG32(1)); }

WASI_IMPL(proc_exit) {
    /* The trampoline turns this into wisp_exit_new(code): the guest unwinds, the host sees
     * WISP_EXIT with the code. */
    c->exiting = true;
    c->exit_code = (int32_t)ARG32(0);
    return WASI_ESUCCESS;
}

WASI_IMPL(proc_raise) {
    /* Legacy (dropped from later preview1 revisions): signals have no meaning inside the sandbox. */
    (void)c;
    (void)a;
    return WASI_ENOSYS;
}

WASI_IMPL(sched_yield) {
    (void)c;
    (void)a;
    os_yield();
    return WASI_ESUCCESS;
}
