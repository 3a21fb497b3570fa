/* POSIX implementation of the virtual-memory layer (mmap/mprotect/munmap). */
#define _DEFAULT_SOURCE 1
#include "vmem.h"

#include <stddef.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MAP_NORESERVE
#define MAP_NORESERVE 0
#endif
#if !defined(MAP_ANONYMOUS) && defined(MAP_ANON)
#define MAP_ANONYMOUS MAP_ANON
#endif

uint64_t os_page_size(void) {
    long p = sysconf(_SC_PAGESIZE);
    return p > 0 ? (uint64_t)p : 4096u;
}

void *os_vmem_reserve(uint64_t size) {
    if (size == 0 || size > (uint64_t)SIZE_MAX) return NULL;
    void *p = mmap(NULL, (size_t)size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

bool os_vmem_commit(void *p, uint64_t size) {
    if (size == 0) return true;
    return mprotect(p, (size_t)size, PROT_READ | PROT_WRITE) == 0;
}

bool os_vmem_decommit(void *p, uint64_t size) {
    if (size == 0) return true;
    /* Replacing the range with a fresh inaccessible mapping drops the pages and keeps the
     * reservation; the new pages read as zero when committed again. */
    void *q = mmap(p, (size_t)size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    return q != MAP_FAILED;
}

bool os_vmem_zero(void *p, uint64_t size) {
    if (size == 0) return true;
#if defined(__linux__) && defined(MADV_DONTNEED)
    /* Linux drops private anonymous pages on MADV_DONTNEED: the next touch maps a zero page. */
    return madvise(p, (size_t)size, MADV_DONTNEED) == 0;
#else
    /* Elsewhere MADV_DONTNEED may keep the contents: map fresh zero pages over the range. */
    void *q = mmap(p, (size_t)size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED,
                   -1, 0);
    return q != MAP_FAILED;
#endif
}

void os_vmem_release(void *p, uint64_t size) {
    if (p && size) munmap(p, (size_t)size);
}
