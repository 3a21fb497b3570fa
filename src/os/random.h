/* Cryptographically secure random bytes from the operating system. */
#ifndef WISP_OS_RANDOM_H
#define WISP_OS_RANDOM_H

#include <stddef.h>

/* Fills buf[0..len) with random bytes (getrandom, else /dev/urandom). Returns 0 or an errno. */
int os_random(void *buf, size_t len);

#endif
