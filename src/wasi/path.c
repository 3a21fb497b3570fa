/* The path_* calls of wasi_snapshot_preview1. Each resolves its path beneath the directory fd it
 * is given (sandbox.c) and then works on the final name with an *at() call that does not follow
 * symlinks, so nothing outside the sandbox is reached even if the tree changes meanwhile.
 * Read-only preopens: everything that would modify the tree beneath one fails with EROFS (the
 * rights stay as for a writable directory so that wasi-libc asks for what it needs and gets the
 * POSIX error, not ENOTCAPABLE). */
#define _GNU_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "wasi_internal.h"

#define ARG32(i) ((uint32_t)a[i].of.i32)
#define ARG64(i) ((uint64_t)a[i].of.i64)

/* The directory fd a path call works beneath: EBADF, ENOTDIR, then ENOTCAPABLE. */
static struct wasi_fd *dir_lookup(struct wisp_wasi *w, uint32_t fd, uint64_t rights, uint16_t *err) {
    struct wasi_fd *e = wasi_fd_lookup(w, fd, 0, err);
    if (!e) return NULL;
    if (e->kind != WASI_FD_HOST || e->filetype != WASI_FILETYPE_DIRECTORY) {
        *err = WASI_ENOTDIR;
        return NULL;
    }
    if ((e->rights_base & rights) != rights) {
        *err = WASI_ENOTCAPABLE;
        return NULL;
    }
    return e;
}

/* Resolves guest path (ptr, len) beneath e's directory to a parent dir + name. slash_follows:
 * a trailing slash asks for what a final symlink names, as stat("link/") does. */
static uint16_t at_get2(struct wasi_call *c, struct wasi_fd *e, uint32_t ptr, uint32_t len, bool follow,
                        bool slash_follows, struct wasi_at *at) {
    memset(at, 0, sizeof *at);
    at->dirfd = -1;
    struct wasi_path p;
    uint16_t err = wasi_path_get(c, ptr, len, &p);
    if (err) return err;
    if (slash_follows && p.len && p.s[p.len - 1] == '/') follow = true;
    err = wasi_resolve_parent(c->w, e->host, p.s, p.len, follow, at);
    wasi_path_free(c->w, &p);
    return err;
}

static uint16_t at_get(struct wasi_call *c, struct wasi_fd *e, uint32_t ptr, uint32_t len, bool follow,
                       struct wasi_at *at) {
    return at_get2(c, e, ptr, len, follow, false, at);
}

/* For a path that ended in '/': the entry must be a directory (ENOTDIR, ENOENT if absent). */
static uint16_t check_must_dir(const struct wasi_at *at) {
    struct stat st;
    if (fstatat(at->dirfd, at->name, &st, AT_SYMLINK_NOFOLLOW) != 0) return wasi_errno(errno);
    return S_ISDIR(st.st_mode) ? WASI_ESUCCESS : WASI_ENOTDIR;
}

WASI_IMPL(path_create_directory) {
    uint16_t err;
    struct wasi_fd *e = dir_lookup(c->w, ARG32(0), WASI_RIGHT_PATH_CREATE_DIRECTORY, &err);
    if (!e) return err;
    if (e->readonly) return WASI_EROFS;
    struct wasi_at at;
    err = at_get(c, e, ARG32(1), ARG32(2), false, &at);
    if (!err && mkdirat(at.dirfd, at.name, 0777) != 0) err = wasi_errno(errno);
    wasi_at_release(c->w, &at);
    return err;
}

WASI_IMPL(path_filestat_get) {
    uint16_t err;
    struct wasi_fd *e = dir_lookup(c->w, ARG32(0), WASI_RIGHT_PATH_FILESTAT_GET, &err);
    if (!e) return err;
    uint32_t flags = ARG32(1);
    if (flags & ~(uint32_t)WASI_LOOKUP_SYMLINK_FOLLOW) return WASI_EINVAL;
    uint8_t *out = wasi_mem(c, ARG32(4), 64);
    if (!out) return WASI_EFAULT;
    struct wasi_at at;
    err = at_get2(c, e, ARG32(2), ARG32(3), flags & WASI_LOOKUP_SYMLINK_FOLLOW, true, &at);
    if (!err) {
        struct stat st;
        if (fstatat(at.dirfd, at.name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            err = wasi_errno(errno);
        else if (at.must_dir && !S_ISDIR(st.st_mode))
            err = WASI_ENOTDIR;
        else
            wasi_filestat_put(out, &st, -1);
    }
    wasi_at_release(c->w, &at);
    return err;
}

WASI_IMPL(path_filestat_set_times) {
    uint16_t err;
    struct wasi_fd *e = dir_lookup(c->w, ARG32(0), WASI_RIGHT_PATH_FILESTAT_SET_TIMES, &err);
    if (!e) return err;
    uint32_t flags = ARG32(1);
    if (flags & ~(uint32_t)WASI_LOOKUP_SYMLINK_FOLLOW) return WASI_EINVAL;
    struct timespec ts[2];
    err = wasi_times(ARG64(4), ARG64(5), ARG32(6), ts);
    if (err) return err;
    if (e->readonly) return WASI_EROFS;
    struct wasi_at at;
    err = at_get2(c, e, ARG32(2), ARG32(3), flags & WASI_LOOKUP_SYMLINK_FOLLOW, true, &at);
    if (!err && at.must_dir) err = check_must_dir(&at);
    if (!err && utimensat(at.dirfd, at.name, ts, AT_SYMLINK_NOFOLLOW) != 0) err = wasi_errno(errno);
    wasi_at_release(c->w, &at);
    return err;
}

WASI_IMPL(path_link) {
    uint16_t err;
    struct wasi_fd *eo = dir_lookup(c->w, ARG32(0), WASI_RIGHT_PATH_LINK_SOURCE, &err);
    if (!eo) return err;
    struct wasi_fd *en = dir_lookup(c->w, ARG32(4), WASI_RIGHT_PATH_LINK_TARGET, &err);
    if (!en) return err;
    uint32_t flags = ARG32(1);
    if (flags & ~(uint32_t)WASI_LOOKUP_SYMLINK_FOLLOW) return WASI_EINVAL;
    /* A link out of a read-only tree would make its file writable through the new name. */
    if (eo->readonly || en->readonly) return WASI_EROFS;
    struct wasi_at ao, an;
    memset(&an, 0, sizeof an);
    an.dirfd = -1;
    err = at_get(c, eo, ARG32(2), ARG32(3), flags & WASI_LOOKUP_SYMLINK_FOLLOW, &ao);
    if (!err) err = at_get(c, en, ARG32(5), ARG32(6), false, &an);
    if (!err && (ao.must_dir || an.must_dir)) {
        err = check_must_dir(&ao);
        if (!err) err = WASI_EPERM; /* directories cannot be hard-linked */
    }
    if (!err && linkat(ao.dirfd, ao.name, an.dirfd, an.name, 0) != 0) err = wasi_errno(errno);
    wasi_at_release(c->w, &ao);
    wasi_at_release(c->w, &an);
    return err;
}

WASI_IMPL(path_open) {
    uint16_t err;
    struct wasi_fd *d = dir_lookup(c->w, ARG32(0), WASI_RIGHT_PATH_OPEN, &err);
    if (!d) return err;
    uint32_t dirflags = ARG32(1), oflags = ARG32(4), fdflags = ARG32(7), retp = ARG32(8);
    uint64_t base = ARG64(5), inh = ARG64(6);
    if ((dirflags & ~(uint32_t)WASI_LOOKUP_SYMLINK_FOLLOW) || (oflags & ~0xfu) || (fdflags & ~0x1fu))
        return WASI_EINVAL;
    if (!wasi_mem(c, retp, 4)) return WASI_EFAULT; /* before anything is created */
    uint64_t need = 0;
    if (oflags & WASI_OFLAG_CREAT) need |= WASI_RIGHT_PATH_CREATE_FILE;
    if (oflags & WASI_OFLAG_TRUNC) need |= WASI_RIGHT_PATH_FILESTAT_SET_SIZE;
    if ((d->rights_base & need) != need) return WASI_ENOTCAPABLE;
    /* The new fd gets at most what the directory hands down. */
    if ((base & ~d->rights_inh) || (inh & ~d->rights_inh)) return WASI_ENOTCAPABLE;
    if ((fdflags & WASI_FDFLAG_DSYNC) && !(base & WASI_RIGHT_FD_DATASYNC)) return WASI_ENOTCAPABLE;
    if ((fdflags & (WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC)) && !(base & WASI_RIGHT_FD_SYNC)) return WASI_ENOTCAPABLE;
    bool wr = (base & WASI_RIGHTS_WRITE_DATA) || (fdflags & WASI_FDFLAG_APPEND);
    bool rd = (base & (WASI_RIGHT_FD_READ | WASI_RIGHT_FD_READDIR)) != 0;
    if (d->readonly && (wr || (oflags & (WASI_OFLAG_CREAT | WASI_OFLAG_TRUNC)))) return WASI_EROFS;

    int fl = O_NOCTTY;
    if (oflags & WASI_OFLAG_DIRECTORY)
        fl |= O_RDONLY | O_DIRECTORY;
    else
        fl |= wr ? (rd ? O_RDWR : O_WRONLY) : O_RDONLY;
    if (oflags & WASI_OFLAG_CREAT) fl |= O_CREAT;
    if (oflags & WASI_OFLAG_EXCL) fl |= O_EXCL;
    if (oflags & WASI_OFLAG_TRUNC) fl |= O_TRUNC;
    if (fdflags & WASI_FDFLAG_APPEND) fl |= O_APPEND;
    if (fdflags & WASI_FDFLAG_NONBLOCK) fl |= O_NONBLOCK;
    if (fdflags & WASI_FDFLAG_DSYNC) fl |= O_DSYNC;
    if (fdflags & WASI_FDFLAG_SYNC) fl |= O_SYNC;
#ifdef O_RSYNC
    if (fdflags & WASI_FDFLAG_RSYNC) fl |= O_RSYNC;
#endif

    struct wasi_path p;
    err = wasi_path_get(c, ARG32(2), ARG32(3), &p);
    if (err) return err;
    /* Growing the table in wasi_fd_alloc may move d: keep what we need from it first. */
    int dirfd = d->host;
    bool readonly = d->readonly;
    d = NULL;
    int64_t slot = wasi_fd_alloc(c->w, &err);
    int fd = -1;
    if (slot >= 0)
        err = wasi_resolve_open(c->w, dirfd, p.s, p.len, fl, 0666, dirflags & WASI_LOOKUP_SYMLINK_FOLLOW, &fd);
    wasi_path_free(c->w, &p);
    if (err) return err;
    struct stat st;
    if (fstat(fd, &st) != 0) {
        err = wasi_errno(errno);
        close(fd);
        return err;
    }
    struct wasi_fd *e = &c->w->fds[slot];
    memset(e, 0, sizeof *e);
    e->kind = WASI_FD_HOST;
    e->host = fd;
    e->owned = true;
    e->readonly = readonly;
    e->filetype = wasi_filetype(st.st_mode, fd);
    e->socket = e->filetype == WASI_FILETYPE_SOCKET_STREAM || e->filetype == WASI_FILETYPE_SOCKET_DGRAM;
    /* Rights that do not apply to what was opened are dropped, as the spec allows. */
    e->rights_base = base & (e->filetype == WASI_FILETYPE_DIRECTORY ? WASI_RIGHTS_DIR : WASI_RIGHTS_FILE);
    e->rights_inh = inh;
    wasi_put32(c, retp, (uint32_t)slot);
    return WASI_ESUCCESS;
}

WASI_IMPL(path_readlink) {
    uint16_t err;
    struct wasi_fd *e = dir_lookup(c->w, ARG32(0), WASI_RIGHT_PATH_READLINK, &err);
    if (!e) return err;
    uint32_t blen = ARG32(4);
    uint8_t *buf = wasi_mem(c, ARG32(3), blen);
    if (!buf || !wasi_mem(c, ARG32(5), 4)) return WASI_EFAULT;
    struct wasi_at at;
    err = at_get(c, e, ARG32(1), ARG32(2), false, &at);
    if (!err && at.must_dir) {
        err = check_must_dir(&at);
        if (!err) err = WASI_EINVAL; /* a directory is not a symlink */
    }
    if (!err) {
        size_t size = WASI_HOST_PATH_MAX + 1;
        char *t = base_alloc(c->w->alloc, size);
        if (!t) {
            err = WASI_ENOMEM;
        } else {
            ssize_t n = readlinkat(at.dirfd, at.name, t, size);
            if (n < 0) {
                err = wasi_errno(errno);
            } else {
                /* Like readlink(2): the target, cut to the buffer, no NUL. */
                size_t k = (size_t)n < blen ? (size_t)n : blen;
                memcpy(buf, t, k);
                wasi_put32(c, ARG32(5), (uint32_t)k);
            }
            base_free(c->w->alloc, t, size);
        }
    }
    wasi_at_release(c->w, &at);
    return err;
}

WASI_IMPL(path_remove_directory) {
    uint16_t err;
    struct wasi_fd *e = dir_lookup(c->w, ARG32(0), WASI_RIGHT_PATH_REMOVE_DIRECTORY, &err);
    if (!e) return err;
    if (e->readonly) return WASI_EROFS;
    struct wasi_at at;
    err = at_get(c, e, ARG32(1), ARG32(2), false, &at);
    if (!err && unlinkat(at.dirfd, at.name, AT_REMOVEDIR) != 0) err = wasi_errno(errno);
    wasi_at_release(c->w, &at);
    return err;
}

WASI_IMPL(path_rename) {
    uint16_t err;
    struct wasi_fd *eo = dir_lookup(c->w, ARG32(0), WASI_RIGHT_PATH_RENAME_SOURCE, &err);
    if (!eo) return err;
    struct wasi_fd *en = dir_lookup(c->w, ARG32(3), WASI_RIGHT_PATH_RENAME_TARGET, &err);
    if (!en) return err;
    if (eo->readonly || en->readonly) return WASI_EROFS;
    struct wasi_at ao, an;
    memset(&an, 0, sizeof an);
    an.dirfd = -1;
    err = at_get(c, eo, ARG32(1), ARG32(2), false, &ao);
    if (!err) err = at_get(c, en, ARG32(4), ARG32(5), false, &an);
    if (!err && (ao.must_dir || an.must_dir)) err = check_must_dir(&ao);
    if (!err && renameat(ao.dirfd, ao.name, an.dirfd, an.name) != 0) err = wasi_errno(errno);
    wasi_at_release(c->w, &ao);
    wasi_at_release(c->w, &an);
    return err;
}

#ifdef O_PATH
#define UP_FLAGS (O_PATH | O_DIRECTORY | O_CLOEXEC)
#else
#define UP_FLAGS (O_RDONLY | O_DIRECTORY | O_CLOEXEC)
#endif

/* How many directories dirfd lies below root, found by walking up through ".." and comparing
 * identities; -1 if root is not met (dirfd outside it, or deeper than any real path). */
static long depth_below(int root, int dirfd) {
    struct stat rs, cs;
    if (fstat(root, &rs) != 0) return -1;
    int cur = openat(dirfd, ".", UP_FLAGS);
    long depth = 0;
    /* No path we resolve reaches deeper than WASI_PATH_MAX levels. */
    while (cur >= 0 && depth <= (long)WASI_PATH_MAX) {
        if (fstat(cur, &cs) != 0) break;
        if (cs.st_dev == rs.st_dev && cs.st_ino == rs.st_ino) {
            close(cur);
            return depth;
        }
        int up = openat(cur, "..", UP_FLAGS);
        close(cur);
        cur = up;
        depth++;
    }
    if (cur >= 0) close(cur);
    return -1;
}

/* True if a relative symlink target, read from a link `depth` directories below the root,
 * climbs above the root with "..". (Links are never followed out of the sandbox anyway; this
 * keeps the guest from planting links that would lead the host outside if it followed them.) */
static bool target_escapes(const char *t, size_t len, long depth) {
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && t[j] != '/') j++;
        size_t n = j - i;
        if (n == 2 && t[i] == '.' && t[i + 1] == '.') {
            if (depth-- == 0) return true;
        } else if (n && !(n == 1 && t[i] == '.')) {
            depth++;
        }
        i = j + 1;
    }
    return false;
}

WASI_IMPL(path_symlink) {
    uint16_t err;
    struct wasi_fd *e = dir_lookup(c->w, ARG32(2), WASI_RIGHT_PATH_SYMLINK, &err);
    if (!e) return err;
    if (e->readonly) return WASI_EROFS;
    struct wasi_path target;
    err = wasi_path_get(c, ARG32(0), ARG32(1), &target);
    if (err) return err;
    /* An absolute target, or one climbing out with "..", could never be followed inside the
     * sandbox, and would lead the host outside if the host followed it later: ENOTCAPABLE. */
    if (target.len == 0)
        err = WASI_ENOENT;
    else if (target.s[0] == '/')
        err = WASI_ENOTCAPABLE;
    struct wasi_at at;
    memset(&at, 0, sizeof at);
    at.dirfd = -1;
    if (!err) err = at_get(c, e, ARG32(3), ARG32(4), false, &at);
    if (!err && at.must_dir) {
        struct stat st;
        err = fstatat(at.dirfd, at.name, &st, AT_SYMLINK_NOFOLLOW) == 0 ? WASI_EEXIST : WASI_ENOENT;
    }
    if (!err) {
        long depth = depth_below(e->host, at.dirfd);
        if (depth < 0 || target_escapes(target.s, target.len, depth)) err = WASI_ENOTCAPABLE;
    }
    if (!err && symlinkat(target.s, at.dirfd, at.name) != 0) err = wasi_errno(errno);
    wasi_at_release(c->w, &at);
    wasi_path_free(c->w, &target);
    return err;
}

WASI_IMPL(path_unlink_file) {
    uint16_t err;
    struct wasi_fd *e = dir_lookup(c->w, ARG32(0), WASI_RIGHT_PATH_UNLINK_FILE, &err);
    if (!e) return err;
    if (e->readonly) return WASI_EROFS;
    struct wasi_at at;
    err = at_get(c, e, ARG32(1), ARG32(2), false, &at);
    if (!err && at.must_dir) {
        err = check_must_dir(&at);
        if (!err) err = WASI_EISDIR;
    }
    if (!err && unlinkat(at.dirfd, at.name, 0) != 0) err = wasi_errno(errno);
    wasi_at_release(c->w, &at);
    return err;
}
