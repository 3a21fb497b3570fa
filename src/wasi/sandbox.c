/* Sandboxed path resolution: every guest path is resolved beneath a directory fd, never above it.
 *
 * Two resolvers give the same answers:
 *  - openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS) where the kernel has it (probed once per
 *    context; ENOSYS, or EPERM from a seccomp filter, means "no"): the kernel refuses absolute
 *    paths, `..` above the root and symlinks leading out (EXDEV, reported as ENOTCAPABLE), and
 *    retries internally if a rename races with the walk.
 *  - otherwise a component-by-component walk: each directory is opened with
 *    openat(O_DIRECTORY | O_NOFOLLOW) relative to the fd of the previous one, so the kernel never
 *    follows a symlink for us; symlinks are read with readlinkat and spliced into the rest of the
 *    path; `..` pops our own stack of directory fds instead of asking the kernel for the parent.
 *    A directory swapped for a symlink between two steps is therefore seen as a symlink and
 *    resolved inside the sandbox; a directory moved elsewhere can only be left through `..`,
 *    which never climbs above the fd the walk started from.
 * Both refuse absolute symlink targets (ENOTCAPABLE) and stop after WASI_MAX_SYMLINKS links
 * (ELOOP). Paths up to WASI_PATH_MAX (64 KiB) are accepted: what the kernel refuses as too long
 * for one call (past PATH_MAX) goes to the walk, which takes one component at a time.
 * These are the WASI layer's own system calls (openat, readlinkat, close); openat2 itself lives in
 * src/os/fs.c. */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../os/fs.h"
#include "wasi_internal.h"

#ifdef O_PATH
#define WALK_DIR_FLAGS (O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
#define PARENT_FLAGS (O_PATH | O_DIRECTORY | O_CLOEXEC)
#else
#define WALK_DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
#define PARENT_FLAGS (O_RDONLY | O_DIRECTORY | O_CLOEXEC)
#endif
#define WALK_NAME_MAX 255u /* longest path component (NAME_MAX) */

/* ---- shared pieces ---- */

/* Reads the symlink dirfd/name into a new heap string (*out, *len; allocation size len + 1).
 * Returns 0, EINVAL if it is not a symlink, or another host errno. */
static int read_link(struct wisp_wasi *w, int dirfd, const char *name, char **out, size_t *len) {
    size_t size = WASI_HOST_PATH_MAX + 1;
    char *buf = base_alloc(w->alloc, size);
    if (!buf) return ENOMEM;
    ssize_t n = readlinkat(dirfd, name, buf, size);
    if (n < 0 || (size_t)n >= size) {
        int e = n < 0 ? errno : ENAMETOOLONG;
        base_free(w->alloc, buf, size);
        return e;
    }
    char *t = base_strndup(w->alloc, buf, (size_t)n);
    base_free(w->alloc, buf, size);
    if (!t) return ENOMEM;
    *out = t;
    *len = (size_t)n;
    return 0;
}

/* A symlink's target must be relative: an absolute one would leave the sandbox. */
static uint16_t check_target(const char *t, size_t len) {
    if (len == 0) return WASI_ENOENT;
    if (t[0] == '/') return WASI_ENOTCAPABLE;
    return WASI_ESUCCESS;
}

static bool is_dot(const char *s, size_t n) { return n == 1 && s[0] == '.'; }
static bool is_dotdot(const char *s, size_t n) { return n == 2 && s[0] == '.' && s[1] == '.'; }

static uint16_t at_set_name(struct wisp_wasi *w, struct wasi_at *at, const char *name, size_t n) {
    at->name = base_strndup(w->alloc, name, n);
    if (!at->name) return WASI_ENOMEM;
    at->name_size = n + 1;
    return WASI_ESUCCESS;
}

void wasi_at_release(struct wisp_wasi *w, struct wasi_at *at) {
    if (at->owned && at->dirfd >= 0) close(at->dirfd);
    if (at->name) base_free(w->alloc, at->name, at->name_size);
    at->dirfd = -1;
    at->owned = false;
    at->name = NULL;
}

/* ---- openat2 ---- */

#ifdef O_PATH
static bool use_openat2(struct wisp_wasi *w, int root) {
    if (w->resolver == WASI_RESOLVE_WALK) return false;
    if (w->openat2_state == 0) {
        int fd = os_openat2(root, ".", O_PATH | O_DIRECTORY | O_CLOEXEC, 0,
                            OS_RESOLVE_BENEATH | OS_RESOLVE_NO_MAGICLINKS);
        if (fd >= 0) {
            close(fd);
            w->openat2_state = 1;
        } else if (fd == -ENOSYS || fd == -EPERM || fd == -EINVAL || fd == -E2BIG) {
            w->openat2_state = -1; /* no openat2, or a filter that hides it */
        } else {
            return false; /* undecided (e.g. EMFILE): walk this time, ask again later */
        }
    }
    return w->openat2_state == 1;
}

/* openat2 beneath root, retrying the kernel's EAGAIN (a concurrent rename) a few times. */
static int o2(int root, const char *path, int flags, unsigned mode, uint16_t *err) {
    for (int tries = 0;; tries++) {
        int fd = os_openat2(root, path, flags | O_CLOEXEC, (flags & O_CREAT) ? mode : 0,
                            OS_RESOLVE_BENEATH | OS_RESOLVE_NO_MAGICLINKS);
        if (fd >= 0) return fd;
        if (fd == -EAGAIN && tries < 64) continue;
        *err = fd == -EXDEV ? WASI_ENOTCAPABLE : wasi_errno(-fd);
        return -1;
    }
}

static uint16_t o2_open(int root, const char *path, int oflags, unsigned mode, bool follow, int *fd_out) {
    uint16_t err = 0;
    int fd = o2(root, path, oflags | (follow ? 0 : O_NOFOLLOW), mode, &err);
    if (fd < 0) return err;
    *fd_out = fd;
    return WASI_ESUCCESS;
}

static uint16_t o2_parent(struct wisp_wasi *w, int root, const char *path, size_t len, bool follow,
                          struct wasi_at *at) {
    char *cur = base_strndup(w->alloc, path, len);
    size_t clen = len;
    if (!cur) return WASI_ENOMEM;
    uint16_t err = WASI_ESUCCESS;
    for (unsigned links = 0;;) {
        size_t end = clen;
        while (end > 0 && cur[end - 1] == '/') end--;
        size_t s = end;
        while (s > 0 && cur[s - 1] != '/') s--;
        bool slash = end < clen;
        if (is_dot(cur + s, end - s) || is_dotdot(cur + s, end - s)) {
            /* The path names a directory itself: operate on "." inside it. */
            int fd = o2(root, cur, PARENT_FLAGS, 0, &err);
            if (fd < 0) break;
            at->dirfd = fd;
            at->owned = true;
            err = at_set_name(w, at, ".", 1);
            break;
        }
        int dirfd = root;
        if (s > 0) {
            char c0 = cur[s];
            cur[s] = '\0';
            dirfd = o2(root, cur, PARENT_FLAGS, 0, &err);
            cur[s] = c0;
            if (dirfd < 0) break;
        }
        cur[end] = '\0';
        const char *name = cur + s;
        char *t = NULL;
        size_t tl = 0;
        int rl = follow ? read_link(w, dirfd, name, &t, &tl) : EINVAL;
        if (rl != 0) {
            if (rl == ENOMEM) err = WASI_ENOMEM;
            else if (rl == ENAMETOOLONG) err = WASI_ENAMETOOLONG;
            if (err) {
                if (dirfd != root) close(dirfd);
                break;
            }
            /* Not a symlink (or absent): this is the entry. */
            at->dirfd = dirfd;
            at->owned = dirfd != root;
            at->must_dir = slash;
            err = at_set_name(w, at, name, end - s);
            break;
        }
        if (dirfd != root) close(dirfd);
        err = check_target(t, tl);
        if (!err && ++links > WASI_MAX_SYMLINKS) err = WASI_ELOOP;
        if (err) {
            base_free(w->alloc, t, tl + 1);
            break;
        }
        /* Re-resolve "<dir part>/<target>[/]". */
        size_t nlen = s + tl + (slash ? 1 : 0);
        char *n = base_alloc(w->alloc, nlen + 1);
        if (!n) {
            base_free(w->alloc, t, tl + 1);
            err = WASI_ENOMEM;
            break;
        }
        memcpy(n, cur, s);
        memcpy(n + s, t, tl);
        if (slash) n[s + tl] = '/';
        n[nlen] = '\0';
        base_free(w->alloc, t, tl + 1);
        base_free(w->alloc, cur, clen + 1);
        cur = n;
        clen = nlen;
    }
    base_free(w->alloc, cur, clen + 1);
    return err;
}
#endif

/* ---- the component walk ---- */

struct walk {
    struct wisp_wasi *w;
    char *p;         /* the path still to resolve, NUL-terminated (allocation len + 1) */
    size_t len, pos;
    int *fds;        /* fds[0] is the root (not ours), fds[i > 0] the directories descended into */
    size_t depth, cap;
    unsigned links;
};

static void walk_free(struct walk *k) {
    for (size_t i = 1; i <= k->depth; i++) close(k->fds[i]);
    base_free(k->w->alloc, k->fds, k->cap * sizeof *k->fds);
    base_free(k->w->alloc, k->p, k->len + 1);
}

/* The current directory leaves the walk (for a wasi_at): the caller owns it unless it is the root. */
static void walk_take_cur(struct walk *k, struct wasi_at *at) {
    at->dirfd = k->fds[k->depth];
    at->owned = k->depth > 0;
    if (k->depth > 0) k->depth--;
}

/* If dirfd/name is a symlink, replaces the path with "<target><rest from `rest`>" and returns
 * 1; returns 0 if it is not a symlink; else sets *err and returns -1. */
static int walk_link(struct walk *k, int dirfd, const char *name, size_t rest, uint16_t *err) {
    char *t = NULL;
    size_t tl = 0;
    int rl = read_link(k->w, dirfd, name, &t, &tl);
    if (rl == EINVAL || rl == ENOENT) return 0;
    if (rl != 0) {
        *err = wasi_errno(rl);
        return -1;
    }
    *err = check_target(t, tl);
    if (!*err && ++k->links > WASI_MAX_SYMLINKS) *err = WASI_ELOOP;
    size_t tail = k->len - rest, nlen = tl + tail;
    char *n = *err ? NULL : base_alloc(k->w->alloc, nlen + 1);
    if (!*err && !n) *err = WASI_ENOMEM;
    if (*err) {
        base_free(k->w->alloc, t, tl + 1);
        return -1;
    }
    memcpy(n, t, tl);
    memcpy(n + tl, k->p + rest, tail);
    n[nlen] = '\0';
    base_free(k->w->alloc, t, tl + 1);
    base_free(k->w->alloc, k->p, k->len + 1);
    k->p = n;
    k->len = nlen;
    k->pos = 0;
    return 1;
}

enum walk_mode { WALK_OPEN, WALK_PARENT };

static uint16_t walk_run(struct walk *k, enum walk_mode mode, int oflags, unsigned fmode, bool follow, int *fd_out,
                         struct wasi_at *at) {
    char name[WALK_NAME_MAX + 1];
    for (;;) {
        while (k->pos < k->len && k->p[k->pos] == '/') k->pos++;
        int cur = k->fds[k->depth];
        if (k->pos == k->len) {
            /* Nothing left (the path ended in "." or ".."): the target is the current directory. */
            if (mode == WALK_PARENT) {
                walk_take_cur(k, at);
                return at_set_name(k->w, at, ".", 1);
            }
            int fd = openat(cur, ".", oflags | O_CLOEXEC, fmode);
            if (fd < 0) return wasi_errno(errno);
            *fd_out = fd;
            return WASI_ESUCCESS;
        }
        size_t s = k->pos, e = s;
        while (e < k->len && k->p[e] != '/') e++;
        size_t r = e;
        while (r < k->len && k->p[r] == '/') r++;
        bool last = r == k->len, slash = e < k->len;
        size_t n = e - s;
        if (is_dot(k->p + s, n)) {
            k->pos = r;
            continue;
        }
        if (is_dotdot(k->p + s, n)) {
            if (k->depth == 0) return WASI_ENOTCAPABLE; /* above the root */
            close(k->fds[k->depth--]);
            k->pos = r;
            continue;
        }
        if (n > WALK_NAME_MAX) return WASI_ENAMETOOLONG;
        memcpy(name, k->p + s, n);
        name[n] = '\0';
        uint16_t err = WASI_ESUCCESS;
        if (last && mode == WALK_PARENT) {
            if (follow) {
                int x = walk_link(k, cur, name, e, &err);
                if (x < 0) return err;
                if (x > 0) continue;
            }
            walk_take_cur(k, at);
            at->must_dir = slash;
            return at_set_name(k->w, at, name, n);
        }
        if (last) {
            int fd = openat(cur, name, oflags | O_NOFOLLOW | O_CLOEXEC | (slash ? O_DIRECTORY : 0), fmode);
            if (fd >= 0) {
                *fd_out = fd;
                return WASI_ESUCCESS;
            }
            int he = errno;
            /* O_NOFOLLOW met a symlink (ELOOP; EMLINK on FreeBSD; ENOTDIR with O_DIRECTORY). */
            if ((follow || slash) && (he == ELOOP || he == EMLINK || he == ENOTDIR)) {
                int x = walk_link(k, cur, name, e, &err);
                if (x < 0) return err;
                if (x > 0) continue;
            }
            return wasi_errno(he);
        }
        int fd = openat(cur, name, WALK_DIR_FLAGS);
        if (fd < 0) {
            int he = errno;
            if (he == ELOOP || he == EMLINK || he == ENOTDIR) {
                int x = walk_link(k, cur, name, e, &err);
                if (x < 0) return err;
                if (x > 0) continue;
            }
            return wasi_errno(he);
        }
        if (base_grow(k->w->alloc, (void **)&k->fds, &k->cap, k->depth + 2, sizeof *k->fds) != 0) {
            close(fd);
            return WASI_ENOMEM;
        }
        k->fds[++k->depth] = fd;
        k->pos = r;
    }
}

static uint16_t walk(struct wisp_wasi *w, int root, const char *path, size_t len, enum walk_mode mode, int oflags,
                     unsigned fmode, bool follow, int *fd_out, struct wasi_at *at) {
    struct walk k;
    memset(&k, 0, sizeof k);
    k.w = w;
    k.p = base_strndup(w->alloc, path, len);
    k.len = len;
    if (!k.p || base_grow(w->alloc, (void **)&k.fds, &k.cap, 8, sizeof *k.fds) != 0) {
        base_free(w->alloc, k.p, len + 1);
        return WASI_ENOMEM;
    }
    k.fds[0] = root;
    uint16_t err = walk_run(&k, mode, oflags, fmode, follow, fd_out, at);
    walk_free(&k);
    return err;
}

/* ---- entry points ---- */

static uint16_t check_path(const char *path, size_t len) {
    if (len == 0) return WASI_ENOENT;
    if (len > WASI_PATH_MAX) return WASI_ENAMETOOLONG;
    if (memchr(path, 0, len)) return WASI_EINVAL;
    if (path[0] == '/') return WASI_ENOTCAPABLE; /* absolute: outside every preopen */
    return WASI_ESUCCESS;
}

/* openat2 takes paths up to the host's PATH_MAX; longer ones (and those that grow past it
 * through symlinks, which openat2 reports as ENAMETOOLONG) go to the walk. */
#ifdef O_PATH
static bool try_openat2(struct wisp_wasi *w, int root, size_t len) {
    return w->resolver != WASI_RESOLVE_WALK && len <= WASI_HOST_PATH_MAX && use_openat2(w, root);
}
#endif

uint16_t wasi_resolve_parent(struct wisp_wasi *w, int root, const char *path, size_t len, bool follow,
                             struct wasi_at *out) {
    memset(out, 0, sizeof *out);
    out->dirfd = -1;
    uint16_t err = check_path(path, len);
    if (err) return err;
#ifdef O_PATH
    if (try_openat2(w, root, len)) {
        err = o2_parent(w, root, path, len, follow, out);
        if (err != WASI_ENAMETOOLONG) goto done;
        wasi_at_release(w, out);
        out->dirfd = -1;
    }
#endif
    err = walk(w, root, path, len, WALK_PARENT, 0, 0, follow, NULL, out);
#ifdef O_PATH
done:
#endif
    if (err) wasi_at_release(w, out);
    return err;
}

uint16_t wasi_resolve_open(struct wisp_wasi *w, int root, const char *path, size_t len, int oflags, unsigned mode,
                           bool follow, int *fd_out) {
    *fd_out = -1;
    uint16_t err = check_path(path, len);
    if (err) return err;
#ifdef O_PATH
    if (try_openat2(w, root, len)) {
        err = o2_open(root, path, oflags, mode, follow, fd_out);
        if (err != WASI_ENAMETOOLONG) return err;
    }
#endif
    return walk(w, root, path, len, WALK_OPEN, oflags, mode, follow, fd_out, NULL);
}
