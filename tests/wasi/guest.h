/* guest.h: shared helpers for the WASI guest programs of tests/wasi (compiled to wasm32-wasi at test
 * time). Results print as "label: ok" or "label: ENAME" so the expected files read like a checklist. */
#ifndef WISP_WASI_GUEST_H
#define WISP_WASI_GUEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

/* The preopened directory every test gets (`--dir SANDBOX::/sandbox`): guest fd 3. */
#define SANDBOX "/sandbox"
#define SANDBOX_FD 3

/* Raw imports with explicit path lengths, so a path may hold a NUL byte or be longer than any C
 * string libc would pass. */
#define WASI_IMPORT(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
int32_t raw_path_open(int32_t fd, int32_t dirflags, const char *path, size_t len, int32_t oflags, int64_t base,
                      int64_t inheriting, int32_t fdflags, __wasi_fd_t *out) WASI_IMPORT(path_open);
int32_t raw_path_filestat_get(int32_t fd, int32_t flags, const char *path, size_t len, __wasi_filestat_t *out)
    WASI_IMPORT(path_filestat_get);
int32_t raw_path_create_directory(int32_t fd, const char *path, size_t len) WASI_IMPORT(path_create_directory);
int32_t raw_path_unlink_file(int32_t fd, const char *path, size_t len) WASI_IMPORT(path_unlink_file);
int32_t raw_path_readlink(int32_t fd, const char *path, size_t len, char *buf, size_t buf_len, __wasi_size_t *out)
    WASI_IMPORT(path_readlink);
/* The legacy preview1 signal call, dropped from wasi-libc's header. */
int32_t raw_proc_raise(int32_t sig) WASI_IMPORT(proc_raise);

static const char *const errno_names[] = {
    "ok", "E2BIG", "EACCES", "EADDRINUSE", "EADDRNOTAVAIL", "EAFNOSUPPORT", "EAGAIN", "EALREADY",
    "EBADF", "EBADMSG", "EBUSY", "ECANCELED", "ECHILD", "ECONNABORTED", "ECONNREFUSED", "ECONNRESET",
    "EDEADLK", "EDESTADDRREQ", "EDOM", "EDQUOT", "EEXIST", "EFAULT", "EFBIG", "EHOSTUNREACH", "EIDRM",
    "EILSEQ", "EINPROGRESS", "EINTR", "EINVAL", "EIO", "EISCONN", "EISDIR", "ELOOP", "EMFILE", "EMLINK",
    "EMSGSIZE", "EMULTIHOP", "ENAMETOOLONG", "ENETDOWN", "ENETRESET", "ENETUNREACH", "ENFILE", "ENOBUFS",
    "ENODEV", "ENOENT", "ENOEXEC", "ENOLCK", "ENOLINK", "ENOMEM", "ENOMSG", "ENOPROTOOPT", "ENOSPC",
    "ENOSYS", "ENOTCONN", "ENOTDIR", "ENOTEMPTY", "ENOTRECOVERABLE", "ENOTSOCK", "ENOTSUP", "ENOTTY",
    "ENXIO", "EOVERFLOW", "EOWNERDEAD", "EPERM", "EPIPE", "EPROTO", "EPROTONOSUPPORT", "EPROTOTYPE",
    "ERANGE", "EROFS", "ESPIPE", "ESRCH", "ESTALE", "ETIMEDOUT", "ETXTBSY", "EXDEV", "ENOTCAPABLE",
};

static inline const char *errname(int32_t e) {
    static char other[24];
    if (e >= 0 && (size_t)e < sizeof errno_names / sizeof errno_names[0]) return errno_names[e];
    snprintf(other, sizeof other, "errno %d", (int)e);
    return other;
}

/* Prints "label: ok" or "label: ENAME" and passes the errno through. Flushes, so that the output of
 * a guest that dies shows how far it got. */
static inline int32_t show(const char *label, int32_t e) {
    printf("%s: %s\n", label, errname(e));
    fflush(stdout);
    return e;
}

/* Prints "label: yes" or "label: no". */
static inline void yes(const char *label, int cond) {
    printf("%s: %s\n", label, cond ? "yes" : "no");
    fflush(stdout);
}

static inline const char *filetype_name(__wasi_filetype_t t) {
    static const char *const names[] = {"unknown",      "block device",  "character device", "directory",
                                        "regular file", "socket dgram", "socket stream",    "symbolic link"};
    return t < 8 ? names[t] : "bad filetype";
}

/* Every right: a request for "whatever the directory allows", masked by open_at. */
#define ALL_RIGHTS ((__wasi_rights_t)0x1fffffff)

/* The rights that apply to a directory (no reading, writing or seeking of data). */
#define DIR_RIGHTS                                                                                                    \
    (ALL_RIGHTS & ~(__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL |    \
                    __WASI_RIGHTS_FD_DATASYNC | __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_ALLOCATE |                    \
                    __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE))

/* Opens a path beneath a directory fd with raw path_open; returns the errno, the new fd in *fd.
 * Like wasi-libc, asks for the requested base rights within the directory's inheriting rights, and
 * passes all of the directory's inheriting rights on. */
static inline int32_t open_at(__wasi_fd_t dir, const char *path, __wasi_lookupflags_t lookup, __wasi_oflags_t oflags,
                              __wasi_rights_t base, __wasi_fdflags_t fdflags, __wasi_fd_t *fd) {
    __wasi_fdstat_t st;
    __wasi_rights_t inheriting = ALL_RIGHTS;
    if (__wasi_fd_fdstat_get(dir, &st) == 0) inheriting = st.fs_rights_inheriting;
    *fd = (__wasi_fd_t)-1;
    return raw_path_open((int32_t)dir, lookup, path, strlen(path), oflags, (int64_t)(base & inheriting),
                         (int64_t)inheriting, fdflags, fd);
}

/* A small deterministic hash (FNV-1a) for checking data without printing it. */
static inline uint64_t fnv1a(const void *p, size_t n, uint64_t h) {
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ULL;
    return h;
}
#define FNV_INIT 0xcbf29ce484222325ULL

#endif
