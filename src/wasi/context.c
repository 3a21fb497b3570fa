/* The WASI context (struct wisp_wasi): arguments, environment, stdio wiring, preopens, sockets
 * and the virtual fd table every guest fd number is looked up in. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../base/result.h"
#include "../runtime/runtime.h"
#include "wasi_internal.h"

/* ---- small helpers ---- */

bool wasi_buf_append(struct wisp_wasi *w, struct wasi_buf *b, const void *data, size_t len) {
    if (len == 0) return true;
    if (len > SIZE_MAX - b->len - 1) return false;
    if (base_grow(w->alloc, (void **)&b->data, &b->cap, b->len + len, 1) != 0) return false;
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return true;
}

static void buf_free(struct wisp_wasi *w, struct wasi_buf *b) {
    base_free(w->alloc, b->data, b->cap);
    memset(b, 0, sizeof *b);
}

/* An argument error that needs no allocation (for NULL handles). */
static struct wisp_result static_bad(const char *msg) {
    struct wisp_result r = base_ok();
    r.kind = WISP_ERROR;
    r.error = WISP_ERR_ARGUMENT;
    r.message = (char *)(uintptr_t)msg; /* owner_ NULL: not freed */
    return r;
}

static struct wisp_result bad(struct wisp_wasi *w, const char *msg) {
    return base_error(w->alloc, WISP_ERR_ARGUMENT, UINT64_MAX, UINT32_MAX, "%s", msg);
}

/* ---- the fd table ---- */

void wasi_dirsnap_free(struct wisp_wasi *w, struct wasi_dirsnap *d) {
    if (!d) return;
    base_free(w->alloc, d->ents, d->cap * sizeof *d->ents);
    base_free(w->alloc, d->names, d->names_cap);
    base_free(w->alloc, d, sizeof *d);
}

void wasi_fd_release(struct wisp_wasi *w, struct wasi_fd *e) {
    if (e->kind == WASI_FD_HOST && e->owned && e->host >= 0) close(e->host);
    if (e->preopen) base_free(w->alloc, e->preopen, e->preopen_len + 1);
    wasi_dirsnap_free(w, e->dir);
    memset(e, 0, sizeof *e);
    e->kind = WASI_FD_FREE;
    e->host = -1;
}

struct wasi_fd *wasi_fd_lookup(struct wisp_wasi *w, uint32_t fd, uint64_t rights, uint16_t *err) {
    if (fd >= w->nfds || w->fds[fd].kind == WASI_FD_FREE) {
        *err = WASI_EBADF;
        return NULL;
    }
    struct wasi_fd *e = &w->fds[fd];
    if ((e->rights_base & rights) != rights) {
        *err = WASI_ENOTCAPABLE;
        return NULL;
    }
    *err = WASI_ESUCCESS;
    return e;
}

/* Makes the table at least n entries long (new entries free). */
static bool fd_table_reserve(struct wisp_wasi *w, size_t n) {
    if (n <= w->nfds) return true;
    if (base_grow(w->alloc, (void **)&w->fds, &w->capfds, n, sizeof *w->fds) != 0) return false;
    for (size_t i = w->nfds; i < n; i++) {
        memset(&w->fds[i], 0, sizeof w->fds[i]);
        w->fds[i].host = -1;
    }
    w->nfds = n;
    return true;
}

int64_t wasi_fd_alloc(struct wisp_wasi *w, uint16_t *err) {
    for (size_t i = 0; i < w->nfds; i++)
        if (w->fds[i].kind == WASI_FD_FREE) return (int64_t)i;
    if (w->nfds >= WASI_MAX_FDS) {
        *err = WASI_EMFILE;
        return -1;
    }
    if (!fd_table_reserve(w, w->nfds + 1)) {
        *err = WASI_ENOMEM;
        return -1;
    }
    return (int64_t)(w->nfds - 1);
}

void wasi_fd_init_host(struct wasi_fd *e, int host, bool owned) {
    struct stat st;
    memset(e, 0, sizeof *e);
    e->kind = WASI_FD_HOST;
    e->host = host;
    e->owned = owned;
    e->filetype = WASI_FILETYPE_UNKNOWN;
    if (fstat(host, &st) == 0) e->filetype = wasi_filetype(st.st_mode, host);
    switch (e->filetype) {
    case WASI_FILETYPE_REGULAR_FILE:
    case WASI_FILETYPE_BLOCK_DEVICE:
        e->rights_base = WASI_RIGHTS_FILE;
        break;
    case WASI_FILETYPE_CHARACTER_DEVICE:
        e->rights_base = WASI_RIGHTS_STREAM;
        if (!isatty(host)) e->rights_base |= WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL; /* /dev/null */
        break;
    case WASI_FILETYPE_SOCKET_STREAM:
    case WASI_FILETYPE_SOCKET_DGRAM:
        e->rights_base = WASI_RIGHTS_SOCKET;
        e->socket = true;
        break;
    case WASI_FILETYPE_DIRECTORY: /* a directory as stdio: no path rights (it is no preopen) */
        e->rights_base = WASI_RIGHT_FD_FILESTAT_GET | WASI_RIGHT_POLL_FD_READWRITE;
        break;
    default: /* pipes and the unknown */
        e->rights_base = WASI_RIGHTS_STREAM;
        break;
    }
    e->rights_inh = 0;
}

/* ---- public API ---- */

struct wisp_wasi *wisp_wasi_new(struct wisp_engine *engine) {
    if (!engine) return NULL;
    const struct wisp_allocator *a = &engine->alloc;
    struct wisp_wasi *w = base_alloc(a, sizeof *w);
    if (!w) return NULL;
    memset(w, 0, sizeof *w);
    w->engine = engine;
    w->alloc = a;
    if (!fd_table_reserve(w, 3)) {
        base_free(a, w, sizeof *w);
        return NULL;
    }
    for (int i = 0; i < 3; i++) wasi_fd_init_host(&w->fds[i], i, false);
    return w;
}

void wisp_wasi_free(struct wisp_wasi *w) {
    if (!w) return;
    for (size_t i = 0; i < w->nfds; i++) wasi_fd_release(w, &w->fds[i]);
    base_free(w->alloc, w->fds, w->capfds * sizeof *w->fds);
    buf_free(w, &w->args);
    buf_free(w, &w->env);
    for (int i = 0; i < 3; i++) buf_free(w, &w->out[i]);
    base_free(w->alloc, w->stdin_data, w->stdin_len);
    base_free(w->alloc, w, sizeof *w);
}

struct wisp_result wisp_wasi_set_args(struct wisp_wasi *w, size_t argc, const char *const *argv) {
    if (!w || (argc && !argv)) return static_bad("NULL argument");
    if (argc > UINT32_MAX) return bad(w, "too many arguments");
    struct wasi_buf b = {0};
    for (size_t i = 0; i < argc; i++) {
        if (!argv[i]) {
            buf_free(w, &b);
            return bad(w, "NULL argument string");
        }
        if (!wasi_buf_append(w, &b, argv[i], strlen(argv[i]) + 1)) {
            buf_free(w, &b);
            return base_oom();
        }
    }
    buf_free(w, &w->args);
    w->args = b;
    w->argc = (uint32_t)argc;
    return base_ok();
}

struct wisp_result wisp_wasi_add_env(struct wisp_wasi *w, const char *name, const char *value) {
    if (!w || !name || !value)
        return static_bad("NULL context, name or value");
    if (!*name || strchr(name, '=')) return bad(w, "environment variable name is empty or contains '='");
    if (w->envc == UINT32_MAX) return bad(w, "too many environment variables");
    size_t old = w->env.len;
    if (!wasi_buf_append(w, &w->env, name, strlen(name)) || !wasi_buf_append(w, &w->env, "=", 1) ||
        !wasi_buf_append(w, &w->env, value, strlen(value) + 1)) {
        w->env.len = old;
        return base_oom();
    }
    w->envc++;
    return base_ok();
}

/* Puts entry `e` at guest fd `fd` (0..2), closing what was there. */
static struct wisp_result set_stdio(struct wisp_wasi *w, int fd, const struct wasi_fd *e) {
    if (!fd_table_reserve(w, (size_t)fd + 1)) return base_oom();
    wasi_fd_release(w, &w->fds[fd]);
    w->fds[fd] = *e;
    return base_ok();
}

struct wisp_result wisp_wasi_preopen_dir(struct wisp_wasi *w, const char *host_path, const char *guest_path,
                                         unsigned flags) {
    if (!w || !host_path || !guest_path)
        return static_bad("NULL context or path");
    if (flags & ~(unsigned)WISP_WASI_DIR_READONLY) return bad(w, "unknown preopen flags");
    int fd = open(host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
#ifdef O_PATH
    if (fd < 0 && errno == EACCES) fd = open(host_path, O_PATH | O_DIRECTORY | O_CLOEXEC); /* search-only dir */
#endif
    if (fd < 0) {
        int e = errno;
        return base_error(w->alloc, WISP_ERR_ARGUMENT, UINT64_MAX, UINT32_MAX, "cannot preopen '%s': %s", host_path,
                          e == ENOTDIR ? "not a directory" : strerror(e));
    }
    size_t glen = strlen(guest_path);
    char *name = base_strndup(w->alloc, guest_path, glen);
    uint16_t err = 0;
    int64_t slot = name ? wasi_fd_alloc(w, &err) : -1;
    if (slot < 0) {
        if (name) base_free(w->alloc, name, glen + 1);
        close(fd);
        return base_oom();
    }
    struct wasi_fd *e = &w->fds[slot];
    memset(e, 0, sizeof *e);
    e->kind = WASI_FD_HOST;
    e->filetype = WASI_FILETYPE_DIRECTORY;
    e->host = fd;
    e->owned = true;
    e->readonly = (flags & WISP_WASI_DIR_READONLY) != 0;
    e->rights_base = WASI_RIGHTS_DIR;
    e->rights_inh = WASI_RIGHTS_DIR | WASI_RIGHTS_FILE;
    e->preopen = name;
    e->preopen_len = glen;
    return base_ok();
}

struct wisp_result wisp_wasi_set_stdio_fd(struct wisp_wasi *w, int guest_fd, int host_fd) {
    if (!w) return static_bad("NULL context");
    if (guest_fd < 0 || guest_fd > 2) return bad(w, "guest stdio fd must be 0, 1 or 2");
    if (host_fd < 0 || fcntl(host_fd, F_GETFD) < 0) return bad(w, "host fd is not open");
    struct wasi_fd e;
    wasi_fd_init_host(&e, host_fd, false);
    return set_stdio(w, guest_fd, &e);
}

struct wisp_result wisp_wasi_set_stdin_buffer(struct wisp_wasi *w, const void *data, size_t len) {
    if (!w || (len && !data)) return static_bad("NULL argument");
    uint8_t *copy = NULL;
    if (len) {
        copy = base_alloc(w->alloc, len);
        if (!copy) return base_oom();
        memcpy(copy, data, len);
    }
    struct wasi_fd e;
    memset(&e, 0, sizeof e);
    e.kind = WASI_FD_STDIN;
    e.host = -1;
    e.filetype = WASI_FILETYPE_UNKNOWN;
    e.rights_base = WASI_RIGHTS_STREAM & ~WASI_RIGHT_FD_WRITE;
    struct wisp_result r = set_stdio(w, 0, &e);
    if (r.kind != WISP_OK) {
        base_free(w->alloc, copy, len);
        return r;
    }
    base_free(w->alloc, w->stdin_data, w->stdin_len);
    w->stdin_data = copy;
    w->stdin_len = len;
    w->stdin_pos = 0;
    return base_ok();
}

struct wisp_result wisp_wasi_capture_output(struct wisp_wasi *w, int guest_fd) {
    if (!w) return static_bad("NULL context");
    if (guest_fd != 1 && guest_fd != 2) return bad(w, "only guest fds 1 and 2 can be captured");
    struct wasi_fd e;
    memset(&e, 0, sizeof e);
    e.kind = WASI_FD_CAPTURE;
    e.host = -1;
    e.stream = guest_fd;
    e.filetype = WASI_FILETYPE_UNKNOWN;
    e.rights_base = WASI_RIGHTS_STREAM & ~WASI_RIGHT_FD_READ;
    struct wisp_result r = set_stdio(w, guest_fd, &e);
    if (r.kind == WISP_OK) w->captured[guest_fd] = true;
    return r;
}

const uint8_t *wisp_wasi_output(const struct wisp_wasi *w, int guest_fd, size_t *len) {
    if (len) *len = 0;
    if (!w || (guest_fd != 1 && guest_fd != 2) || !w->captured[guest_fd]) return NULL;
    if (len) *len = w->out[guest_fd].len;
    /* A capture that received nothing yet still returns a valid (empty) buffer. */
    return w->out[guest_fd].data ? w->out[guest_fd].data : (const uint8_t *)"";
}

struct wisp_result wisp_wasi_add_socket(struct wisp_wasi *w, int host_fd, uint32_t *guest_fd) {
    if (!w || !guest_fd) return static_bad("NULL argument");
    int type;
    socklen_t tl = sizeof type;
    if (host_fd < 0 || getsockopt(host_fd, SOL_SOCKET, SO_TYPE, &type, &tl) != 0)
        return bad(w, "host fd is not a socket");
    uint16_t err = 0;
    int64_t slot = wasi_fd_alloc(w, &err);
    if (slot < 0) return err == WASI_ENOMEM ? base_oom() : bad(w, "too many guest fds");
    wasi_fd_init_host(&w->fds[slot], host_fd, false);
    w->fds[slot].rights_inh = WASI_RIGHTS_SOCKET; /* for sock_accept */
    *guest_fd = (uint32_t)slot;
    return base_ok();
}

void wisp_wasi_set_deterministic(struct wisp_wasi *w, uint64_t seed) {
    if (!w) return;
    w->deterministic = true;
    w->rng = seed;
    w->det_ns = 0;
}
