/* Private types of the WASI preview1 implementation (the .c files of src/wasi): the context and its virtual
 * fd table, the per-call view of guest memory, WASI constants, and the helpers the files share.
 * WASI is a file-and-clock API, so src/wasi makes the plain POSIX fd calls (read, openat, fstat,
 * poll...) itself; what needs more than POSIX lives in src/os (openat2, getrandom, clocks). */
#ifndef WISP_WASI_INTERNAL_H
#define WISP_WASI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sys/uio.h>

#include "../base/alloc.h"
#include "wisp.h"
#include "wisp_wasi.h"

/* ---- WASI constants (wasi_snapshot_preview1, as in wasi-libc's <wasi/api.h>) ---- */

enum {
    WASI_ESUCCESS = 0, WASI_E2BIG = 1, WASI_EACCES = 2, WASI_EADDRINUSE = 3, WASI_EADDRNOTAVAIL = 4,
    WASI_EAFNOSUPPORT = 5, WASI_EAGAIN = 6, WASI_EALREADY = 7, WASI_EBADF = 8, WASI_EBADMSG = 9,
    WASI_EBUSY = 10, WASI_ECANCELED = 11, WASI_ECHILD = 12, WASI_ECONNABORTED = 13,
    WASI_ECONNREFUSED = 14, WASI_ECONNRESET = 15, WASI_EDEADLK = 16, WASI_EDESTADDRREQ = 17,
    WASI_EDOM = 18, WASI_EDQUOT = 19, WASI_EEXIST = 20, WASI_EFAULT = 21, WASI_EFBIG = 22,
    WASI_EHOSTUNREACH = 23, WASI_EIDRM = 24, WASI_EILSEQ = 25, WASI_EINPROGRESS = 26, WASI_EINTR = 27,
    WASI_EINVAL = 28, WASI_EIO = 29, WASI_EISCONN = 30, WASI_EISDIR = 31, WASI_ELOOP = 32,
    WASI_EMFILE = 33, WASI_EMLINK = 34, WASI_EMSGSIZE = 35, WASI_EMULTIHOP = 36,
    WASI_ENAMETOOLONG = 37, WASI_ENETDOWN = 38, WASI_ENETRESET = 39, WASI_ENETUNREACH = 40,
    WASI_ENFILE = 41, WASI_ENOBUFS = 42, WASI_ENODEV = 43, WASI_ENOENT = 44, WASI_ENOEXEC = 45,
    WASI_ENOLCK = 46, WASI_ENOLINK = 47, WASI_ENOMEM = 48, WASI_ENOMSG = 49, WASI_ENOPROTOOPT = 50,
    WASI_ENOSPC = 51, WASI_ENOSYS = 52, WASI_ENOTCONN = 53, WASI_ENOTDIR = 54, WASI_ENOTEMPTY = 55,
    WASI_ENOTRECOVERABLE = 56, WASI_ENOTSOCK = 57, WASI_ENOTSUP = 58, WASI_ENOTTY = 59,
    WASI_ENXIO = 60, WASI_EOVERFLOW = 61, WASI_EOWNERDEAD = 62, WASI_EPERM = 63, WASI_EPIPE = 64,
    WASI_EPROTO = 65, WASI_EPROTONOSUPPORT = 66, WASI_EPROTOTYPE = 67, WASI_ERANGE = 68,
    WASI_EROFS = 69, WASI_ESPIPE = 70, WASI_ESRCH = 71, WASI_ESTALE = 72, WASI_ETIMEDOUT = 73,
    WASI_ETXTBSY = 74, WASI_EXDEV = 75, WASI_ENOTCAPABLE = 76,
};

enum {
    WASI_FILETYPE_UNKNOWN = 0, WASI_FILETYPE_BLOCK_DEVICE = 1, WASI_FILETYPE_CHARACTER_DEVICE = 2,
    WASI_FILETYPE_DIRECTORY = 3, WASI_FILETYPE_REGULAR_FILE = 4, WASI_FILETYPE_SOCKET_DGRAM = 5,
    WASI_FILETYPE_SOCKET_STREAM = 6, WASI_FILETYPE_SYMBOLIC_LINK = 7,
};

#define WASI_RIGHT(n) ((uint64_t)1 << (n))
#define WASI_RIGHT_FD_DATASYNC WASI_RIGHT(0)
#define WASI_RIGHT_FD_READ WASI_RIGHT(1)
#define WASI_RIGHT_FD_SEEK WASI_RIGHT(2)
#define WASI_RIGHT_FD_FDSTAT_SET_FLAGS WASI_RIGHT(3)
#define WASI_RIGHT_FD_SYNC WASI_RIGHT(4)
#define WASI_RIGHT_FD_TELL WASI_RIGHT(5)
#define WASI_RIGHT_FD_WRITE WASI_RIGHT(6)
#define WASI_RIGHT_FD_ADVISE WASI_RIGHT(7)
#define WASI_RIGHT_FD_ALLOCATE WASI_RIGHT(8)
#define WASI_RIGHT_PATH_CREATE_DIRECTORY WASI_RIGHT(9)
#define WASI_RIGHT_PATH_CREATE_FILE WASI_RIGHT(10)
#define WASI_RIGHT_PATH_LINK_SOURCE WASI_RIGHT(11)
#define WASI_RIGHT_PATH_LINK_TARGET WASI_RIGHT(12)
#define WASI_RIGHT_PATH_OPEN WASI_RIGHT(13)
#define WASI_RIGHT_FD_READDIR WASI_RIGHT(14)
#define WASI_RIGHT_PATH_READLINK WASI_RIGHT(15)
#define WASI_RIGHT_PATH_RENAME_SOURCE WASI_RIGHT(16)
#define WASI_RIGHT_PATH_RENAME_TARGET WASI_RIGHT(17)
#define WASI_RIGHT_PATH_FILESTAT_GET WASI_RIGHT(18)
#define WASI_RIGHT_PATH_FILESTAT_SET_SIZE WASI_RIGHT(19)
#define WASI_RIGHT_PATH_FILESTAT_SET_TIMES WASI_RIGHT(20)
#define WASI_RIGHT_FD_FILESTAT_GET WASI_RIGHT(21)
#define WASI_RIGHT_FD_FILESTAT_SET_SIZE WASI_RIGHT(22)
#define WASI_RIGHT_FD_FILESTAT_SET_TIMES WASI_RIGHT(23)
#define WASI_RIGHT_PATH_SYMLINK WASI_RIGHT(24)
#define WASI_RIGHT_PATH_REMOVE_DIRECTORY WASI_RIGHT(25)
#define WASI_RIGHT_PATH_UNLINK_FILE WASI_RIGHT(26)
#define WASI_RIGHT_POLL_FD_READWRITE WASI_RIGHT(27)
#define WASI_RIGHT_SOCK_SHUTDOWN WASI_RIGHT(28)
#define WASI_RIGHT_SOCK_ACCEPT WASI_RIGHT(29)
#define WASI_RIGHTS_ALL (WASI_RIGHT(30) - 1)

/* What a regular file can do. */
#define WASI_RIGHTS_FILE                                                                                  \
    (WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_READ | WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_FDSTAT_SET_FLAGS |  \
     WASI_RIGHT_FD_SYNC | WASI_RIGHT_FD_TELL | WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ADVISE |               \
     WASI_RIGHT_FD_ALLOCATE | WASI_RIGHT_FD_FILESTAT_GET | WASI_RIGHT_FD_FILESTAT_SET_SIZE |              \
     WASI_RIGHT_FD_FILESTAT_SET_TIMES | WASI_RIGHT_POLL_FD_READWRITE)
/* What a directory can do. */
#define WASI_RIGHTS_DIR                                                                                   \
    (WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_FDSTAT_SET_FLAGS | WASI_RIGHT_FD_SYNC |                       \
     WASI_RIGHT_PATH_CREATE_DIRECTORY | WASI_RIGHT_PATH_CREATE_FILE | WASI_RIGHT_PATH_LINK_SOURCE |        \
     WASI_RIGHT_PATH_LINK_TARGET | WASI_RIGHT_PATH_OPEN | WASI_RIGHT_FD_READDIR |                         \
     WASI_RIGHT_PATH_READLINK | WASI_RIGHT_PATH_RENAME_SOURCE | WASI_RIGHT_PATH_RENAME_TARGET |           \
     WASI_RIGHT_PATH_FILESTAT_GET | WASI_RIGHT_PATH_FILESTAT_SET_SIZE |                                   \
     WASI_RIGHT_PATH_FILESTAT_SET_TIMES | WASI_RIGHT_FD_FILESTAT_GET | WASI_RIGHT_FD_FILESTAT_SET_TIMES | \
     WASI_RIGHT_PATH_SYMLINK | WASI_RIGHT_PATH_REMOVE_DIRECTORY | WASI_RIGHT_PATH_UNLINK_FILE |          \
     WASI_RIGHT_POLL_FD_READWRITE)
/* Streams (ttys, pipes, memory buffers): no seeking. */
#define WASI_RIGHTS_STREAM                                                                                \
    (WASI_RIGHT_FD_READ | WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_FDSTAT_SET_FLAGS | WASI_RIGHT_FD_SYNC |     \
     WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_ADVISE | WASI_RIGHT_FD_FILESTAT_GET |                         \
     WASI_RIGHT_POLL_FD_READWRITE)
#define WASI_RIGHTS_SOCKET                                                                                \
    (WASI_RIGHT_FD_READ | WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_FDSTAT_SET_FLAGS |                          \
     WASI_RIGHT_FD_FILESTAT_GET | WASI_RIGHT_POLL_FD_READWRITE | WASI_RIGHT_SOCK_SHUTDOWN |               \
     WASI_RIGHT_SOCK_ACCEPT)
/* Rights that give write access to a file's data: refused beneath a read-only preopen. */
#define WASI_RIGHTS_WRITE_DATA (WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ALLOCATE | WASI_RIGHT_FD_FILESTAT_SET_SIZE)

enum {
    WASI_FDFLAG_APPEND = 1, WASI_FDFLAG_DSYNC = 2, WASI_FDFLAG_NONBLOCK = 4, WASI_FDFLAG_RSYNC = 8,
    WASI_FDFLAG_SYNC = 16,
};
enum { WASI_OFLAG_CREAT = 1, WASI_OFLAG_DIRECTORY = 2, WASI_OFLAG_EXCL = 4, WASI_OFLAG_TRUNC = 8 };
enum { WASI_LOOKUP_SYMLINK_FOLLOW = 1 };
enum { WASI_FST_ATIM = 1, WASI_FST_ATIM_NOW = 2, WASI_FST_MTIM = 4, WASI_FST_MTIM_NOW = 8 };
enum { WASI_CLOCK_REALTIME = 0, WASI_CLOCK_MONOTONIC = 1, WASI_CLOCK_PROCESS = 2, WASI_CLOCK_THREAD = 3 };

/* Longest path a guest may pass: 64 KiB. Paths longer than the host's PATH_MAX are resolved by
 * the component walk (one openat per component), so they work as long as each step does. */
#define WASI_PATH_MAX 65536u
/* Longest path one host system call takes (PATH_MAX minus the NUL), and the longest symlink
 * target read. */
#define WASI_HOST_PATH_MAX 4095u
/* Most symlinks followed in one resolution (Linux's MAXSYMLINKS). */
#define WASI_MAX_SYMLINKS 40u
/* Largest number of guest fds a context keeps open. */
#define WASI_MAX_FDS 65536u
/* iovecs looked at per call; more make a short read or write, which the API allows. */
#define WASI_MAX_IOVS 1024u
/* Bytes moved per read or write call at most (Linux's MAX_RW_COUNT), so counts fit an i32. */
#define WASI_MAX_RW 0x7ffff000u

/* ---- the context ---- */

enum wasi_fd_kind {
    WASI_FD_FREE = 0,
    WASI_FD_HOST,    /* a host fd: file, directory, tty, pipe, socket */
    WASI_FD_STDIN,   /* reads from the context's stdin buffer */
    WASI_FD_CAPTURE, /* writes into the context's output buffer for `stream` */
};

/* One directory snapshot for fd_readdir: cookies are entry indices (cookie k = start at entry k). */
struct wasi_dirent {
    uint64_t ino;
    uint32_t name_off;
    uint32_t name_len;
    uint8_t type;
};
struct wasi_dirsnap {
    struct wasi_dirent *ents;
    size_t count, cap;
    char *names;
    size_t names_len, names_cap;
};

struct wasi_fd {
    uint8_t kind;       /* enum wasi_fd_kind */
    uint8_t filetype;   /* WASI filetype */
    uint16_t fdflags;   /* for memory fds (host fds ask the host) */
    bool owned;         /* the host fd is closed with the guest fd */
    bool readonly;      /* at or beneath a read-only preopen */
    bool socket;
    int host;           /* host fd, or -1 */
    int stream;         /* WASI_FD_CAPTURE: 1 or 2 */
    uint64_t rights_base, rights_inh;
    char *preopen;      /* guest name of a preopened directory, else NULL */
    size_t preopen_len;
    struct wasi_dirsnap *dir; /* fd_readdir state, or NULL */
};

struct wasi_buf {
    uint8_t *data;
    size_t len, cap;
};

struct wasi_func_desc;
struct wasi_binding {
    struct wisp_wasi *wasi;
    const struct wasi_func_desc *desc;
};

#define WASI_NFUNCS 46

/* How paths are resolved: openat2 when the kernel has it, else the component walk. Tests force
 * the walk to exercise it on kernels that have openat2. */
enum wasi_resolver { WASI_RESOLVE_AUTO = 0, WASI_RESOLVE_WALK = 1, WASI_RESOLVE_OPENAT2 = 2 };

struct wisp_wasi {
    struct wisp_engine *engine;
    const struct wisp_allocator *alloc;
    struct wasi_buf args; /* NUL-terminated strings back to back */
    uint32_t argc;
    struct wasi_buf env;  /* "NAME=VALUE" NUL-terminated, back to back */
    uint32_t envc;
    struct wasi_fd *fds;
    size_t nfds, capfds;
    struct wasi_buf out[3]; /* captured output of streams 1 and 2 */
    bool captured[3];       /* wisp_wasi_capture_output was called for stream 1 / 2 */
    uint8_t *stdin_data;
    size_t stdin_len, stdin_pos;
    bool deterministic;
    uint64_t rng;          /* deterministic random state */
    uint64_t det_ns;       /* deterministic clock: ns since the fixed start */
    int openat2_state;     /* 0 unknown, 1 works, -1 unavailable */
    int resolver;          /* enum wasi_resolver */
    struct wasi_binding bindings[WASI_NFUNCS];
};

/* One host call: the context and the caller's memory. */
struct wasi_call {
    struct wisp_wasi *w;
    uint8_t *mem;
    uint64_t mem_size;
    bool exiting; /* proc_exit was called: unwind with exit_code */
    int32_t exit_code;
};

/* A WASI implementation function: args as the wasm signature gives them; returns a WASI errno. */
typedef uint16_t (*wasi_impl_fn)(struct wasi_call *c, const struct wisp_value *a);

/* ---- guest memory (guest.c) ---- */

/* The guest bytes [ptr, ptr+len), or NULL if any of them lies outside memory (EFAULT). */
uint8_t *wasi_mem(struct wasi_call *c, uint64_t ptr, uint64_t len);
void wasi_st16(uint8_t *p, uint16_t v);
void wasi_st32(uint8_t *p, uint32_t v);
void wasi_st64(uint8_t *p, uint64_t v);
uint16_t wasi_ld16(const uint8_t *p);
uint32_t wasi_ld32(const uint8_t *p);
uint64_t wasi_ld64(const uint8_t *p);
/* Stores a u32/u64 result at a guest address; false (EFAULT) if out of range. */
bool wasi_put32(struct wasi_call *c, uint32_t ptr, uint32_t v);
bool wasi_put64(struct wasi_call *c, uint32_t ptr, uint64_t v);

/* A guest path copied to the host, NUL-terminated. */
struct wasi_path {
    char *s;
    size_t len;
};
/* Copies and checks a guest path: EFAULT out of memory, ENAMETOOLONG past WASI_PATH_MAX, EINVAL
 * for an embedded NUL, EILSEQ for bad UTF-8, ENOMEM. Release with wasi_path_free. */
uint16_t wasi_path_get(struct wasi_call *c, uint32_t ptr, uint32_t len, struct wasi_path *out);
void wasi_path_free(struct wisp_wasi *w, struct wasi_path *p);

/* Host iovecs for a guest iovec array (8 bytes each: u32 buf, u32 len). At most WASI_MAX_IOVS
 * and WASI_MAX_RW bytes are taken; every buffer is range-checked. */
struct wasi_iovs {
    struct iovec *iov;
    int n;
    size_t total;
    size_t heap_size;   /* bytes allocated for iov, or 0 when it is `small` */
    struct iovec small[8];
};
uint16_t wasi_iovs_get(struct wasi_call *c, uint32_t iovs, uint32_t n, struct wasi_iovs *out);
void wasi_iovs_free(struct wisp_wasi *w, struct wasi_iovs *v);

/* ---- fd table (context.c) ---- */

/* The open guest fd with at least `rights` in its base rights: EBADF if not open, ENOTCAPABLE
 * if a right is missing. */
struct wasi_fd *wasi_fd_lookup(struct wisp_wasi *w, uint32_t fd, uint64_t rights, uint16_t *err);
/* A free slot (the lowest); returns its number or -1 (EMFILE/ENOMEM in *err). The slot is
 * zeroed, host = -1, kind still FREE: the caller fills it. */
int64_t wasi_fd_alloc(struct wisp_wasi *w, uint16_t *err);
/* Closes an entry: the host fd if owned, names, readdir state. The slot becomes free. */
void wasi_fd_release(struct wisp_wasi *w, struct wasi_fd *e);
void wasi_dirsnap_free(struct wisp_wasi *w, struct wasi_dirsnap *d);
/* Fills e for a host fd (stdio, socket, accepted connection): kind, type and rights from what
 * the fd is; rights_inh 0. A tty gets no seek/tell rights, which is how wasi-libc's isatty() tells. */
void wasi_fd_init_host(struct wasi_fd *e, int host, bool owned);
/* Appends bytes to a buffer; false if out of memory. */
bool wasi_buf_append(struct wisp_wasi *w, struct wasi_buf *b, const void *data, size_t len);

/* ---- host conversions (errno.c) ---- */

/* The WASI errno for a host errno value. */
uint16_t wasi_errno(int host_errno);
/* The WASI filetype for a host st_mode (and, for sockets, the host fd or -1). */
uint8_t wasi_filetype(unsigned mode, int fd);
/* Writes a 64-byte filestat for host stat `st` (a struct stat *). */
void wasi_filestat_put(uint8_t *out, const void *st, int fd);

/* ---- sandboxed path resolution (sandbox.c) ----
 * Paths are (path, len) with path[len] == '\0' (as wasi_path_get makes them); root is the host
 * directory fd the path is relative to, and nothing above it is ever reached. Errors are WASI
 * errnos: ENOTCAPABLE for any way out (absolute path, `..` above root, a symlink leading out). */

/* A parent directory and final name, for *at() calls on the last component. */
struct wasi_at {
    int dirfd;
    bool owned;    /* dirfd must be closed by wasi_at_release */
    bool must_dir; /* the path ended in '/' */
    char *name;    /* one component, never "" or ".."; "." when the path named a directory itself */
    size_t name_size;
};
/* Resolves all but the last component of path beneath root. With follow, a final symlink is
 * followed (inside the sandbox) so that name is not a symlink when resolution ended. */
uint16_t wasi_resolve_parent(struct wisp_wasi *w, int root, const char *path, size_t len, bool follow,
                             struct wasi_at *out);
void wasi_at_release(struct wisp_wasi *w, struct wasi_at *at);
/* Opens path beneath root with host open flags and creation mode. follow: the final symlink is
 * followed (inside the sandbox) rather than refused with ELOOP. */
uint16_t wasi_resolve_open(struct wisp_wasi *w, int root, const char *path, size_t len, int oflags,
                           unsigned mode, bool follow, int *fd_out);

/* ---- the implementation functions (fd.c, path.c, clock.c, poll.c, proc.c, sock.c) ---- */

#define WASI_IMPL(name) uint16_t wasi_##name(struct wasi_call *c, const struct wisp_value *a)
WASI_IMPL(args_get); WASI_IMPL(args_sizes_get); WASI_IMPL(environ_get); WASI_IMPL(environ_sizes_get);
WASI_IMPL(clock_res_get); WASI_IMPL(clock_time_get);
WASI_IMPL(fd_advise); WASI_IMPL(fd_allocate); WASI_IMPL(fd_close); WASI_IMPL(fd_datasync);
WASI_IMPL(fd_fdstat_get); WASI_IMPL(fd_fdstat_set_flags); WASI_IMPL(fd_fdstat_set_rights);
WASI_IMPL(fd_filestat_get); WASI_IMPL(fd_filestat_set_size); WASI_IMPL(fd_filestat_set_times);
WASI_IMPL(fd_pread); WASI_IMPL(fd_prestat_get); WASI_IMPL(fd_prestat_dir_name); WASI_IMPL(fd_pwrite);
WASI_IMPL(fd_read); WASI_IMPL(fd_readdir); WASI_IMPL(fd_renumber); WASI_IMPL(fd_seek); WASI_IMPL(fd_sync);
WASI_IMPL(fd_tell); WASI_IMPL(fd_write);
WASI_IMPL(path_create_directory); WASI_IMPL(path_filestat_get); WASI_IMPL(path_filestat_set_times);
WASI_IMPL(path_link); WASI_IMPL(path_open); WASI_IMPL(path_readlink); WASI_IMPL(path_remove_directory);
WASI_IMPL(path_rename); WASI_IMPL(path_symlink); WASI_IMPL(path_unlink_file);
WASI_IMPL(poll_oneoff); WASI_IMPL(proc_exit); WASI_IMPL(proc_raise); WASI_IMPL(sched_yield);
WASI_IMPL(random_get);
WASI_IMPL(sock_accept); WASI_IMPL(sock_recv); WASI_IMPL(sock_send); WASI_IMPL(sock_shutdown);

/* The current time of a WASI clock in ns (deterministic mode: the virtual clock, advanced by one
 * step per read unless `advance` is false). Returns a WASI errno. */
uint16_t wasi_clock_now(struct wisp_wasi *w, uint32_t clock, bool advance, uint64_t *ns);
/* Converts WASI timestamps + fst flags to host timespecs (struct timespec[2]) for utimensat. */
uint16_t wasi_times(uint64_t atim, uint64_t mtim, uint32_t fst, void *ts2);

#endif
