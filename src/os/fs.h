/* Filesystem system calls beyond plain POSIX that the WASI sandbox needs: openat2 with
 * RESOLVE_BENEATH (Linux 5.6+), reached through syscall() because libc may not wrap it. */
#ifndef WISP_OS_FS_H
#define WISP_OS_FS_H

#include <stdint.h>

/* openat2 resolve flags (the kernel's values). */
#define OS_RESOLVE_NO_MAGICLINKS 0x02u /* no /proc/self/fd-style "magic" links */
#define OS_RESOLVE_BENEATH 0x08u       /* every step stays beneath dirfd: no absolute paths, no
                                        * `..` above it, no symlink leading out */

/* openat2(dirfd, path, {flags, mode, resolve}). Returns the new fd, or -errno. Returns -ENOSYS
 * when the system has no openat2 (old kernel, other OS, or a seccomp filter that hides it: EPERM
 * from the filter is reported as -ENOSYS only by the caller's probe, see src/wasi/sandbox.c). */
int os_openat2(int dirfd, const char *path, int flags, uint32_t mode, uint64_t resolve);

#endif
