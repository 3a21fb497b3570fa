/* The fd_* calls of wasi_snapshot_preview1: reading, writing, seeking, stat, flags, rights,
 * preopen names and fd_readdir. The POSIX fd calls used here are the WASI layer's own (src/os
 * holds only what needs more than POSIX). */
#define _GNU_SOURCE 1
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "wasi_internal.h"

#define ARG32(i) ((uint32_t)a[i].of.i32)
#define ARG64(i) ((uint64_t)a[i].of.i64)

/* Streams (ttys, pipes, sockets, memory buffers) cannot seek: the answer is ESPIPE, as POSIX
 * gives, rather than ENOTCAPABLE for a right they never had. */
static bool is_stream(const struct wasi_fd *e) {
    if (e->kind != WASI_FD_HOST) return true;
    switch (e->filetype) {
    case WASI_FILETYPE_REGULAR_FILE:
    case WASI_FILETYPE_DIRECTORY:
    case WASI_FILETYPE_BLOCK_DEVICE:
        return false;
    case WASI_FILETYPE_CHARACTER_DEVICE:
        return (e->rights_base & (WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL)) == 0;
    default:
        return true;
    }
}

/* Looks up fd for seek/tell: a stream without the right says ESPIPE. */
static struct wasi_fd *seek_lookup(struct wisp_wasi *w, uint32_t fd, uint64_t right, uint16_t *err) {
    struct wasi_fd *e = wasi_fd_lookup(w, fd, 0, err);
    if (!e) return NULL;
    if (e->kind != WASI_FD_HOST) {
        *err = WASI_ESPIPE;
        return NULL;
    }
    if (!(e->rights_base & right)) {
        *err = is_stream(e) ? WASI_ESPIPE : WASI_ENOTCAPABLE;
        return NULL;
    }
    return e;
}

WASI_IMPL(fd_advise) {
    uint16_t err;
    struct wasi_fd *e = wasi_fd_lookup(c->w, ARG32(0), WASI_RIGHT_FD_ADVISE, &err);
    if (!e) return err;
    uint64_t off = ARG64(1), len = ARG64(2);
    uint32_t advice = ARG32(3);
    static const int map[6] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                               POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED,   POSIX_FADV_NOREUSE};
    if (advice > 5 || off > INT64_MAX || len > INT64_MAX) return WASI_EINVAL;
    if (e->kind != WASI_FD_HOST) return WASI_ESPIPE;
    if (e->filetype == WASI_FILETYPE_DIRECTORY) return WASI_EBADF;
    return wasi_errno(posix_fadvise(e->host, (off_t)off, (off_t)len, map[advice]));
}

WASI_IMPL(fd_allocate) {
    uint16_t err;
    struct wasi_fd *e = wasi_fd_lookup(c->w, ARG32(0), WASI_RIGHT_FD_ALLOCATE, &err);
    if (!e) return err;
    if (e->readonly) return WASI_EROFS;
    uint64_t off = ARG64(1), len = ARG64(2);
    if (off > INT64_MAX || len > INT64_MAX || off + len > INT64_MAX) return WASI_EFBIG;
    if (len == 0) return WASI_EINVAL;
    if (e->kind != WASI_FD_HOST) return WASI_ESPIPE;
    return wasi_errno(posix_fallocate(e->host, (off_t)off, (off_t)len));
}

WASI_IMPL(fd_close) {
    uint16_t err;
    struct wasi_fd *e = wasi_fd_lookup(c->w, ARG32(0), 0, &err);
    if (!e) return err;
    wasi_fd_release(c->w, e);
    return WASI_ESUCCESS;
}

static uint16_t do_sync(struct wasi_call *c, const struct wisp_value *a, uint64_t right, bool data_only) {
    uint16_t err;
    struct wasi_fd *e = wasi_fd_lookup(c->w, ARG32(0), right, &err);
    if (!e) return err;
    if (e->kind != WASI_FD_HOST) return WASI_ESUCCESS; /* memory buffers are always "on disk" */
    int r = data_only ? fdatasync(e->host) : fsync(e->host);
    return r == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

WASI_IMPL(fd_datasync) { return do_sync(c, a, WASI_RIGHT_FD_DATASYNC, true); }
WASI_IMPL(fd_sync) { return do_sync(c, a, WASI_RIGHT_FD_SYNC, false); }

static uint16_t host_fdflags(int fd) {
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0) return 0;
    uint16_t f = 0;
    if (fl & O_APPEND) f |= WASI_FDFLAG_APPEND;
    if (fl & O_NONBLOCK) f |= WASI_FDFLAG_NONBLOCK;
    if ((fl & O_SYNC) == O_SYNC)
        f |= WASI_FDFLAG_SYNC;
    else if (fl & O_DSYNC)
        f |= WASI_FDFLAG_DSYNC;
    return f;
}

WASI_IMPL(fd_fdstat_get) {
    uint16_t err;
    struct wasi_fd *e = wasi_fd_lookup(c->w, ARG32(0), 0, &err);
    if (!e) return err;
    uint8_t *p = wasi_mem(c, ARG32(1), 24);
    if (!p) return WASI_EFAULT;
    memset(p, 0, 24);
    p[0] = e->filetype;
    wasi_st16(p + 2, e->kind == WASI_FD_HOST ? host_fdflags(e->host) : e->fdflags);
    wasi_st64(p + 8, e->rights_base);
    wasi_st64(p + 16, e->rights_inh);
    return WASI_ESUCCESS;
}

/* The sync behaviour fd flags ask for: SYNC implies DSYNC, and RSYNC is not told apart (Linux's
 * O_RSYNC is O_SYNC). */
static uint32_t sync_class(uint32_t f) {
    uint32_t n = f & (WASI_FDFLAG_DSYNC | WASI_FDFLAG_SYNC);
    if (n & WASI_FDFLAG_SYNC) n |= WASI_FDFLAG_DSYNC;
    return n;
}

WASI_IMPL(fd_fdstat_set_flags) {
    uint16_t err;
    struct wasi_fd *e = wasi_fd_lookup(c->w, ARG32(0), WASI_RIGHT_FD_FDSTAT_SET_FLAGS, &err);
    if (!e) return err;
    uint32_t f = ARG32(1);
    if (f & ~0x1fu) return WASI_EINVAL;
    /* POSIX cannot change the sync flags of an open fd (Linux ignores them in F_SETFL): keeping
     * them as they are is fine, changing them is ENOTSUP. */
    const uint32_t sync = WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC;
    uint32_t cur = e->kind == WASI_FD_HOST ? host_fdflags(e->host) : e->fdflags;
    if (sync_class(f) != sync_class(cur)) return WASI_ENOTSUP;
    if (e->kind != WASI_FD_HOST) {
        e->fdflags = (uint16_t)(f & ~sync);
        return WASI_ESUCCESS;
    }
    int fl = fcntl(e->host, F_GETFL);
    if (fl < 0) return wasi_errno(errno);
    fl &= ~(O_APPEND | O_NONBLOCK);
    if (f & WASI_FDFLAG_APPEND) fl |= O_APPEND;
    if (f & WASI_FDFLAG_NONBLOCK) fl |= O_NONBLOCK;
    return fcntl(e->host, F_SETFL, fl) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

WASI_IMPL(fd_fdstat_set_rights) {
    uint16_t err;
    struct wasi_fd *e = wasi_fd_lookup(c->w, ARG32(0), 0, &err);
    if (!e) return err;
    uint64_t base = ARG64(1), inh = ARG64(2);
    /* Rights can only be dropped, never gained. */
    if ((base & ~e->rights_base) || (inh & ~e->rights_inh)) return WASI_ENOTCAPABLE;
    e->rights_base = base;
    e->rights_inh = inh;
    return WASI_ESUCCESS;
}

WASI_IMPL(fd_filestat_get) {
    uint16_t err;
    struct wasi_fd *e = wasi_fd_lookup(c->w, ARG32(0), WASI_RIGHT_FD_FILESTAT_GET, &err);
    if (!e) return err;
    uint8_t *p = wasi_mem(c, ARG32(1), 64);
    if (!p) return WASI_EFAULT;
    if (e->kind != WASI_FD_HOST) {
        memset(p, 0, 64);
        p[16] = e->filetype;
        wasi_st64(p + 24, 1);
        size_t size = e->kind == WASI_FD_STDIN ? c->w->stdin_len - c->w->stdin_pos : c->w->out[e->stream].len;
        wasi_st64(p + 32, size);
        return WASI_ESUCCESS;
    }
    struct stat st;
    if (fstat(e->host, &st) != 0) return wasi_errno(errno);
    wasi_filestat_put(p, &st, e->host);
    return WASI_ESUCCESS;
}

WASI_IMPL(fd_filestat_set_size) {
    uint16_t err;
    struct wasi_fd *e = wasi_fd_lookup(c->w, ARG32(0), WASI_RIGHT_FD_FILESTAT_SET_SIZE, &err);
    if (!e) return err;
    if (e->readonly) return WASI_EROFS;
    uint64_t size = ARG64(1);
    if (size > INT64_MAX) return WASI_EFBIG;
    if (e->kind != WASI_FD_HOST) return WASI_EINVAL;
    return ftruncate(e->host, (off_t)size) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

uint16_t wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst, void *ts2) {
    struct timespec *ts = ts2;
    if (fst & ~0xfu) return WASI_EINVAL;
    if ((fst & WASI_FST_ATIM) && (fst & WASI_FST_ATIM_NOW)) return WASI_EINVAL;
    if ((fst & WASI_FST_MTIM) && (fst & WASI_FST_MTIM_NOW)) return WASI_EINVAL;
    ts[0].tv_sec = ts[1].tv_sec = 0;
    ts[0].tv_nsec = (fst & WASI_FST_ATIM_NOW) ? UTIME_NOW : UTIME_OMIT;
    ts[1].tv_nsec = (fst & WASI_FST_MTIM_NOW) ? UTIME_NOW : UTIME_OMIT;
    if (fst & WASI_FST_ATIM) {
        ts[0].tv_sec = (time_t)(atim / 1000000000u);
        ts[0].tv_nsec = (long)(atim % 1000000000u);
    }
    if (fst & WASI_FST_MTIM) {
        ts[1].tv_sec = (time_t)(mtim / 1000000000u);
        ts[1].tv_nsec = (long)(mtim % 1000000000u);
    }
    return WASI_ESUCCESS;
}

WASI_IMPL(fd_filestat_set_times) {
    uint16_t err;
    struct wasi_fd *e = wasi_fd_lookup(c->w, ARG32(0), WASI_RIGHT_FD_FILESTAT_SET_TIMES, &err);
    if (!e) return err;
    if (e->readonly) return WASI_EROFS;
    struct timespec ts[2];
    err = wasi_times(ARG64(1), ARG64(2), ARG32(3), ts);
    if (err) return err;
    if (e->kind != WASI_FD_HOST) return WASI_ENOTSUP;
    return futimens(e->host, ts) == 0 ? WASI_ESUCCESS : wasi_errno(errno);
}

/* ---- reading and writing ---- */

static uint16_t mem_read(struct wisp_wasi *w, const struct wasi_iovs *v, size_t *n) {
    *n = 0;
    for (int i = 0; i < v->n && w->stdin_pos < w->stdin_len; i++) {
        size_t left = w->stdin_len - w->stdin_pos, take = v->iov[i].iov_len < left ? v->iov[i].iov_len : left;
        memcpy(v->iov[i].iov_base, w->stdin_data + w->stdin_pos, take);
        w->stdin_pos += take;
        *n += take;
    }
    return WASI_ESUCCESS;
}

static uint16_t mem_write(struct wisp_wasi *w, const struct wasi_fd *e, const struct wasi_iovs *v, size_t *n) {
    *n = 0;
    for (int i = 0; i < v->n; i++) {
        if (!wasi_buf_append(w, &w->out[e->stream], v->iov[i].iov_base, v->iov[i].iov_len))
            return *n ? WASI_ESUCCESS : WASI_ENOSPC; /* a short write, or none at all */
        *n += v->iov[i].iov_len;
    }
    return WASI_ESUCCESS;
}

/* One read or write: kind 'r' fd_read, 'w' fd_write, 'R' fd_pread, 'W' fd_pwrite. */
static uint16_t rw(struct wasi_call *c, const struct wisp_value *a, char kind) {
    bool wr = kind == 'w' || kind == 'W', pos = kind == 'R' || kind == 'W';
    uint64_t rights = (wr ? WASI_RIGHT_FD_WRITE : WASI_RIGHT_FD_READ) | (pos ? WASI_RIGHT_FD_SEEK : 0);
    uint16_t err;
    struct wasi_fd *e = wasi_fd_lookup(c->w, ARG32(0), 0, &err);
    if (!e) return err;
    if (pos && !(e->rights_base & WASI_RIGHT_FD_SEEK) && is_stream(e)) return WASI_ESPIPE;
    if ((e->rights_base & rights) != rights) return WASI_ENOTCAPABLE;
    if (wr && e->readonly) return WASI_EROFS;
    uint64_t off = pos ? ARG64(3) : 0;
    uint32_t retp = ARG32(pos ? 4 : 3);
    if (!wasi_mem(c, retp, 4)) return WASI_EFAULT;
    if (off > INT64_MAX) return WASI_EINVAL;
    struct wasi_iovs v;
    err = wasi_iovs_get(c, ARG32(1), ARG32(2), &v);
    if (err) return err;
    size_t n = 0;
    if (e->kind == WASI_FD_STDIN) {
        err = pos ? WASI_ESPIPE : mem_read(c->w, &v, &n);
    } else if (e->kind == WASI_FD_CAPTURE) {
        err = pos ? WASI_ESPIPE : mem_write(c->w, e, &v, &n);
    } else {
        ssize_t r;
        if (v.n == 0) {
            r = 0;
        } else if (kind == 'w' && e->socket) {
            /* MSG_NOSIGNAL: a closed peer is EPIPE for the guest, not SIGPIPE for the host. */
            struct msghdr m;
            memset(&m, 0, sizeof m);
            m.msg_iov = v.iov;
            m.msg_iovlen = (size_t)v.n;
            r = sendmsg(e->host, &m, MSG_NOSIGNAL);
        } else if (kind == 'r') {
            r = readv(e->host, v.iov, v.n);
        } else if (kind == 'w') {
            r = writev(e->host, v.iov, v.n);
        } else if (kind == 'R') {
            r = preadv(e->host, v.iov, v.n, (off_t)off);
        } else {
            r = pwritev(e->host, v.iov, v.n, (off_t)off);
        }
        if (r < 0)
            err = wasi_errno(errno);
        else
            n = (size_t)r;
    }
    wasi_iovs_free(c->w, &v);
    if (err) return err;
    wasi_put32(c, retp, (uint32_t)n);
    return WASI_ESUCCESS;
}

WASI_IMPL(fd_read) { return rw(c, a, 'r'); }
WASI_IMPL(fd_write) { return rw(c, a, 'w'); }
WASI_IMPL(fd_pread) { return rw(c, a, 'R'); }
WASI_IMPL(fd_pwrite) { return rw(c, a, 'W'); }

/* ---- preopens ---- */

static struct wasi_fd *preopen_lookup(struct wisp_wasi *w, uint32_t fd, uint16_t *err) {
    struct wasi_fd *e = wasi_fd_lookup(w, fd, 0, err);
    if (e && !e->preopen) {
        *err = WASI_EBADF; /* wasi-libc scans fds 3, 4, ... until EBADF */
        return NULL;
    }
    return e;
}

WASI_IMPL(fd_prestat_get) {
    uint16_t err;
    struct wasi_fd *e = preopen_lookup(c->w, ARG32(0), &err);
    if (!e) return err;
    uint8_t *p = wasi_mem(c, ARG32(1), 8);
    if (!p) return WASI_EFAULT;
    memset(p, 0, 8); /* tag 0: a directory */
    wasi_st32(p + 4, (uint32_t)e->preopen_len);
    return WASI_ESUCCESS;
}

WASI_IMPL(fd_prestat_dir_name) {
    uint16_t err;
    struct wasi_fd *e = preopen_lookup(c->w, ARG32(0), &err);
    if (!e) return err;
    uint32_t len = ARG32(2);
    uint8_t *p = wasi_mem(c, ARG32(1), len);
    if (!p) return WASI_EFAULT;
    if (len < e->preopen_len) return WASI_ENAMETOOLONG;
    memcpy(p, e->preopen, e->preopen_len);
    return WASI_ESUCCESS;
}

/* ---- renumber, seek, tell ---- */

WASI_IMPL(fd_renumber) {
    uint16_t err;
    uint32_t from = ARG32(0), to = ARG32(1);
    struct wasi_fd *ef = wasi_fd_lookup(c->w, from, 0, &err);
    if (!ef) return err;
    struct wasi_fd *et = wasi_fd_lookup(c->w, to, 0, &err);
    if (!et) return err;
    if (from == to) return WASI_ESUCCESS;
    wasi_fd_release(c->w, et);
    *et = *ef;
    memset(ef, 0, sizeof *ef);
    ef->kind = WASI_FD_FREE;
    ef->host = -1;
    return WASI_ESUCCESS;
}

WASI_IMPL(fd_seek) {
    uint16_t err;
    int64_t off = (int64_t)ARG64(1);
    uint32_t whence = ARG32(2);
    /* Asking for the position only (0, CUR) needs just FD_TELL. */
    uint64_t right = (off == 0 && whence == 1) ? WASI_RIGHT_FD_TELL : WASI_RIGHT_FD_SEEK;
    struct wasi_fd *e = seek_lookup(c->w, ARG32(0), right, &err);
    if (!e) return err;
    if (!wasi_mem(c, ARG32(3), 8)) return WASI_EFAULT;
    static const int wh[3] = {SEEK_SET, SEEK_CUR, SEEK_END};
    if (whence > 2) return WASI_EINVAL;
    off_t r = lseek(e->host, (off_t)off, wh[whence]);
    if (r < 0) return wasi_errno(errno);
    wasi_put64(c, ARG32(3), (uint64_t)r);
    return WASI_ESUCCESS;
}

WASI_IMPL(fd_tell) {
    uint16_t err;
    struct wasi_fd *e = seek_lookup(c->w, ARG32(0), WASI_RIGHT_FD_TELL, &err);
    if (!e) return err;
    if (!wasi_mem(c, ARG32(1), 8)) return WASI_EFAULT;
    off_t r = lseek(e->host, 0, SEEK_CUR);
    if (r < 0) return wasi_errno(errno);
    wasi_put64(c, ARG32(1), (uint64_t)r);
    return WASI_ESUCCESS;
}

/* ---- fd_readdir ---- */

static uint8_t dt_type(unsigned char t) {
    switch (t) {
    case DT_REG: return WASI_FILETYPE_REGULAR_FILE;
    case DT_DIR: return WASI_FILETYPE_DIRECTORY;
    case DT_LNK: return WASI_FILETYPE_SYMBOLIC_LINK;
    case DT_CHR: return WASI_FILETYPE_CHARACTER_DEVICE;
    case DT_BLK: return WASI_FILETYPE_BLOCK_DEVICE;
    case DT_SOCK: return WASI_FILETYPE_SOCKET_STREAM;
    default: return WASI_FILETYPE_UNKNOWN;
    }
}

/* Reads the whole directory into a snapshot. Cookies index it, so they stay valid however the
 * guest interleaves calls; cookie 0 (a rewind) takes a fresh snapshot. */
static uint16_t dir_snapshot(struct wisp_wasi *w, struct wasi_fd *e) {
    wasi_dirsnap_free(w, e->dir);
    e->dir = NULL;
    struct wasi_dirsnap *d = base_calloc(w->alloc, 1, sizeof *d);
    if (!d) return WASI_ENOMEM;
    int fd = openat(e->host, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        int he = errno;
        wasi_dirsnap_free(w, d);
        return wasi_errno(he);
    }
    DIR *dir = fdopendir(fd);
    if (!dir) {
        int he = errno;
        close(fd);
        wasi_dirsnap_free(w, d);
        return wasi_errno(he);
    }
    uint16_t err = WASI_ESUCCESS;
    for (;;) {
        errno = 0;
        struct dirent *de = readdir(dir);
        if (!de) {
            if (errno) err = wasi_errno(errno);
            break;
        }
        size_t nl = strlen(de->d_name);
        if (d->names_len > UINT32_MAX - nl || d->count >= UINT32_MAX ||
            base_grow(w->alloc, (void **)&d->ents, &d->cap, d->count + 1, sizeof *d->ents) != 0 ||
            base_grow(w->alloc, (void **)&d->names, &d->names_cap, d->names_len + nl + 1, 1) != 0) {
            err = WASI_ENOMEM;
            break;
        }
        struct wasi_dirent *ent = &d->ents[d->count++];
        ent->ino = (uint64_t)de->d_ino;
        ent->name_off = (uint32_t)d->names_len;
        ent->name_len = (uint32_t)nl;
        ent->type = dt_type(de->d_type);
        if (de->d_type == DT_UNKNOWN) {
            struct stat st;
            if (fstatat(dirfd(dir), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
                ent->type = wasi_filetype(st.st_mode, -1);
        }
        memcpy(d->names + d->names_len, de->d_name, nl + 1);
        d->names_len += nl + 1;
    }
    closedir(dir);
    if (err) {
        wasi_dirsnap_free(w, d);
        return err;
    }
    e->dir = d;
    return WASI_ESUCCESS;
}

WASI_IMPL(fd_readdir) {
    uint16_t err;
    struct wasi_fd *e = wasi_fd_lookup(c->w, ARG32(0), 0, &err);
    if (!e) return err;
    if (e->kind != WASI_FD_HOST || e->filetype != WASI_FILETYPE_DIRECTORY) return WASI_ENOTDIR;
    if (!(e->rights_base & WASI_RIGHT_FD_READDIR)) return WASI_ENOTCAPABLE;
    uint32_t len = ARG32(2);
    uint64_t cookie = ARG64(3);
    uint8_t *buf = wasi_mem(c, ARG32(1), len);
    if (!buf || !wasi_mem(c, ARG32(4), 4)) return WASI_EFAULT;
    if (cookie == 0 || !e->dir) {
        err = dir_snapshot(c->w, e);
        if (err) return err;
    }
    const struct wasi_dirsnap *d = e->dir;
    uint32_t used = 0;
    /* Entries back to back, each a 24-byte header then the name; the last one is cut off when
     * the buffer is full, which tells the guest to come back with a bigger buffer or the cookie. */
    for (uint64_t i = cookie; i < d->count && used < len; i++) {
        const struct wasi_dirent *ent = &d->ents[i];
        uint8_t hdr[24];
        memset(hdr, 0, sizeof hdr);
        wasi_st64(hdr, i + 1);
        wasi_st64(hdr + 8, ent->ino);
        wasi_st32(hdr + 16, ent->name_len);
        hdr[20] = ent->type;
        uint32_t n = len - used < 24 ? len - used : 24;
        memcpy(buf + used, hdr, n);
        used += n;
        n = len - used < ent->name_len ? len - used : ent->name_len;
        memcpy(buf + used, d->names + ent->name_off, n);
        used += n;
    }
    wasi_put32(c, ARG32(4), used);
    return WASI_ESUCCESS;
}
