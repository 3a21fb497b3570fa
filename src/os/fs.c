/* openat2 through syscall(): glibc before 2.36 has no wrapper, and we need it only on Linux. */
#define _GNU_SOURCE 1
#include "fs.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#endif

int os_openat2(int dirfd, const char *path, int flags, uint32_t mode, uint64_t resolve) {
#if defined(__linux__) && defined(SYS_openat2)
    /* struct open_how from <linux/openat2.h>, spelled out so older headers still build. */
    struct {
        uint64_t flags;
        uint64_t mode;
        uint64_t resolve;
    } how;
    memset(&how, 0, sizeof how);
    how.flags = (uint64_t)(uint32_t)flags;
    how.mode = mode;
    how.resolve = resolve;
    long r;
    do {
        r = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
    } while (r < 0 && errno == EINTR);
    return r < 0 ? -errno : (int)r;
#else
    (void)dirfd;
    (void)path;
    (void)flags;
    (void)mode;
    (void)resolve;
    return -ENOSYS;
#endif
}
