/* wisp_wasi.h: WASI preview1 (wasi_snapshot_preview1) for wisp embedders.
 *
 * A `struct wisp_wasi` is one guest's WASI context: arguments, environment, preopened directories,
 * stdio wiring and the virtual file-descriptor table. Build it, register its imports in a linker
 * with wisp_wasi_define(), instantiate, and call the module's `_start`. A context serves one
 * instance (it keeps that instance's fd table); make one per instance.
 *
 * Sandbox: guest fds are virtual; every path is resolved beneath a preopened directory (no `..`
 * above it, no absolute paths, no symlinks leading outside); rights are enforced.
 *
 * Errors the guest sees (WASI errno values), beyond the usual POSIX ones:
 *   ENOTCAPABLE  a path that would leave its directory (absolute, `..` above it, a symlink leading
 *                out, a symlink created with an absolute or escaping target), or a missing right;
 *   EROFS        anything that would modify a read-only preopen or what lies beneath it;
 *   EFAULT       a guest pointer or length outside linear memory;
 *   EINVAL/EILSEQ a path holding a NUL byte / not valid UTF-8; ENAMETOOLONG past 64 KiB;
 *   ENOSYS       proc_raise (signals have no meaning in the sandbox).
 * Each call of the context (its functions and the guest's WASI calls) must come from one thread
 * at a time. */
#ifndef WISP_WASI_H
#define WISP_WASI_H

#include "wisp.h"

#ifdef __cplusplus
extern "C" {
#endif

struct wisp_wasi;

/* Creates an empty context: no args, no env, no preopens, stdio bound to the host's fds 0/1/2.
 * Returns NULL if out of memory. */
WISP_API struct wisp_wasi *wisp_wasi_new(struct wisp_engine *engine);
/* Frees the context and closes every host fd it opened (not the host fds it was handed). */
WISP_API void wisp_wasi_free(struct wisp_wasi *wasi);

/* Replaces the guest's argv (copied). */
WISP_API struct wisp_result wisp_wasi_set_args(struct wisp_wasi *wasi, size_t argc, const char *const *argv);
/* Adds NAME=VALUE to the guest's environment (copied). An empty NAME or one containing '=' is an error. */
WISP_API struct wisp_result wisp_wasi_add_env(struct wisp_wasi *wasi, const char *name, const char *value);

enum wisp_wasi_dir_flags {
    WISP_WASI_DIR_READONLY = 1, /* no writes, creations, renames or deletions beneath it */
};
/* Preopens host directory host_path as guest_path (e.g. "." or "/data"). Fails with a clear
 * message if host_path is missing or not a directory. Preopens get fds 3, 4, ... in call order.
 * The directory is opened now; the context closes it when freed. With WISP_WASI_DIR_READONLY,
 * every call that would write, create, rename, link or delete beneath it fails with EROFS (files
 * beneath it can still be opened for reading). */
WISP_API struct wisp_result wisp_wasi_preopen_dir(struct wisp_wasi *wasi, const char *host_path,
                                                  const char *guest_path, unsigned flags);

/* Binds guest stdio fd (0, 1 or 2) to a host fd (not closed by wisp). */
WISP_API struct wisp_result wisp_wasi_set_stdio_fd(struct wisp_wasi *wasi, int guest_fd, int host_fd);
/* Makes guest stdin read from a copy of the buffer. */
WISP_API struct wisp_result wisp_wasi_set_stdin_buffer(struct wisp_wasi *wasi, const void *data, size_t len);
/* Makes guest stdout (1) or stderr (2) write into a memory buffer, read with wisp_wasi_output. */
WISP_API struct wisp_result wisp_wasi_capture_output(struct wisp_wasi *wasi, int guest_fd);
/* The bytes captured so far for guest fd 1 or 2 (owned by the context), or NULL. */
WISP_API const uint8_t *wisp_wasi_output(const struct wisp_wasi *wasi, int guest_fd, size_t *len);

/* Hands a connected or listening host socket to the guest; *guest_fd receives its number (the
 * lowest free one). The host keeps ownership: wisp never closes it, not even on the guest's
 * fd_close (connections the guest accepts from it are the guest's and are closed). wasi-libc finds
 * preopens by scanning fds 3, 4, ... until one is not a preopen, so add sockets after preopens. */
WISP_API struct wisp_result wisp_wasi_add_socket(struct wisp_wasi *wasi, int host_fd, uint32_t *guest_fd);

/* Deterministic mode for tests: clocks start at a fixed time (realtime 2023-11-14T22:13:20Z,
 * the others 0) and advance by 1 ms per read, clock_res_get says 1 us, poll_oneoff sleeps do not
 * sleep (the clocks jump to the deadline instead), and random_get returns a pseudo-random stream
 * seeded by `seed` (not secure). File timestamps still come from the host. */
WISP_API void wisp_wasi_set_deterministic(struct wisp_wasi *wasi, uint64_t seed);

/* Defines all 46 wasi_snapshot_preview1 functions in the linker (module name
 * "wasi_snapshot_preview1"), bound to this context, which must outlive every call into them.
 * proc_exit makes the guest's call return a WISP_EXIT result carrying the exit code. */
WISP_API struct wisp_result wisp_wasi_define(struct wisp_wasi *wasi, struct wisp_linker *linker);

#ifdef __cplusplus
}
#endif
#endif
