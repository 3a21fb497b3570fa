/* OS randomness: getrandom() where it exists (Linux, glibc 2.25+), /dev/urandom otherwise. */
#define _DEFAULT_SOURCE 1
#include "random.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

int os_random(void *buf, size_t len) {
    uint8_t *p = buf;
#if defined(__linux__) && defined(GRND_NONBLOCK)
    while (len) {
        ssize_t n = getrandom(p, len > 33554431u ? 33554431u : len, 0);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == ENOSYS) break; /* very old kernel: fall back to the device */
            return errno;
        }
        p += n;
        len -= (size_t)n;
    }
    if (!len) return 0;
#endif
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd < 0) return errno;
    while (len) {
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            int e = n < 0 ? errno : EIO;
            close(fd);
            return e;
        }
        p += n;
        len -= (size_t)n;
    }
    close(fd);
    return 0;
}
